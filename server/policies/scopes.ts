import { Op, cast, col, where, type WhereOptions } from 'sequelize';
import type { AppState } from '../context';
import type { Organisation, Statement } from '../db/models';
import type { Actor } from './actor';
import { REGULATORY_OWNERS } from './rules';

/** A condition no row satisfies: what every scope falls back to. */
export const NOTHING = { id: { [Op.in]: [] as number[] } };

const DEPARTEMENT = /^(\d{2}|2A|2B|97\d)$/;

/** Rows whose JSON array column (a list of département codes, stored as text) contains `departement`. */
function jsonListContains(column: string, departement: string) {
  if (!DEPARTEMENT.test(departement)) return NOTHING;
  return where(cast(col(column), 'CHAR'), { [Op.like]: `%"${departement}"%` });
}

/** Organisations the actor may see, as a where clause: the SQL twin of the `organisation.read` rule. */
export function organisationScope(actor: Actor): WhereOptions<Organisation> {
  switch (actor.role) {
    case 'ORG_ADMIN':
    case 'ORG_SAISIE':
    case 'ORG_SIGNATAIRE':
      return actor.organisationId ? { id: actor.organisationId } : NOTHING;
    case 'FED_AGENT':
    case 'FED_EDITOR':
      return actor.memberFederationIds.length > 0 ? { federationId: { [Op.in]: actor.memberFederationIds } } : NOTHING;
    case 'PREFECTURE':
      return actor.authorityDepartement
        ? { [Op.or]: [{ departement: actor.authorityDepartement }, jsonListContains('departements', actor.authorityDepartement)] }
        : NOTHING;
    case 'DHUP':
    case 'PARTNER':
    case 'ER_EDITOR':
    case 'PLATFORM_ADMIN':
      return {};
    default:
      return NOTHING;
  }
}

async function formVersionIds(state: AppState, owners: readonly string[]): Promise<number[]> {
  const { Form, FormVersion } = state.models;
  const forms = await Form.findAll({ where: { owner: { [Op.in]: [...owners] } }, attributes: ['id'] });
  if (forms.length === 0) return [];
  const versions = await FormVersion.findAll({ where: { formId: { [Op.in]: forms.map((f) => f.id) } }, attributes: ['id'] });
  return versions.map((v) => v.id);
}

async function organisationIds(state: AppState, scope: WhereOptions<Organisation>): Promise<number[]> {
  const rows = await state.models.Organisation.findAll({ where: scope, attributes: ['id'] });
  return rows.map((o) => o.id);
}

/**
 * Statements the actor may read, as a where clause on statement columns only (merge it with
 * `[Op.and]`): the SQL twin of the `statement.read` rule. Organisations see their own; recipients
 * see statements transmitted at least once (`transmitted_at` set) of the forms they receive.
 */
export async function statementScope(state: AppState, actor: Actor): Promise<WhereOptions<Statement>> {
  const transmitted = { transmittedAt: { [Op.ne]: null } };
  switch (actor.role) {
    case 'ORG_ADMIN':
    case 'ORG_SAISIE':
    case 'ORG_SIGNATAIRE':
      return actor.organisationId ? { organisationId: actor.organisationId } : NOTHING;
    case 'DHUP':
    case 'PARTNER':
      return { ...transmitted, formVersionId: { [Op.in]: await formVersionIds(state, REGULATORY_OWNERS) } };
    case 'PREFECTURE': {
      const dep = actor.authorityDepartement;
      if (!dep) return NOTHING;
      const seated = await organisationIds(state, { departement: dep });
      return {
        ...transmitted,
        formVersionId: { [Op.in]: await formVersionIds(state, REGULATORY_OWNERS) },
        [Op.or]: [{ organisationId: { [Op.in]: seated } }, jsonListContains('prefectures', dep)],
      };
    }
    case 'FED_AGENT':
      if (actor.memberFederationIds.length === 0) return NOTHING;
      return {
        ...transmitted,
        formVersionId: { [Op.in]: await formVersionIds(state, actor.questionnaireOwners) },
        organisationId: { [Op.in]: await organisationIds(state, { federationId: { [Op.in]: actor.memberFederationIds } }) },
      };
    default:
      return NOTHING;
  }
}
