import { writeTransactionOptions } from '../audit/log';
import type { Submission } from '../db/models';
import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { conflict, unprocessable } from '../http/errors';
import { recordAudit } from '../statements/audit';
import { evaluationContext } from '../statements/evaluation-context';
import { isEditable, loadStatement } from '../statements/loaded-statement';
import { notEditable, staleRevision } from '../statements/saver';
import { canonicalHash } from './canonical';
import { factsOf } from './facts';
import { refusalReasons } from './reasons';
import { receiptNumber } from './receipt-number';

const FACT_BATCH = 500;

/**
 * Transmits a statement (signatory only, checked by the route's policy). Every control is run
 * again here; if anything blocks, nothing is written and the reasons are answered (422).
 * Otherwise one transaction writes the immutable snapshot and its sha256, the receipt number,
 * the facts, the audit entry and the statement's new state: it all happens or none of it does.
 */
export async function transmit(
  state: AppState,
  user: Actor,
  statementId: number,
  expectedRevision?: number,
  options: { now?: Date } = {},
): Promise<Submission> {
  const loaded = await loadStatement(state, statementId);
  const { statement, organisation, campaign, formVersion, form, runtime } = loaded;
  if (!isEditable(statement)) throw notEditable();
  if (expectedRevision !== undefined && expectedRevision !== statement.revision) throw staleRevision(loaded);

  const context = await evaluationContext(state, statement, organisation, campaign, form.id);
  const report = runtime.evaluate(statement.answers, context, statement.justifications);
  const reasons = refusalReasons(loaded, report);
  if (reasons.length > 0) throw unprocessable('La déclaration ne peut pas être transmise : corrigez les points suivants.', { reasons });

  const { Statement, Submission, Fact, Attachment } = state.models;
  return state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const locked = await Statement.findByPk(statement.id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!locked || !isEditable(locked)) throw notEditable();
    if (locked.revision !== statement.revision)
      throw conflict('La déclaration a été modifiée pendant la transmission. Rechargez-la puis transmettez à nouveau.', {
        revision: locked.revision,
      });

    const attachments = await Attachment.findAll({
      where: { statementId: statement.id, deletedAt: null },
      order: [['id', 'ASC']],
      transaction,
    });
    const previous = await Submission.findOne({ where: { statementId: statement.id }, order: [['number', 'DESC']], transaction });
    // The seed replays past transmissions at their date; requests always use the clock.
    const transmittedAt = options.now ?? new Date();
    const late = transmittedAt.getTime() > campaign.closesAt.getTime();
    const snapshot = {
      format: 'harmonia-submission@1',
      form: { code: form.code, version: formVersion.version, formVersionId: formVersion.id, exercice: campaign.exercice },
      organisation: { siren: organisation.siren, name: organisation.name, kind: organisation.kind, departement: organisation.departement },
      campaignId: campaign.id,
      revision: locked.revision,
      transmittedAt: transmittedAt.toISOString(),
      transmittedBy: { id: user.id, name: user.name },
      late,
      answers: locked.answers,
      computed: report.computed,
      report,
      justifications: locked.justifications,
      prefectures: locked.prefectures,
      attachments: attachments.map((a) => ({
        id: a.id,
        category: a.category,
        filename: a.filename,
        mediaType: a.mediaType,
        size: a.size,
        sha256: a.sha256,
      })),
    };
    const sha256 = canonicalHash(snapshot);
    const number = (previous?.number ?? 0) + 1;
    const submission = await Submission.create(
      {
        statementId: statement.id,
        number,
        revision: locked.revision,
        formVersionId: formVersion.id,
        snapshot,
        sha256,
        receiptNumber: receiptNumber(campaign.exercice, statement.id, number),
        transmittedAt,
        transmittedBy: user.id,
        late,
        replacedBy: null,
        replacedAt: null,
      },
      { transaction },
    );
    const facts = factsOf(submission.id, runtime.pkg.fields, locked.answers, report.computed);
    for (let i = 0; i < facts.length; i += FACT_BATCH)
      await Fact.bulkCreate(facts.slice(i, i + FACT_BATCH), { transaction, validate: false, hooks: false });

    if (previous && previous.replacedBy === null) {
      await previous.update(
        { replacedBy: submission.id, replacedAt: transmittedAt },
        { transaction, fields: ['replacedBy', 'replacedAt'] },
      );
    }
    await locked.update({ state: 'transmitted', transmittedAt, late }, { transaction, fields: ['state', 'transmittedAt', 'late'] });
    await recordAudit(state, transaction, user, 'statement.transmit', statement.id, {
      submissionId: submission.id,
      number: submission.number,
      receiptNumber: submission.receiptNumber,
      sha256,
      late,
      facts: facts.length,
    });
    return submission;
  });
}
