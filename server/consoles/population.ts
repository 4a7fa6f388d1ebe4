import { Op } from 'sequelize';
import type { AppState } from '../context';
import type { Campaign, Form } from '../db/models';
import type { Actor } from '../policies/actor';
import { isRegulatory } from '../policies/rules';
import { organisationScope } from '../policies/scopes';

/**
 * The organisations a campaign expects a statement from, as far as the actor may see them: kinds
 * of the campaign's audience; for a federation's questionnaire, that federation's members only;
 * within the actor's organisation scope (the policy's SQL twin). Answered as SQL (a condition and
 * its replacements) so that counts and lists stay in the database.
 */
export interface Population {
  sql: string;
  replacements: Record<string, unknown>;
}

export async function campaignPopulation(state: AppState, actor: Actor, campaign: Campaign, form: Form): Promise<Population> {
  const conditions = ['o.kind IN (:kinds)'];
  const replacements: Record<string, unknown> = { kinds: campaign.audience.length > 0 ? campaign.audience : ['—'] };
  if (!isRegulatory(form.owner)) {
    const federation = await state.models.Federation.findOne({ where: { code: form.owner }, attributes: ['id'] });
    conditions.push('o.federation_id = :ownerFederationId');
    replacements.ownerFederationId = federation?.id ?? -1;
  }
  const scope = organisationScope(actor);
  if (Reflect.ownKeys(scope).length > 0) {
    const visible = await state.models.Organisation.findAll({ where: { [Op.and]: [scope] }, attributes: ['id'] });
    conditions.push('o.id IN (:scopeIds)');
    replacements.scopeIds = visible.length > 0 ? visible.map((o) => o.id) : [-1];
  }
  return { sql: conditions.join(' AND '), replacements };
}

/** The same population narrowed to some organisations (a work list): still counted in SQL. */
export function narrowedTo(population: Population, organisationIds: number[] | undefined): Population {
  if (organisationIds === undefined) return population;
  return {
    sql: `${population.sql} AND o.id IN (:narrowedIds)`,
    replacements: { ...population.replacements, narrowedIds: organisationIds.length > 0 ? organisationIds : [-1] },
  };
}
