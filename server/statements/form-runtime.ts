import type { Answers, EvaluationContext, Justifications, Report } from '../../engine/api';
import type { FieldError, FormPackage } from '../../engine/package/model';
import type { AppState } from '../context';

export type { FieldError };

/**
 * What the statement capability needs of a published form version: its package (fields, sheets,
 * templates) and the engine's two verdicts. Built from S1's compiled-form cache.
 */
export interface FormRuntime {
  formVersionId: number;
  pkg: FormPackage;
  /** Structural errors of a draft (requiredness is left to the rules, checked on transmission). */
  validate(answers: Answers): FieldError[];
  evaluate(answers: Answers, context: EvaluationContext, justifications: Justifications): Report;
}

export async function formRuntime(state: AppState, formVersionId: number): Promise<FormRuntime> {
  void state;
  void formVersionId;
  throw new Error('formRuntime: waiting for getCompiledForm (S1) and engine/index.ts');
}
