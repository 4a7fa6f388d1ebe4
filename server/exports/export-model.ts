import type { FieldDef } from '../../engine/package/model';

/** One transmitted statement as exports see it: who sent it, and its facts. */
export interface ExportedStatement {
  siren: string;
  organisation: string;
  kind: string;
  receiptNumber: string;
  transmittedAt: string;
  late: boolean;
  facts: ExportedFact[];
}

export interface ExportedFact {
  sheet: string;
  code: string;
  /** 1-based table row, null outside tables. */
  row: number | null;
  value: string | number | boolean;
}

/** Statements come in pages from the database so an export never holds a whole campaign. */
export type StatementPages = AsyncIterable<ExportedStatement[]>;

export const STATEMENT_COLUMNS = ['siren', 'organisme', 'famille', 'recepisse', 'transmis_le', 'hors_delai'];
export const LONG_COLUMNS = [...STATEMENT_COLUMNS, 'feuille', 'code', 'ligne', 'valeur'];

export function statementCells(statement: ExportedStatement): Array<string | boolean> {
  return [statement.siren, statement.organisation, statement.kind, statement.receiptNumber, statement.transmittedAt, statement.late];
}

/** Key of a fact in the wide layout: the stable code, with `#n` for the n-th row of an open table. */
export const wideKey = (code: string, row: number | null): string => (row === null ? code : `${code}#${row}`);

/**
 * Columns of the wide layout: every field of the version in package order, table columns repeated
 * for as many rows as the longest table of the campaign holds (`maxRows`, by table path).
 */
export function wideColumns(fields: FieldDef[], maxRows: Map<string, number>): string[] {
  const columns: string[] = [];
  const tables = new Map<string, FieldDef[]>();
  for (const field of fields) {
    if (!field.table) columns.push(field.code);
    else {
      const key = `${field.sheet}.${field.table}`;
      if (!tables.has(key)) tables.set(key, []);
      tables.get(key)!.push(field);
    }
  }
  for (const [key, tableFields] of tables) {
    const rows = maxRows.get(key) ?? 0;
    for (let row = 1; row <= rows; row++) for (const field of tableFields) columns.push(wideKey(field.code, row));
  }
  return columns;
}
