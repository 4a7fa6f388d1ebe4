import { writeTransactionOptions } from '../audit/log';
import { UniqueConstraintError } from 'sequelize';
import type { Statement } from '../db/models';
import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { conflict, forbidden, notFound } from '../http/errors';
import { factsByCode, previousSubmissionId } from './evaluation-context';
import { formRuntime } from './form-runtime';
import { prefillAnswers } from './prefill';
import { recordAudit } from './audit';

/**
 * The organisation's statement for a campaign, created on first access (« initialisation du
 * dossier »), prefilled from last year's transmitted statement where the manifest says so.
 * Two first accesses at once create one statement: the unique (organisation, campaign) index
 * decides, and the loser reads the winner's row.
 */
export async function openStatement(
  state: AppState,
  user: Actor,
  organisationId: number,
  campaignId: number,
): Promise<{ statement: Statement; created: boolean }> {
  const { Statement, Campaign, Organisation, FormVersion } = state.models;
  const existing = await Statement.findOne({ where: { organisationId, campaignId } });
  if (existing) return { statement: existing, created: false };

  const campaign = await Campaign.findByPk(campaignId);
  const organisation = await Organisation.findByPk(organisationId);
  if (!campaign || !organisation) throw notFound('Campagne introuvable.');
  if (!campaign.audience.includes(organisation.kind)) throw forbidden('Cette campagne ne concerne pas votre organisme.');
  if (campaign.status !== 'open' || campaign.opensAt.getTime() > Date.now())
    throw conflict('La campagne n’est pas ouverte : la déclaration ne peut pas encore être initialisée.');
  const formVersion = await FormVersion.findByPk(campaign.formVersionId, { attributes: ['id', 'formId'] });
  if (!formVersion) throw notFound('Campagne introuvable.');

  const runtime = await formRuntime(state, campaign.formVersionId);
  const previousId = await previousSubmissionId(state, organisationId, formVersion.formId, campaign.exercice - 1);
  const answers = previousId === null ? {} : prefillAnswers(runtime.pkg, await factsByCode(state, previousId));
  try {
    const statement = await state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
      const created = await Statement.create(
        {
          organisationId,
          campaignId,
          formVersionId: campaign.formVersionId,
          state: 'draft',
          revision: 1,
          answers,
          justifications: {},
          prefectures: [organisation.departement],
          transmittedAt: null,
          // The database records revision 1 in the history from these (migrations/0005).
          lastSheet: null,
          lastChange: null,
          lastUserId: user.id,
        },
        { transaction },
      );
      await recordAudit(state, transaction, user, 'statement.open', created.id, { campaignId, prefilledFrom: previousId });
      return created;
    });
    return { statement, created: true };
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    const winner = await Statement.findOne({ where: { organisationId, campaignId } });
    if (!winner) throw err;
    return { statement: winner, created: false };
  }
}
