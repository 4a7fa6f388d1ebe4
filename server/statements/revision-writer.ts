import { QueryTypes, type Transaction } from 'sequelize';
import type { Answers } from '../../engine/api';
import type { StatementState } from '../db/models';
import type { AppState } from '../context';

export interface RevisionWrite {
  statementId: number;
  /** The state the caller checked: the update also fails if a transmission slipped in meanwhile. */
  state: StatementState;
  baseRevision: number;
  /** The statement's full answers after the save. */
  answers: Answers;
  sheet: string | null;
  /** What the revision row records: the saved sheet(s) only. */
  saved: Answers;
  userId: number;
}

/**
 * The hot path of every autosave, in two plain parameterised statements: a conditional
 * `UPDATE … WHERE revision = base` and the append-only revision row. Model.update/create would
 * build and validate instances around the (large) answers object for nothing; the columns written
 * here are the ones the models declare. Returns false when another save won the race.
 */
export async function writeRevision(state: AppState, transaction: Transaction, write: RevisionWrite): Promise<boolean> {
  const now = new Date();
  const revision = write.baseRevision + 1;
  const affected: unknown = await state.sequelize.query(
    `UPDATE statements SET answers = :answers, revision = :revision, updated_at = :now
      WHERE id = :id AND revision = :baseRevision AND state = :state`,
    {
      replacements: {
        answers: JSON.stringify(write.answers),
        revision,
        now,
        id: write.statementId,
        baseRevision: write.baseRevision,
        state: write.state,
      },
      // BULKUPDATE resolves to the affected row count on both dialects.
      type: QueryTypes.BULKUPDATE,
      transaction,
    },
  );
  if (affected !== 1) return false;
  await state.sequelize.query(
    `INSERT INTO statement_revisions (statement_id, revision, sheet, answers, user_id, created_at)
     VALUES (:statementId, :revision, :sheet, :answers, :userId, :now)`,
    {
      replacements: {
        statementId: write.statementId,
        revision,
        sheet: write.sheet,
        answers: JSON.stringify(write.saved),
        userId: write.userId,
        now,
      },
      type: QueryTypes.INSERT,
      transaction,
    },
  );
  return true;
}
