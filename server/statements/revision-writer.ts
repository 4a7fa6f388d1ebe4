import { QueryTypes, type Transaction } from 'sequelize';
import type { Answers } from '../../engine/api';
import type { StatementState } from '../db/models';
import type { AppState } from '../context';
import { boundDate } from '../db/raw-date';

export interface RevisionWrite {
  statementId: number;
  /** The state the caller checked: the update also fails if a transmission slipped in meanwhile. */
  state: StatementState;
  /** The state after the write, when it changes (an accepted reopening). */
  nextState?: StatementState;
  baseRevision: number;
  /** The statement's full answers after the save. */
  answers: Answers;
  sheet: string | null;
  /** What the revision's history row records: the saved sheet(s), or null for the whole answers. */
  saved: Answers | null;
  userId: number;
}

/**
 * The one way to move a statement to its next revision: a single conditional
 * `UPDATE … WHERE revision = base AND state = …`. The history row is appended by the database's
 * trigger from the `last_*` columns set here (migrations/0005), atomically with the update, so an
 * autosave is one round trip and no revision can escape the history. Model.update would build and
 * validate instances around the (large) answers object for nothing. Returns false when another
 * write won the race.
 */
export async function writeRevision(state: AppState, write: RevisionWrite, transaction?: Transaction): Promise<boolean> {
  // Bound, not replaced: the answers travel as a parameter of a prepared statement instead of
  // being escaped into the SQL text character by character (the hot path's largest string).
  const affected: unknown = await state.sequelize.query(
    `UPDATE statements SET answers = $answers, revision = $revision, state = $nextState, updated_at = $now,
            last_sheet = $sheet, last_change = $saved, last_user_id = $userId
      WHERE id = $id AND revision = $baseRevision AND state = $state`,
    {
      bind: {
        answers: JSON.stringify(write.answers),
        revision: write.baseRevision + 1,
        nextState: write.nextState ?? write.state,
        now: boundDate(state.sequelize.getDialect(), new Date()),
        sheet: write.sheet,
        saved: write.saved === null ? null : JSON.stringify(write.saved),
        userId: write.userId,
        id: write.statementId,
        baseRevision: write.baseRevision,
        state: write.state,
      },
      // BULKUPDATE resolves to the affected row count on both dialects.
      type: QueryTypes.BULKUPDATE,
      transaction,
    },
  );
  return affected === 1;
}
