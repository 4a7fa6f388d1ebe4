import { Op } from 'sequelize';
import type { OrganisationKind } from '../../engine/api';
import { audit, writeTransactionOptions } from '../audit/log';
import type { AppState } from '../context';
import type { Campaign, Form, FormVersion } from '../db/models';
import { conflict, unprocessable } from '../http/errors';
import type { Actor } from '../policies';
import { getCompiledForm } from '../publishing/form-cache';
import type { CreateCampaignRequest, UpdateCampaignRequest } from './schema';

/**
 * Opens a campaign on a published version: one per form and exercice, its audience a subset of
 * the manifest's. `actor` is null for the seed.
 */
export async function createCampaign(
  state: AppState,
  actor: Actor | null,
  input: CreateCampaignRequest & { status?: 'open' | 'closed' },
): Promise<Campaign> {
  const { FormVersion: Versions, Campaign: Campaigns, Form } = state.models;
  const version = await Versions.findByPk(input.formVersionId, { attributes: { exclude: ['package'] } });
  if (!version || version.status !== 'published')
    throw unprocessable('Une campagne s’ouvre sur une version publiée.', [
      { path: 'formVersionId', message: 'Version non publiée ou inconnue.' },
    ]);
  const form = (await Form.findByPk(version.formId))!;
  const { manifest } = (await getCompiledForm(state, version.id)).package;
  const audience = (input.audience ?? manifest.audience) as OrganisationKind[];
  const outside = audience.filter((k) => !manifest.audience.includes(k));
  if (outside.length > 0)
    throw unprocessable(`Ce formulaire ne s’adresse pas aux familles ${outside.join(', ')}.`, [
      { path: 'audience', message: `Familles possibles : ${manifest.audience.join(', ')}.` },
    ]);
  return state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    const versionsOfForm = await Versions.findAll({ where: { formId: form.id }, attributes: ['id'], transaction });
    const existing = await Campaigns.findOne({
      where: { exercice: version.exercice, formVersionId: { [Op.in]: versionsOfForm.map((v) => v.id) } },
      transaction,
    });
    if (existing) throw conflict(`Une campagne ${version.exercice} existe déjà pour « ${form.title} ».`, { campaignId: existing.id });
    const campaign = await Campaigns.create(
      {
        formVersionId: version.id,
        exercice: version.exercice,
        title: input.title ?? `${form.title} — exercice ${version.exercice}`,
        audience,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        status: input.status ?? 'open',
        createdBy: actor?.id ?? null,
      },
      { transaction },
    );
    await audit(
      state,
      { actor, action: 'campaign.create', objectType: 'campaign', objectId: campaign.id, details: { formVersionId: version.id, audience } },
      transaction,
    );
    return campaign;
  });
}

export async function updateCampaign(state: AppState, actor: Actor, campaign: Campaign, input: UpdateCampaignRequest): Promise<Campaign> {
  const opensAt = input.opensAt ?? campaign.opensAt;
  const closesAt = input.closesAt ?? campaign.closesAt;
  if (opensAt >= closesAt)
    throw unprocessable('La clôture doit suivre l’ouverture.', [
      { path: 'closesAt', message: 'Date de clôture antérieure à l’ouverture.' },
    ]);
  const fields = (['title', 'opensAt', 'closesAt', 'status'] as const).filter((f) => input[f] !== undefined);
  return state.sequelize.transaction(writeTransactionOptions(state), async (transaction) => {
    await campaign.update(input, { fields: [...fields], transaction });
    await audit(
      state,
      { actor, action: 'campaign.update', objectType: 'campaign', objectId: campaign.id, details: { fields } },
      transaction,
    );
    return campaign;
  });
}

export function presentCampaign(campaign: Campaign, version: FormVersion, form: Form, now = new Date()) {
  return {
    id: campaign.id,
    title: campaign.title,
    exercice: campaign.exercice,
    audience: campaign.audience,
    opensAt: campaign.opensAt.toISOString(),
    closesAt: campaign.closesAt.toISOString(),
    status: campaign.status,
    /** What the ui shows: not yet open, open, past its deadline (late transmissions still accepted), or closed. */
    phase: campaign.status === 'closed' ? 'closed' : now < campaign.opensAt ? 'scheduled' : now > campaign.closesAt ? 'late' : 'open',
    form: { id: form.id, code: form.code, owner: form.owner, title: form.title },
    formVersion: { id: version.id, version: version.version, patchNumber: version.patchNumber, contentHash: version.contentHash },
  };
}
