import type { EvaluationContext, Report } from '../../engine/api';
import { evaluate, validateAnswers } from '../../engine';
import type { FieldError } from '../../engine/package/model';
import type { AppState } from '../context';
import type { FormVersion } from '../db/models';
import { getCompiledForm } from './form-cache';
import type { PreviewRequest } from './schema';

/** What an editor sees before publishing: the structural errors and the engine's report on sample answers. */
export async function previewVersion(
  state: AppState,
  version: FormVersion,
  input: PreviewRequest,
): Promise<{ errors: FieldError[]; report: Report }> {
  const compiled = await getCompiledForm(state, version.id);
  const { manifest } = compiled.package;
  const context: EvaluationContext = {
    organisation: {
      siren: input.organisation.siren ?? '000000000',
      name: input.organisation.name ?? 'Organisme d’essai',
      kind: (input.organisation.kind ?? manifest.audience[0] ?? 'OPH') as EvaluationContext['organisation']['kind'],
      departement: input.organisation.departement ?? '75',
      departements: input.organisation.departements ?? [input.organisation.departement ?? '75'],
    },
    campaign: { exercice: version.exercice },
    ...(input.previous ? { previous: input.previous } : {}),
    ...(input.attachments ? { attachments: input.attachments } : {}),
  };
  return {
    errors: validateAnswers(compiled.package, input.answers),
    report: evaluate(compiled.rules, input.answers, context, input.justifications),
  };
}
