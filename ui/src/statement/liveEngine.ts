/**
 * What the statement page needs from the engine while the user types: an incremental session
 * (set one value → the computed fields that changed) and the current report. engineSession.ts
 * builds it from the engine's createSession; the store only knows this interface.
 */
import type { Answers, FieldChange, Justifications, Report } from '../../../engine/api';

export interface LiveEngine {
  /** One value changed (row for open-table cells): returns what changed, computed fields included. */
  set(sheet: string, path: string, row: number | undefined, value: unknown): FieldChange[];
  /** Rows of an open table added, removed or pasted. */
  setRows(sheet: string, table: string, rows: unknown[]): FieldChange[];
  /** The controls' results now, with the given justifications. */
  report(justifications: Justifications): Report;
  /** Answers replaced wholesale (conflict merge, import): start again from these. */
  reset(answers: Answers): void;
}
