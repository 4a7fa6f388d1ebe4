/** Evaluation of one rule for one row (-1 outside tables): pure reads of the state. */
import type { CompiledRule, State } from '../compiler';
import { isError } from '../functions';
import type { Value } from '../functions';
import type { Outcome } from './outcome';

/** A blank or false `when` makes the rule not applicable; an error in it is reported. */
function applicable(rule: CompiledRule, st: State, row: number): Value {
  return rule.when ? rule.when(st, row) : true;
}

export function computeValue(rule: CompiledRule, st: State, row: number): Value {
  const when = applicable(rule, st, row);
  if (when !== true) return isError(when) ? when : null;
  return rule.expr!(st, row);
}

export function outcomesOf(rule: CompiledRule, st: State, row: number): Outcome[] {
  const when = applicable(rule, st, row);
  if (isError(when)) return [{ status: 'error', error: when.code }];
  if (when !== true) return [{ status: 'not_applicable' }];
  switch (rule.kind) {
    case 'check': {
      const v = rule.assert!(st, row);
      if (isError(v)) return [{ status: 'error', error: v.code }];
      return [{ status: v === null ? 'not_applicable' : v ? 'pass' : 'fail' }];
    }
    case 'required': {
      const failures: Outcome[] = [];
      for (const field of rule.required) {
        const v = field.kind === 'scalar' ? st.s[field.slot] : st.t[field.table][row]?.[field.column];
        if (v === null || v === undefined) failures.push({ status: 'fail', field });
      }
      return failures.length > 0 ? failures : [{ status: 'pass' }];
    }
    case 'attachment':
      return [{ status: st.env.attachments(rule.def.category ?? '') > 0 ? 'pass' : 'fail' }];
    case 'computed':
      return [];
  }
}

/** Same value for propagation purposes (errors compare by code). */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  return isError(a) && isError(b) && a.code === b.code;
}
