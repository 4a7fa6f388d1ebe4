import { writeTransactionOptions } from '../audit/log';
import type { ReopenRequest } from '../db/models';
import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { conflict, notFound, unprocessable } from '../http/errors';
import { recordAudit } from '../statements/audit';
import { writeRevision } from '../statements/revision-writer';

const TRANSMITTED_STATES = ['transmitted', 'acknowledged'];
export const MAX_REASON = 2000;

function requireReason(reason: string, what: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw unprocessable(`Indiquez le motif ${what}.`);
  if (trimmed.length > MAX_REASON) throw unprocessable(`Le motif ne doit pas dépasser ${MAX_REASON} caractères.`);
  return trimmed;
}

/** The organisation asks to reopen its transmitted statement (« demande de réouverture »), with a motive. */
export async function requestReopening(state: AppState, user: Actor, statementId: number, reason: string): Promise<ReopenRequest> {
  const motive = requireReason(reason, 'de la demande de réouverture');
  return state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const statement = await state.models.Statement.findByPk(statementId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!statement) throw notFound('Déclaration introuvable.');
    if (!TRANSMITTED_STATES.includes(statement.state))
      throw conflict('Seule une déclaration transmise peut faire l’objet d’une demande de réouverture.');
    const submission = await state.models.Submission.findOne({
      where: { statementId, replacedBy: null },
      order: [['number', 'DESC']],
      transaction,
    });
    if (!submission) throw conflict('Seule une déclaration transmise peut faire l’objet d’une demande de réouverture.');
    const request = await state.models.ReopenRequest.create(
      {
        statementId,
        submissionId: submission.id,
        reason: motive,
        requestedBy: user.id,
        status: 'pending',
        decidedBy: null,
        decisionReason: null,
        decidedAt: null,
      },
      { transaction },
    );
    await statement.update({ state: 'reopen_requested' }, { transaction, fields: ['state'] });
    await recordAudit(state, transaction, user, 'statement.reopen_request', statementId, {
      requestId: request.id,
      submissionId: submission.id,
    });
    return request;
  });
}

/**
 * DHUP (ER) or the owning federation (its questionnaires) decides. Accepted: the statement is a
 * draft again at a new revision (same answers), and its transmitted submission stays visible until
 * the next transmission marks it replaced. Refused: the statement returns to its previous state.
 */
export async function decideReopening(
  state: AppState,
  user: Actor,
  requestId: number,
  accept: boolean,
  reason = '',
): Promise<ReopenRequest> {
  const motive = accept ? reason.trim().slice(0, MAX_REASON) : requireReason(reason, 'du refus');
  return state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const request = await state.models.ReopenRequest.findByPk(requestId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!request) throw notFound('Demande de réouverture introuvable.');
    const statement = await state.models.Statement.findByPk(request.statementId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!statement) throw notFound('Demande de réouverture introuvable.');
    if (request.status !== 'pending' || statement.state !== 'reopen_requested') throw conflict('Cette demande a déjà été traitée.');
    const decidedAt = new Date();
    await request.update(
      { status: accept ? 'accepted' : 'refused', decidedBy: user.id, decisionReason: motive || null, decidedAt },
      { transaction },
    );
    if (accept) {
      const reopened = await writeRevision(
        state,
        {
          statementId: statement.id,
          state: statement.state,
          nextState: 'reopened',
          baseRevision: statement.revision,
          answers: statement.answers,
          sheet: null,
          saved: null,
          userId: user.id,
        },
        transaction,
      );
      // The row is locked above: nothing can have moved it since.
      if (!reopened) throw new Error(`statement ${statement.id} changed under its lock`);
    } else {
      const acknowledged = await state.models.Acknowledgement.count({ where: { submissionId: request.submissionId }, transaction });
      await statement.update({ state: acknowledged > 0 ? 'acknowledged' : 'transmitted' }, { transaction, fields: ['state'] });
    }
    await recordAudit(state, transaction, user, accept ? 'statement.reopen_accept' : 'statement.reopen_refuse', statement.id, {
      requestId,
    });
    return request;
  });
}

export function presentReopenRequest(r: ReopenRequest) {
  return {
    id: r.id,
    statementId: r.statementId,
    submissionId: r.submissionId,
    reason: r.reason,
    status: r.status,
    decisionReason: r.decisionReason,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  };
}
