/** Cached outcomes → the public Report. Results are built once per outcome and reused. */
import type { ControlResult, FieldLocation, Justifications, Report, Severity } from '../../api';
import type { CompiledRule, Plan, State } from '../compiler';
import type { Outcome } from './outcome';
import { renderMessage } from './render';

/** results[rule][row] (row 0 outside tables) → outcomes. */
export type Results = Outcome[][][];

export function buildControls(plan: Plan, st: State, results: Results): ControlResult[] {
  const controls: ControlResult[] = [];
  plan.rules.forEach((rule, i) => {
    const rows = results[i];
    for (let row = 0; row < rows.length; row++) {
      for (const outcome of rows[row]) {
        outcome.result ??= toResult(plan, rule, st, rule.forEach === undefined ? -1 : row, outcome);
        controls.push(outcome.result);
      }
    }
  });
  return controls;
}

function toResult(plan: Plan, rule: CompiledRule, st: State, row: number, outcome: Outcome): ControlResult {
  const result: ControlResult = { ruleId: rule.def.id, severity: rule.severity, status: outcome.status, fields: locations(rule, row, outcome) };
  if (row >= 0) result.row = row;
  if (outcome.status === 'fail' || outcome.status === 'error') result.message = renderMessage(plan, rule, st, row, outcome);
  return result;
}

function locations(rule: CompiledRule, row: number, outcome: Outcome): FieldLocation[] {
  if (outcome.field) {
    const f = outcome.field.field;
    return [outcome.field.kind === 'row' ? { sheet: f.sheet, path: f.path, row, code: f.code } : { sheet: f.sheet, path: f.path, code: f.code }];
  }
  if (row < 0 || rule.rowFields.length === 0) return rule.locations;
  return [...rule.rowFields.map((f) => ({ sheet: f.sheet, path: f.path, row, code: f.code })), ...rule.locations];
}

export function summarise(controls: ControlResult[], computed: Report['computed'], justifications: Justifications = {}): Report {
  const counts: Record<Severity, number> = { blocking: 0, warning: 0, info: 0 };
  const unjustified: Report['unjustified'] = [];
  let blocked = false;
  for (const c of controls) {
    if (c.status !== 'fail' && c.status !== 'error') continue;
    counts[c.severity]++;
    if (c.severity === 'blocking') blocked = true;
    if (c.severity === 'warning' && !isJustified(justifications, c)) {
      unjustified.push(c.row === undefined ? { ruleId: c.ruleId } : { ruleId: c.ruleId, row: c.row });
    }
  }
  return { computed, controls, counts, transmissible: !blocked && unjustified.length === 0, unjustified };
}

function isJustified(justifications: Justifications, c: ControlResult): boolean {
  const key = c.row === undefined ? c.ruleId : `${c.ruleId}#${c.row}`;
  const own = (k: string) => Object.prototype.hasOwnProperty.call(justifications, k) && typeof justifications[k] === 'string' && justifications[k].trim() !== '';
  return own(key) || (c.row !== undefined && own(c.ruleId));
}
