/**
 * The rule engine: compile a package's rules once, then evaluate statements against them, in
 * full or incrementally. Pure TypeScript, no I/O: runs on the server and in the browser.
 */
import type { Answers, EvaluationContext, FieldChange, Justifications, LoadResult, Report } from '../api';
import type { FormPackage } from '../package/model';
import { checkRules } from './checker';
import { buildPlan } from './compiler';
import type { Plan } from './compiler';
import { Session } from './evaluate';
import { defaultRegistry } from './functions';
import type { FunctionRegistry } from './functions';
import { createMessageEnvironment } from './messages';

/** A package's rules, checked and compiled: build once per package version, share freely. */
export interface CompiledRules {
  readonly formId: string;
  readonly version: string;
  /** Number of active rules compiled. */
  readonly ruleCount: number;
  /** @internal the evaluation plan. */
  readonly plan: Plan;
}

/**
 * One statement being filled in. Unknown sheets, fields or tables are programmer errors and throw;
 * writes to computed fields and to rows that do not exist are ignored.
 */
export interface EvaluationSession {
  /** Sets one input cell (`row` for table cells); returns the computed-field changes it caused. */
  set(sheet: string, path: string, row: number | undefined, value: unknown): FieldChange[];
  /** Replaces the rows of an open table (rows added, removed or pasted). */
  setRows(sheet: string, tablePath: string, rows: unknown[]): FieldChange[];
  /** Replaces a whole sheet's answers (a save); only the cells that differ are recomputed. */
  setSheet(sheet: string, data: unknown): FieldChange[];
  /** The current report; cheap, reuses cached results. */
  report(justifications?: Justifications): Report;
  /** Input answers with computed fields filled in. */
  answers(): Answers;
}

export interface CompileOptions {
  registry?: FunctionRegistry;
}

/** Checks and compiles a package's rules; every problem is reported, nothing is thrown. */
export function compileRules(pkg: FormPackage, options: CompileOptions = {}): LoadResult<CompiledRules> {
  const registry = options.registry ?? defaultRegistry;
  const checked = checkRules(pkg, registry);
  if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics };
  const plan = buildPlan(checked, registry, createMessageEnvironment());
  return {
    ok: true,
    diagnostics: [],
    value: { formId: pkg.manifest.id, version: pkg.manifest.version, ruleCount: plan.rules.length, plan },
  };
}

export function createSession(compiled: CompiledRules, answers: Answers, ctx: EvaluationContext): EvaluationSession {
  return new Session(compiled.plan, answers, ctx);
}

/** Full evaluation of a statement. */
export function evaluate(compiled: CompiledRules, answers: Answers, ctx: EvaluationContext, justifications?: Justifications): Report {
  return createSession(compiled, answers, ctx).report(justifications);
}

export { checkRules } from './checker';
export type { CheckResult } from './checker';
export { parse } from './parser';
export type { Expr } from './parser';
export { print } from './printer';
export { collectDependencies } from './parser';
export { FUNCTIONS, FunctionRegistry, defaultRegistry } from './functions';
export type { FunctionDef } from './functions';
export { RULE_MESSAGES } from './checker';
