import { Op, type WhereOptions } from 'sequelize';
import type { OrganisationKind } from '../../engine/api';
import type { AppState } from '../context';
import type { Organisation, Statement, StatementState } from '../db/models';
import type { Actor } from '../policies/actor';
import { statementScope } from '../policies/scopes';
import { versionLabel } from '../publishing/versions';

export interface StatementSearch {
  campaign?: number;
  state?: StatementState;
  late?: boolean;
  kind?: OrganisationKind;
  departement?: string;
  q?: string;
  /** Only these organisations' statements (a work list's). */
  organisationIds?: number[];
  page: number;
  pageSize: number;
}

/** Organisation conditions of a search, or undefined when the search does not filter on organisations. */
function organisationFilter(search: StatementSearch): WhereOptions<Organisation> | undefined {
  const conditions: WhereOptions<Organisation>[] = [];
  if (search.kind) conditions.push({ kind: search.kind });
  if (search.departement) conditions.push({ departement: search.departement });
  if (search.q) {
    const q = search.q.replace(/[%_\\]/g, '');
    conditions.push({ [Op.or]: [{ name: { [Op.like]: `%${q}%` } }, { siren: { [Op.like]: `${q}%` } }] });
  }
  return conditions.length > 0 ? { [Op.and]: conditions } : undefined;
}

/**
 * Statements the actor may read (the policy's SQL scope), filtered and paged in SQL, newest
 * campaign first: the authorities' search and work list.
 */
export async function searchStatements(state: AppState, actor: Actor, search: StatementSearch) {
  const { Statement: Statements, Organisation: Organisations, Campaign, FormVersion, Form, Submission } = state.models;
  const conditions: WhereOptions<Statement>[] = [await statementScope(state, actor)];
  if (search.campaign) conditions.push({ campaignId: search.campaign });
  if (search.state) conditions.push({ state: search.state });
  if (search.late !== undefined) conditions.push({ late: search.late });
  if (search.organisationIds)
    conditions.push({ organisationId: { [Op.in]: search.organisationIds.length ? search.organisationIds : [-1] } });
  const orgWhere = organisationFilter(search);
  if (orgWhere) {
    const matching = await Organisations.findAll({ where: orgWhere, attributes: ['id'] });
    conditions.push({ organisationId: { [Op.in]: matching.length ? matching.map((o) => o.id) : [-1] } });
  }
  const { rows, count } = await Statements.findAndCountAll({
    where: { [Op.and]: conditions },
    attributes: { exclude: ['answers', 'justifications'] },
    order: [
      ['campaignId', 'DESC'],
      ['transmittedAt', 'DESC'],
      ['id', 'ASC'],
    ],
    limit: search.pageSize,
    offset: (search.page - 1) * search.pageSize,
  });
  const ids = <T>(values: T[]) => [...new Set(values)];
  const organisations = await Organisations.findAll({ where: { id: { [Op.in]: ids(rows.map((s) => s.organisationId)) } } });
  const campaigns = await Campaign.findAll({ where: { id: { [Op.in]: ids(rows.map((s) => s.campaignId)) } } });
  const versions = await FormVersion.findAll({
    where: { id: { [Op.in]: ids(rows.map((s) => s.formVersionId)) } },
    attributes: ['id', 'formId', 'version', 'patchNumber'],
  });
  const forms = await Form.findAll({ where: { id: { [Op.in]: ids(versions.map((v) => v.formId)) } } });
  const submissions = await Submission.findAll({
    where: { statementId: { [Op.in]: ids(rows.map((s) => s.id)) }, replacedBy: null },
    attributes: ['id', 'statementId', 'number', 'receiptNumber', 'transmittedAt', 'late'],
  });
  return {
    total: count,
    page: search.page,
    pageSize: search.pageSize,
    items: rows.map((s) => {
      const organisation = organisations.find((o) => o.id === s.organisationId)!;
      const campaign = campaigns.find((c) => c.id === s.campaignId)!;
      const version = versions.find((v) => v.id === s.formVersionId)!;
      const form = forms.find((f) => f.id === version.formId)!;
      const submission = submissions.find((x) => x.statementId === s.id);
      return {
        id: s.id,
        state: s.state,
        late: s.late,
        transmittedAt: s.transmittedAt ? s.transmittedAt.toISOString() : null,
        prefectures: s.prefectures,
        organisation: {
          id: organisation.id,
          siren: organisation.siren,
          name: organisation.name,
          kind: organisation.kind,
          departement: organisation.departement,
        },
        campaign: { id: campaign.id, title: campaign.title, exercice: campaign.exercice, closesAt: campaign.closesAt.toISOString() },
        form: { code: form.code, title: form.title, owner: form.owner, version: versionLabel(version) },
        submission: submission
          ? {
              id: submission.id,
              number: submission.number,
              receiptNumber: submission.receiptNumber,
              transmittedAt: submission.transmittedAt.toISOString(),
              late: submission.late,
            }
          : null,
      };
    }),
  };
}
