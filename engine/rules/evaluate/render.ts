/** Renders a result's French message from the rule's template and the current state. */
import type { CompiledRule, Plan, State } from '../compiler';
import { isError } from '../functions';
import type { RuleErrorCode, Value } from '../functions';
import { columnKey } from './load';
import type { Outcome } from './outcome';

const ERROR_TEXT: Record<RuleErrorCode, string> = {
  DIV_ZERO: 'division par zéro',
  INVALID_DATE: 'date invalide',
  INVALID_ARGUMENT: 'argument invalide',
};

const plain = (v: Value): unknown => (isError(v) ? null : v);

export function renderMessage(plan: Plan, rule: CompiledRule, st: State, row: number, outcome: Outcome): string {
  const name = rule.def.title ?? rule.def.id;
  if (outcome.status === 'error') {
    return `Le contrôle « ${escapeHtml(name)} » n’a pas pu être évalué : ${ERROR_TEXT[outcome.error ?? 'INVALID_ARGUMENT']}.`;
  }
  if (!rule.message)
    return escapeHtml(rule.kind === 'required' && outcome.field ? `Le champ « ${outcome.field.field.title} » est obligatoire.` : name);
  const context: Record<string, unknown> = Object.create(null);
  for (const { name: key, fn } of rule.values) context[key] = plain(fn(st, row));
  context.organisme = group(st, 'organisme');
  context.campagne = group(st, 'campagne');
  if (rule.forEach !== undefined && row >= 0) context.ligne = rowObject(plan, st, rule.forEach, row);
  if (outcome.field) context.champ = outcome.field.field.title;
  return rule.message(context);
}

/** The context never changes during a session: its template views are built once per state. */
const groups = new WeakMap<State, Record<string, Record<string, unknown>>>();

function group(st: State, scope: string): Record<string, unknown> {
  let byScope = groups.get(st);
  if (!byScope) groups.set(st, (byScope = Object.create(null) as Record<string, Record<string, unknown>>));
  return (byScope[scope] ??= contextGroup(st, scope));
}

function contextGroup(st: State, scope: string): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(st.c)) {
    if (key.startsWith(`${scope}.`)) out[key.slice(scope.length + 1)] = st.c[key];
  }
  return out;
}

/** `ligne` in messages: the row's columns, and `numero` (key column value, else 1-based row number). */
function rowObject(plan: Plan, st: State, table: number, row: number): Record<string, unknown> {
  const layout = plan.layout.tables[table];
  const values = st.t[table][row] ?? [];
  const out: Record<string, unknown> = Object.create(null);
  layout.columns.forEach((_, c) => (out[columnKey(layout, c)] = plain(values[c] ?? null)));
  if (!('numero' in out) || out.numero === null) {
    const key = layout.def.key ? layout.columnIndex.get(layout.def.key) : undefined;
    out.numero = key !== undefined && values[key] !== null ? values[key] : row + 1;
  }
  return out;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/** Same escaping as handlebars applies to template output. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (ch) => HTML_ESCAPES[ch]);
}
