import type { ScalarType, Type } from '../functions';

/** The context references an expression may read, and their types. */
export const CONTEXT_TYPES: Record<string, Record<string, Type>> = {
  organisme: {
    famille: 'string',
    siren: 'string',
    nom: 'string',
    departement: 'string',
    departements: 'list<string>',
  },
  campagne: {
    exercice: 'number',
    cloture: 'date',
  },
};

export type { ScalarType };
