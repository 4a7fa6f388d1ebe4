import type { Answers, EvaluationContext, Justifications, Report } from '../../engine/api';
import type { FieldError, FormPackage } from '../../engine/package/model';
import { createSession, evaluate, validateAnswers, type CompiledForm, type EvaluationSession } from '../../engine';
import type { AppState } from '../context';
import { getCompiledForm } from '../publishing/form-cache';

export type { FieldError };

/**
 * What the statement capability needs of a published form version: its package (fields, sheets,
 * templates) and the engine's two verdicts. Built from S1's compiled-form cache.
 */
export interface FormRuntime {
  pkg: FormPackage;
  /** Structural errors of a draft (requiredness is left to the rules, checked on transmission). */
  validate(answers: Answers): FieldError[];
  evaluate(answers: Answers, context: EvaluationContext, justifications: Justifications): Report;
  /** A live evaluation of one statement, for incremental re-checks (see evaluation-cache). */
  session(answers: Answers, context: EvaluationContext): EvaluationSession;
}

const runtimes = new WeakMap<CompiledForm, FormRuntime>();
/** Versions without shared sheets depend on their own content only: `id|hash` is then a complete key. */
const selfContained = new Map<string, FormRuntime>();
const MAX_SELF_CONTAINED = 64;

/**
 * The runtime of a stored form version, on top of publishing's content-addressed compiled-form
 * cache. When the caller already knows the version's content hash and the version takes no sheet
 * from another package, no query is needed at all (the hot path of every save).
 */
export async function formRuntime(state: AppState, formVersionId: number, contentHash?: string): Promise<FormRuntime> {
  const key = contentHash ? `${formVersionId}|${contentHash}` : undefined;
  const known = key ? selfContained.get(key) : undefined;
  if (known) return known;
  const compiled = await getCompiledForm(state, formVersionId);
  let runtime = runtimes.get(compiled);
  if (!runtime) {
    runtime = {
      pkg: compiled.package,
      validate: (answers) => validateAnswers(compiled.package, answers, { partial: true }),
      evaluate: (answers, context, justifications) => evaluate(compiled.rules, answers, context, justifications),
      session: (answers, context) => createSession(compiled.rules, answers, context),
    };
    runtimes.set(compiled, runtime);
  }
  if (key && !compiled.package.sheets.some((sheet) => sheet.sharedFrom)) {
    selfContained.set(key, runtime);
    if (selfContained.size > MAX_SELF_CONTAINED) selfContained.delete(selfContained.keys().next().value as string);
  }
  return runtime;
}
