import type { FieldDef, FormPackage, TableDef } from '../../package/model';
import type { ScalarType } from '../functions';

/** What a reference resolves to in the package. */
export type Resolved =
  | { kind: 'scalar'; field: FieldDef }
  | { kind: 'column'; field: FieldDef; table: TableDef }
  | { kind: 'wildcard'; sheet: string; column: string; fields: FieldDef[] }
  | { kind: 'row'; field: FieldDef; table: TableDef }
  | { kind: 'otherForm'; form: string; key: string };

export const fieldKey = (sheet: string, path: string) => `${sheet}.${path}`;

/** Column name of a table column field (`emprunts.crd_fin` → `crd_fin`). */
export const columnName = (field: FieldDef) => field.path.slice((field.table?.length ?? -1) + 1);

export const scalarTypeOf = (field: FieldDef): ScalarType => (field.type === 'integer' ? 'number' : field.type);

/** Lookup tables over a package's sheets, fields and tables. */
export class PackageIndex {
  readonly sheets = new Set<string>();
  readonly categories = new Set<string>();
  /** sheet → path → field: lookups need no key string. */
  private readonly fields = new Map<string, Map<string, FieldDef>>();
  private readonly tables = new Map<string, TableDef>();
  private readonly columnsByTable = new Map<string, FieldDef[]>();
  private readonly wildcards = new Map<string, FieldDef[]>();

  constructor(readonly pkg: FormPackage) {
    for (const sheet of pkg.sheets) this.sheets.add(sheet.id);
    for (const category of pkg.manifest.attachments ?? []) this.categories.add(category.code);
    for (const table of pkg.tables) {
      this.tables.set(fieldKey(table.sheet, table.path), table);
      this.columnsByTable.set(fieldKey(table.sheet, table.path), []);
    }
    for (const field of pkg.fields) {
      let sheetFields = this.fields.get(field.sheet);
      if (!sheetFields) this.fields.set(field.sheet, (sheetFields = new Map()));
      sheetFields.set(field.path, field);
      if (field.table) this.columnsByTable.get(fieldKey(field.sheet, field.table))?.push(field);
    }
  }

  field(sheet: string, path: string): FieldDef | undefined {
    return this.fields.get(sheet)?.get(path);
  }

  table(sheet: string, path: string): TableDef | undefined {
    return this.tables.get(fieldKey(sheet, path));
  }

  columns(table: TableDef): FieldDef[] {
    return this.columnsByTable.get(fieldKey(table.sheet, table.path)) ?? [];
  }

  column(table: TableDef, name: string): FieldDef | undefined {
    return this.field(table.sheet, `${table.path}.${name}`);
  }

  /** `SHEET.*.col`: the `col` field of every group of the sheet, computed ones excluded. */
  wildcard(sheet: string, column: string): FieldDef[] {
    const key = `${sheet}.*.${column}`;
    let fields = this.wildcards.get(key);
    if (!fields) this.wildcards.set(key, (fields = this.collectWildcard(sheet, column)));
    return fields;
  }

  private collectWildcard(sheet: string, column: string): FieldDef[] {
    return this.pkg.fields.filter(
      (f) => f.sheet === sheet && f.group !== undefined && !f.table && !f.readOnly && f.path === `${f.group}.${column}`,
    );
  }
}
