import { Op } from 'sequelize';
import type { AppState } from '../context';
import type { Actor } from '../policies/actor';
import { statementScope } from '../policies/scopes';
import { loadStatement } from './loaded-statement';

/**
 * An organisation's campaigns (those whose audience includes its kind, open or closed) with its
 * statement for each when it exists: state, deadline, revision and the counts of failing controls.
 */
export async function listOwnStatements(state: AppState, actor: Actor) {
  const { Organisation, Campaign, Statement, FormVersion, Form } = state.models;
  const organisation = actor.organisationId ? await Organisation.findByPk(actor.organisationId) : null;
  if (!organisation) return [];
  const campaigns = (
    await Campaign.findAll({
      where: { status: { [Op.in]: ['open', 'closed'] } },
      order: [
        ['exercice', 'DESC'],
        ['id', 'ASC'],
      ],
    })
  ).filter((c) => c.audience.includes(organisation.kind));
  if (campaigns.length === 0) return [];
  const statements = await Statement.findAll({
    where: { organisationId: organisation.id, campaignId: { [Op.in]: campaigns.map((c) => c.id) } },
  });
  const versions = await FormVersion.findAll({
    where: { id: { [Op.in]: campaigns.map((c) => c.formVersionId) } },
    attributes: ['id', 'formId', 'version'],
  });
  const forms = await Form.findAll({ where: { id: { [Op.in]: versions.map((v) => v.formId) } } });
  const items = [];
  for (const campaign of campaigns) {
    const version = versions.find((v) => v.id === campaign.formVersionId);
    const form = forms.find((f) => f.id === version?.formId);
    const statement = statements.find((s) => s.campaignId === campaign.id);
    let summary = null;
    if (statement) {
      const loaded = await loadStatement(state, statement);
      const report = await state.evaluations.check(state, loaded);
      summary = {
        id: statement.id,
        state: statement.state,
        revision: statement.revision,
        late: statement.late,
        transmittedAt: statement.transmittedAt ? statement.transmittedAt.toISOString() : null,
        updatedAt: statement.updatedAt.toISOString(),
        counts: report.counts,
        transmissible: report.transmissible,
      };
    }
    items.push({
      campaign: {
        id: campaign.id,
        title: campaign.title,
        exercice: campaign.exercice,
        opensAt: campaign.opensAt.toISOString(),
        closesAt: campaign.closesAt.toISOString(),
        status: campaign.status,
      },
      form: form ? { code: form.code, title: form.title, owner: form.owner, version: version!.version } : null,
      statement: summary,
    });
  }
  return items;
}

/** Transmitted statements a recipient may read (the policy's SQL scope), optionally for one campaign. */
export async function listReceivedStatements(state: AppState, actor: Actor, campaignId?: number) {
  const { Statement, Organisation, Campaign } = state.models;
  const scope = await statementScope(state, actor);
  const where = campaignId ? { [Op.and]: [scope, { campaignId }] } : scope;
  const statements = await Statement.findAll({
    where,
    order: [
      ['campaignId', 'DESC'],
      ['id', 'ASC'],
    ],
    attributes: { exclude: ['answers', 'justifications'] },
    limit: 5000,
  });
  const organisations = await Organisation.findAll({ where: { id: { [Op.in]: [...new Set(statements.map((s) => s.organisationId))] } } });
  const campaigns = await Campaign.findAll({ where: { id: { [Op.in]: [...new Set(statements.map((s) => s.campaignId))] } } });
  return statements.map((s) => {
    const organisation = organisations.find((o) => o.id === s.organisationId)!;
    const campaign = campaigns.find((c) => c.id === s.campaignId)!;
    return {
      id: s.id,
      state: s.state,
      late: s.late,
      transmittedAt: s.transmittedAt ? s.transmittedAt.toISOString() : null,
      organisation: {
        id: organisation.id,
        siren: organisation.siren,
        name: organisation.name,
        kind: organisation.kind,
        departement: organisation.departement,
      },
      campaign: { id: campaign.id, title: campaign.title, exercice: campaign.exercice },
    };
  });
}
