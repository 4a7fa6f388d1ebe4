import type { Diagnostic } from '../../engine/api';
import { unprocessable } from '../http/errors';

/** 422 with every diagnostic of the engine, so that an editor fixes everything in one go. */
export const packageInvalid = (diagnostics: Diagnostic[]) =>
  unprocessable(`Le paquet de formulaire contient ${diagnostics.length} erreur${diagnostics.length > 1 ? 's' : ''}.`, { diagnostics });
