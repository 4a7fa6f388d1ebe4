import type { Transaction } from 'sequelize';
import { audit } from '../audit/log';
import type { AppState } from '../context';
import type { Actor } from '../policies/actor';

/** Appends one entry about a statement to the hash-chained audit log, inside the caller's transaction. */
export async function recordAudit(
  state: AppState,
  transaction: Transaction,
  actor: Actor,
  action: string,
  statementId: number,
  details: Record<string, unknown> = {},
): Promise<void> {
  await audit(
    state,
    { actor: { id: actor.id, email: actor.email }, action, objectType: 'statement', objectId: statementId, details },
    transaction,
  );
}
