/**
 * Where each value lives at run time: scalar fields in one flat array (slots), open tables as
 * arrays of rows, each row an array indexed by column.
 */
import type { FieldDef, FormPackage, TableDef } from '../../package/model';
import { columnName, fieldKey } from '../checker';

export interface TableLayout {
  def: TableDef;
  columns: FieldDef[];
  /** Column names (the row objects' keys), by column index. */
  keys: string[];
  columnIndex: Map<string, number>;
}

export class Layout {
  readonly scalars: FieldDef[] = [];
  readonly tables: TableLayout[] = [];
  /** Built on first use (sessions), not at compile time. */
  private slotByKeyCache: Map<string, number> | undefined;
  private segmentsCache: string[][] | undefined;
  /** By field object: lookups during compilation allocate no key strings. */
  private readonly slotByField = new Map<FieldDef, number>();
  private readonly cellByField = new Map<FieldDef, { table: number; column: number }>();
  private readonly tableByKey = new Map<string, number>();

  constructor(pkg: FormPackage) {
    pkg.tables.forEach((def, i) => {
      this.tables.push({ def, columns: [], keys: [], columnIndex: new Map() });
      this.tableByKey.set(fieldKey(def.sheet, def.path), i);
    });
    for (const field of pkg.fields) {
      if (field.table) {
        const table = this.tables[this.tableByKey.get(fieldKey(field.sheet, field.table))!];
        if (!table) continue;
        table.columnIndex.set(columnName(field), table.columns.length);
        this.cellByField.set(field, { table: this.tableByKey.get(fieldKey(field.sheet, field.table))!, column: table.columns.length });
        table.columns.push(field);
        table.keys.push(columnName(field));
      } else {
        this.slotByField.set(field, this.scalars.length);
        this.scalars.push(field);
      }
    }
  }

  /** Path segments of each scalar field inside its sheet, split once. */
  get segments(): string[][] {
    return (this.segmentsCache ??= this.scalars.map((f) => f.path.split('.')));
  }

  private get slotByKey(): Map<string, number> {
    return (this.slotByKeyCache ??= new Map(this.scalars.map((f, slot) => [fieldKey(f.sheet, f.path), slot])));
  }

  slot(field: FieldDef): number {
    const slot = this.slotByField.get(field);
    if (slot === undefined) throw new Error(`no slot for ${field.sheet}.${field.path}`);
    return slot;
  }

  slotOf(sheet: string, path: string): number | undefined {
    return this.slotByKey.get(fieldKey(sheet, path));
  }

  tableOf(sheet: string, path: string): number | undefined {
    return this.tableByKey.get(fieldKey(sheet, path));
  }

  /** Table index and column index of a table column field. */
  cell(field: FieldDef): { table: number; column: number } {
    const known = this.cellByField.get(field);
    if (known) return known;
    const table = this.tableByKey.get(fieldKey(field.sheet, field.table ?? ''));
    const column = table === undefined ? undefined : this.tables[table].columnIndex.get(columnName(field));
    if (table === undefined || column === undefined) throw new Error(`no column for ${field.sheet}.${field.path}`);
    return { table, column };
  }
}
