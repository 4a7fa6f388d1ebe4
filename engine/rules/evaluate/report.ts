/** Cached outcomes → the public Report. Results are built once per outcome and reused. */
import type { ControlResult, FieldLocation, Justifications, Report, Severity } from '../../api';
import type { CompiledRule, Plan, State } from '../compiler';
import type { Outcome } from './outcome';
import { renderMessage } from './render';

/** results[rule][row] (row 0 outside tables) → outcomes. */
export type Results = Outcome[][][];

/** The controls of every rule, in rule order, with where each rule's results start. */
export interface ControlList {
  controls: ControlResult[];
  offsets: Int32Array;
  lengths: Int32Array;
  /** 1 where the control fails or errs: the summary only looks at those. */
  failing: Uint8Array;
}

const isFailing = (c: ControlResult) => c.status === 'fail' || c.status === 'error';

export function buildControls(plan: Plan, st: State, results: Results): ControlList {
  const controls: ControlResult[] = [];
  const offsets = new Int32Array(plan.rules.length);
  const lengths = new Int32Array(plan.rules.length);
  plan.rules.forEach((_, i) => {
    offsets[i] = controls.length;
    appendResults(plan, st, results, i, controls);
    lengths[i] = controls.length - offsets[i];
  });
  const failing = new Uint8Array(controls.length);
  for (let k = 0; k < controls.length; k++) failing[k] = isFailing(controls[k]) ? 1 : 0;
  return { controls, offsets, lengths, failing };
}

/**
 * Updates the list after the given rules were recomputed: in place when each still has the
 * same number of results (the common case: one cell edited), else rebuilt.
 */
export function patchControls(list: ControlList, plan: Plan, st: State, results: Results, rules: Iterable<number>): ControlList {
  for (const i of rules) {
    const fresh: ControlResult[] = [];
    appendResults(plan, st, results, i, fresh);
    if (fresh.length !== list.lengths[i]) return buildControls(plan, st, results);
    for (let k = 0; k < fresh.length; k++) {
      list.controls[list.offsets[i] + k] = fresh[k];
      list.failing[list.offsets[i] + k] = isFailing(fresh[k]) ? 1 : 0;
    }
  }
  return list;
}

function appendResults(plan: Plan, st: State, results: Results, i: number, into: ControlResult[]): void {
  const rule = plan.rules[i];
  const rows = results[i];
  for (let row = 0; row < rows.length; row++) {
    for (const outcome of rows[row]) {
      outcome.result ??= toResult(plan, rule, st, rule.forEach === undefined ? -1 : row, outcome);
      into.push(outcome.result);
    }
  }
}

function toResult(plan: Plan, rule: CompiledRule, st: State, row: number, outcome: Outcome): ControlResult {
  const result: ControlResult = {
    ruleId: rule.def.id,
    severity: rule.severity,
    status: outcome.status,
    fields: locations(rule, row, outcome),
  };
  if (row >= 0) result.row = row;
  if (outcome.status === 'fail' || outcome.status === 'error') result.message = renderMessage(plan, rule, st, row, outcome);
  // Results are shared between successive reports: nobody may change them.
  Object.freeze(result.fields);
  return Object.freeze(result);
}

function locations(rule: CompiledRule, row: number, outcome: Outcome): FieldLocation[] {
  if (outcome.field) {
    const f = outcome.field.field;
    return [
      outcome.field.kind === 'row' ? { sheet: f.sheet, path: f.path, row, code: f.code } : { sheet: f.sheet, path: f.path, code: f.code },
    ];
  }
  if (row < 0 || rule.rowFields.length === 0) return rule.locations;
  return [...rule.rowFields.map((f) => ({ sheet: f.sheet, path: f.path, row, code: f.code })), ...rule.locations];
}

export function summarise(list: ControlList, computed: Report['computed'], justifications?: Justifications): Report {
  const counts: Record<Severity, number> = { blocking: 0, warning: 0, info: 0 };
  const unjustified: Report['unjustified'] = [];
  const { controls, failing } = list;
  let blocked = false;
  for (let i = 0; i < failing.length; i++) {
    if (failing[i] === 0) continue;
    const c = controls[i];
    counts[c.severity]++;
    if (c.severity === 'blocking') blocked = true;
    else if (c.severity === 'warning' && !isJustified(justifications, c)) {
      unjustified.push(c.row === undefined ? { ruleId: c.ruleId } : { ruleId: c.ruleId, row: c.row });
    }
  }
  // The list is patched in place later: hand out a copy.
  return { computed, controls: controls.slice(), counts, transmissible: !blocked && unjustified.length === 0, unjustified };
}

/** A justification (non-blank text) under `ruleId#row`, or under `ruleId` for every row. */
function isJustified(justifications: Justifications | undefined, c: ControlResult): boolean {
  if (!justifications) return false;
  return (
    hasText(justifications, c.row === undefined ? c.ruleId : `${c.ruleId}#${c.row}`) ||
    (c.row !== undefined && hasText(justifications, c.ruleId))
  );
}

function hasText(justifications: Justifications, key: string): boolean {
  if (!Object.prototype.hasOwnProperty.call(justifications, key)) return false;
  const text = justifications[key];
  return typeof text === 'string' && text.trim() !== '';
}
