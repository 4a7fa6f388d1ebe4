import type { FieldDef } from '../../package/model';

/** What a compiled rule reads, in terms of run-time locations (the graph's value nodes). */
export class Reads {
  readonly slots = new Set<number>();
  /** Columns read as a whole (inline aggregates), as `table:column`. */
  readonly columns = new Set<string>();
  /** Columns read through `ligne.` only: a change in row r only concerns row r. */
  readonly rowColumns = new Set<string>();
  readonly aggregates = new Set<number>();
  /** Fields read through shared aggregates (for navigation only). */
  readonly listed = new Set<FieldDef>();

  static columnKey(table: number, column: number): string {
    return `${table}:${column}`;
  }
}
