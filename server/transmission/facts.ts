import type { Answers } from '../../engine/api';
import type { FieldDef } from '../../engine/package/model';
import { listCells } from '../statements/cells';
import { encodeFact } from './fact-values';

export interface FactRow {
  submissionId: number;
  sheet: string;
  code: string;
  row: number | null;
  value: string;
  numericValue: string | null;
}

/** One fact per submitted cell (entered or computed), by stable code and 1-based table row. */
export function factsOf(submissionId: number, fields: FieldDef[], answers: Answers, computed: Answers): FactRow[] {
  return listCells(fields, answers, computed).map((cell) => ({
    submissionId,
    sheet: cell.sheet,
    code: cell.code,
    row: cell.row,
    ...encodeFact(cell.value),
  }));
}
