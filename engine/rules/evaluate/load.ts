/**
 * Answers and context → run-time state. Reads only the package's known fields, through own
 * properties (never the prototype chain), and normalises each value to its field's type:
 * anything else (missing, null, '', a wrong type) is blank.
 */
import type { Answers, EvaluationContext } from '../../api';
import type { FieldDef } from '../../package/model';
import type { Layout, State, TableLayout } from '../compiler';
import { parseIsoDate } from '../functions';
import type { Scalar, Value } from '../functions';

const hasOwn = (o: unknown, key: string): boolean => typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, key);

/** Own property at a dotted path, or undefined. */
export function readPath(root: unknown, path: string): unknown {
  let current = root;
  for (const segment of path.split('.')) {
    if (!hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function normalise(field: FieldDef, raw: unknown): Scalar {
  switch (field.type) {
    case 'number':
    case 'integer':
      return typeof raw === 'number' && Number.isFinite(raw) ? (raw === 0 ? 0 : raw) : null;
    case 'string':
      return typeof raw === 'string' && raw !== '' ? raw : typeof raw === 'number' && field.enum ? raw : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'date':
      return typeof raw === 'string' && parseIsoDate(raw) ? raw : null;
  }
}

/** A value from outside the package's schema (previous exercice, another form): scalars only. */
export function looseScalar(raw: unknown): Scalar {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'boolean') return raw;
  return null;
}

export function loadRows(table: TableLayout, raw: unknown): Value[][] {
  if (!Array.isArray(raw)) return [];
  const { columns, keys } = table;
  const n = columns.length;
  const rows: Value[][] = new Array(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const source = raw[r] as Record<string, unknown>;
    const row: Value[] = new Array(n);
    for (let c = 0; c < n; c++) row[c] = columns[c].readOnly || !hasOwn(source, keys[c]) ? null : normalise(columns[c], source[keys[c]]);
    rows[r] = row;
  }
  return rows;
}

const columnKey = (table: TableLayout, column: number) => table.keys[column];

export function readSegments(root: unknown, segments: string[]): unknown {
  let current = root;
  for (let i = 0; i < segments.length; i++) {
    if (!hasOwn(current, segments[i])) return undefined;
    current = (current as Record<string, unknown>)[segments[i]];
  }
  return current;
}

export function loadState(layout: Layout, answers: Answers, ctx: EvaluationContext, aggregateCount: number): State {
  const sheetOf = (sheet: string) => (hasOwn(answers, sheet) ? answers[sheet] : undefined);
  const s: Value[] = layout.scalars.map((field, slot) =>
    field.readOnly ? null : normalise(field, readSegments(sheetOf(field.sheet), layout.segments[slot])),
  );
  const t = layout.tables.map((table) => loadRows(table, readPath(sheetOf(table.def.sheet), table.def.path)));
  const previous = ctx.previous ?? {};
  const others = ctx.otherForms ?? {};
  const attachments = ctx.attachments ?? {};
  return {
    s,
    t,
    a: new Array(aggregateCount).fill(null),
    c: contextValues(ctx),
    other: (form, key) => (hasOwn(others, form) && hasOwn(others[form], key) ? looseScalar(others[form][key]) : null),
    env: {
      previous: (code) => (hasOwn(previous, code) ? looseScalar(previous[code]) : null),
      attachments: (category) => {
        const n = hasOwn(attachments, category) ? attachments[category] : 0;
        return typeof n === 'number' && Number.isFinite(n) ? n : 0;
      },
    },
  };
}

/** `organisme.*` and `campagne.*` as the language names them. */
export function contextValues(ctx: EvaluationContext): Record<string, Value> {
  const org = ctx.organisation;
  const c: Record<string, Value> = Object.create(null);
  c['organisme.famille'] = org.kind;
  c['organisme.siren'] = org.siren;
  c['organisme.nom'] = org.name;
  c['organisme.departement'] = org.departement;
  c['organisme.departements'] = [...(org.departements ?? [])];
  c['campagne.exercice'] = ctx.campaign.exercice;
  // The fiscal year's closing date, the reference date of regulatory statements.
  c['campagne.cloture'] = `${ctx.campaign.exercice}-12-31`;
  return c;
}

export { columnKey, hasOwn };
