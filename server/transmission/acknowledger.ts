import { writeTransactionOptions } from '../audit/log';
import { UniqueConstraintError } from 'sequelize';
import type { Acknowledgement } from '../db/models';
import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { conflict, forbidden, notFound } from '../http/errors';
import { recordAudit } from '../statements/audit';

/** Who acknowledges on behalf of whom: one acknowledgement per receiving body, not per agent. */
export function recipientKey(user: Actor): string {
  if (user.authorityId) return `authority:${user.authorityId}`;
  if (user.federationId) return `federation:${user.federationId}`;
  throw forbidden('Seul un destinataire peut accuser réception.');
}

/**
 * A recipient acknowledges the current submission (« pris en compte »). Acknowledging twice is
 * harmless: the unique (submission, recipient) index keeps one row and the first one is answered.
 */
export async function acknowledge(state: AppState, user: Actor, statementId: number): Promise<Acknowledgement> {
  const recipient = recipientKey(user);
  try {
    return await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
      const statement = await state.models.Statement.findByPk(statementId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!statement) throw notFound('Déclaration introuvable.');
      const submission = await state.models.Submission.findOne({
        where: { statementId, replacedBy: null },
        order: [['number', 'DESC']],
        transaction,
      });
      if (!submission || !['transmitted', 'acknowledged'].includes(statement.state))
        throw conflict('Cette déclaration n’est pas transmise : rien à accuser.');
      const ack = await state.models.Acknowledgement.create({ submissionId: submission.id, recipient, userId: user.id }, { transaction });
      if (statement.state === 'transmitted') await statement.update({ state: 'acknowledged' }, { transaction, fields: ['state'] });
      await recordAudit(state, transaction, user, 'statement.acknowledge', statementId, { submissionId: submission.id, recipient });
      return ack;
    });
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    const submission = await state.models.Submission.findOne({ where: { statementId, replacedBy: null }, order: [['number', 'DESC']] });
    const existing = submission && (await state.models.Acknowledgement.findOne({ where: { submissionId: submission.id, recipient } }));
    if (!existing) throw err;
    return existing;
  }
}
