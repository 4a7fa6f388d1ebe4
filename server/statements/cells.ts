import type { Answers } from '../../engine/api';
import type { FieldDef } from '../../engine/package/model';

/**
 * One submitted value, addressed by stable code. `row` is the 1-based row number inside an open
 * table (null outside tables): the numbering people and accounting software use in files.
 */
export interface Cell {
  sheet: string;
  code: string;
  path: string;
  row: number | null;
  value: string | number | boolean;
}

export const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Column key of a table field: `emprunts.crd_fin` in table `emprunts` → `crd_fin`. */
export function columnOf(field: FieldDef): string {
  return field.table ? field.path.slice(field.table.length + 1) : field.path;
}

function readPath(data: unknown, dotted: string): unknown {
  let current: unknown = data;
  for (const key of dotted.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A computed value: the report keeps them by sheet → dotted path (table columns as arrays per row); nested objects are accepted too. */
function computedValue(computed: Answers | undefined, field: FieldDef, rowIndex?: number): unknown {
  const sheet = computed?.[field.sheet];
  if (!sheet) return undefined;
  const flat = Object.hasOwn(sheet, field.path) ? sheet[field.path] : undefined;
  if (field.table) {
    if (Array.isArray(flat)) return flat[rowIndex ?? 0];
    const rows = readPath(sheet, field.table);
    return Array.isArray(rows) ? readPath(rows[rowIndex ?? 0], columnOf(field)) : undefined;
  }
  return flat !== undefined ? flat : readPath(sheet, field.path);
}

export function tableRows(answers: Answers, sheet: string, table: string): Array<Record<string, unknown>> {
  const rows = readPath(answers[sheet], table);
  return Array.isArray(rows) ? (rows as Array<Record<string, unknown>>) : [];
}

function asScalar(value: unknown): string | number | boolean | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

/**
 * Every non-blank cell of a statement, entered or computed, in the package's field order:
 * what a transmission records as facts and what exports write.
 */
export function listCells(fields: FieldDef[], answers: Answers, computed?: Answers): Cell[] {
  const cells: Cell[] = [];
  for (const field of fields) {
    if (field.table) {
      const rows = tableRows(answers, field.sheet, field.table);
      rows.forEach((row, index) => {
        const raw = field.readOnly
          ? (computedValue(computed, field, index) ?? readPath(row, columnOf(field)))
          : readPath(row, columnOf(field));
        const value = asScalar(raw);
        if (value !== undefined) cells.push({ sheet: field.sheet, code: field.code, path: field.path, row: index + 1, value });
      });
    } else {
      const raw = field.readOnly
        ? (computedValue(computed, field) ?? readPath(answers[field.sheet], field.path))
        : readPath(answers[field.sheet], field.path);
      const value = asScalar(raw);
      if (value !== undefined) cells.push({ sheet: field.sheet, code: field.code, path: field.path, row: null, value });
    }
  }
  return cells;
}

/** Writes one value into a sheet's data, creating the group or the table row as needed. */
export function writeCell(sheetData: Record<string, unknown>, field: FieldDef, row: number | null, value: unknown): void {
  if (field.table) {
    const rows = (Array.isArray(sheetData[field.table]) ? sheetData[field.table] : (sheetData[field.table] = [])) as Array<
      Record<string, unknown>
    >;
    const index = (row ?? 1) - 1;
    while (rows.length <= index) rows.push({});
    rows[index][columnOf(field)] = value;
    return;
  }
  const keys = field.path.split('.');
  let target = sheetData;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}

/** Value of a single (non-table) field by stable code, for N-1 prefill. */
export function valuesByCode(fields: FieldDef[], answers: Answers, computed?: Answers): Map<string, Cell['value']> {
  const values = new Map<string, Cell['value']>();
  for (const cell of listCells(fields, answers, computed)) if (cell.row === null) values.set(cell.code, cell.value);
  return values;
}
