import { Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import type { AppState } from '../context';
import { conflict, notFound, unprocessable } from '../http/errors';
import type { Organisation } from '../db/models';
import type { WorkList } from '../db/models/work-lists';
import type { Actor } from '../policies/actor';
import { can } from '../policies/can';
import { organisationScope } from '../policies/scopes';
import { isValidSiren } from '../referential/siren';
import { parseSirenList, type SirenLineError } from './work-list-csv';

export const workListSubject = (list: Pick<WorkList, 'authorityId'>) => ({ type: 'worklist', authorityId: list.authorityId }) as const;

const presentOrganisation = (o: { id: number; siren: string; name: string; kind: string; departement: string }) => ({
  id: o.id,
  siren: o.siren,
  name: o.name,
  kind: o.kind,
  departement: o.departement,
});

/** The authority's work lists, with their sizes, by name. */
export async function workListsOf(state: AppState, actor: Actor) {
  const { WorkList: Lists, WorkListEntry: Entries } = state.models;
  const lists = await Lists.findAll({ where: { authorityId: actor.authorityId ?? -1 }, order: [['name', 'ASC']] });
  const entries = await Entries.findAll({
    where: { workListId: { [Op.in]: lists.length ? lists.map((l) => l.id) : [-1] } },
    attributes: ['workListId'],
  });
  return {
    items: lists.map((l) => ({
      id: l.id,
      name: l.name,
      size: entries.filter((e) => e.workListId === l.id).length,
      updatedAt: l.updatedAt.toISOString(),
    })),
  };
}

/** One list with its organisations, by name. */
export async function presentWorkList(state: AppState, list: WorkList) {
  const ids = await workListOrganisationIds(state, list.id);
  const organisations = await state.models.Organisation.findAll({
    where: { id: { [Op.in]: ids.length ? ids : [-1] } },
    order: [['name', 'ASC']],
  });
  return {
    id: list.id,
    name: list.name,
    size: organisations.length,
    updatedAt: list.updatedAt.toISOString(),
    organisations: organisations.map(presentOrganisation),
  };
}

const duplicateName = (name: string) => conflict(`Vous avez déjà une liste de travail nommée « ${name} ».`);

export async function createWorkList(state: AppState, actor: Actor, name: string): Promise<WorkList> {
  try {
    return await state.models.WorkList.create({ authorityId: actor.authorityId!, name, createdBy: actor.id });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw duplicateName(name);
    throw error;
  }
}

export async function renameWorkList(list: WorkList, name: string): Promise<void> {
  try {
    await list.update({ name });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw duplicateName(name);
    throw error;
  }
}

export async function deleteWorkList(state: AppState, list: WorkList): Promise<void> {
  await state.sequelize.transaction(async (transaction) => {
    await state.models.WorkListEntry.destroy({ where: { workListId: list.id }, transaction });
    await list.destroy({ transaction });
  });
}

export async function workListOrganisationIds(state: AppState, workListId: number): Promise<number[]> {
  const entries = await state.models.WorkListEntry.findAll({ where: { workListId }, attributes: ['organisationId'] });
  return entries.map((e) => e.organisationId);
}

/**
 * The organisations of a work list that a search, a follow-up or an export is narrowed to: the
 * list must be the actor's authority's (through the policy), else it does not exist for the actor.
 */
export async function workListFilter(state: AppState, actor: Actor, workListId: number): Promise<number[]> {
  const list = await state.models.WorkList.findByPk(workListId);
  if (!list || !can(actor, 'worklist.manage', workListSubject(list))) throw notFound('Liste de travail introuvable.');
  return workListOrganisationIds(state, list.id);
}

/** Adds organisations (already checked) to a list, skipping those already in it; the list's modification date moves. */
async function addEntries(state: AppState, list: WorkList, organisationIds: number[]) {
  const present = new Set(await workListOrganisationIds(state, list.id));
  const fresh = [...new Set(organisationIds)].filter((id) => !present.has(id));
  await state.sequelize.transaction(async (transaction) => {
    await state.models.WorkListEntry.bulkCreate(
      fresh.map((organisationId) => ({ workListId: list.id, organisationId })),
      { transaction },
    );
    list.changed('updatedAt', true);
    await list.save({ transaction });
  });
  return { added: fresh.length, alreadyInList: organisationIds.length - fresh.length, size: present.size + fresh.length };
}

/** Organisations the actor may see among `where`: a list never holds what its authority may not see. */
async function visibleOrganisations(state: AppState, actor: Actor, where: WhereOptions<Organisation>) {
  return state.models.Organisation.findAll({ where: { [Op.and]: [organisationScope(actor), where] }, attributes: ['id', 'siren'] });
}

/** Adds organisations chosen in the search results (by id); any the actor may not see refuses the whole request. */
export async function addOrganisations(state: AppState, actor: Actor, list: WorkList, organisationIds: number[]) {
  const visible = await visibleOrganisations(state, actor, { id: { [Op.in]: organisationIds } });
  const unknown = organisationIds.filter((id) => !visible.some((o) => o.id === id));
  if (unknown.length > 0) throw unprocessable('Certains organismes sont introuvables.', { organisationIds: unknown });
  return addEntries(state, list, organisationIds);
}

export async function removeOrganisation(state: AppState, list: WorkList, organisationId: number): Promise<void> {
  const removed = await state.models.WorkListEntry.destroy({ where: { workListId: list.id, organisationId } });
  if (removed === 0) throw notFound('Cet organisme n’est pas dans la liste.');
}

/**
 * Imports a CSV list of SIRENs into a work list. All or nothing, like statement imports: every line
 * is checked (SIREN with its Luhn key, organisation known to the actor, not twice in the file) and
 * the errors are answered line by line; nothing is added unless the whole file is valid.
 */
export async function importSirens(state: AppState, actor: Actor, list: WorkList, bytes: Buffer) {
  const lines = parseSirenList(bytes);
  const wellFormed = lines.filter((l) => isValidSiren(l.siren));
  const known = await visibleOrganisations(state, actor, { siren: { [Op.in]: wellFormed.map((l) => l.siren) } });
  const idOf = new Map(known.map((o) => [o.siren, o.id]));
  const firstLine = new Map<string, number>();
  const errors: SirenLineError[] = [];
  for (const { line, siren } of lines) {
    const value = siren.slice(0, 40);
    if (!isValidSiren(siren)) {
      errors.push({ line, value, reason: 'SIREN invalide : 9 chiffres dont la clé de contrôle (Luhn) est juste.' });
    } else if (!idOf.has(siren)) {
      errors.push({ line, value, reason: 'Organisme inconnu : aucun organisme de votre périmètre n’a ce SIREN.' });
    } else if (firstLine.has(siren)) {
      errors.push({ line, value, reason: `Doublon : ce SIREN figure déjà ligne ${firstLine.get(siren)}.` });
    } else firstLine.set(siren, line);
  }
  if (errors.length > 0) {
    const count = errors.length === 1 ? '1 ligne est en erreur' : `${errors.length} lignes sont en erreur`;
    throw unprocessable(`Le fichier n’a pas été importé : ${count}. Corrigez-les puis importez à nouveau le fichier entier.`, {
      lines: errors,
    });
  }
  return {
    lines: lines.length,
    ...(await addEntries(
      state,
      list,
      [...firstLine.keys()].map((s) => idOf.get(s)!),
    )),
  };
}
