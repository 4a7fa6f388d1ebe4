import { Op, type WhereOptions } from 'sequelize';
import type { AppState } from '../context';
import type { User } from '../db/models';
import { ACCOUNTS_PAGE_SIZE, type AccountSearch } from './schema';

/** The body an account belongs to: its organisation, its federation or its authority. */
export interface Attachment {
  type: 'organisation' | 'federation' | 'authority';
  id: number;
  name: string;
}

/** The columns the search reads: never the password hash nor the second factor's secret. */
const COLUMNS = [
  'id',
  'email',
  'name',
  'role',
  'organisationId',
  'federationId',
  'authorityId',
  'disabled',
  'mfaEnabled',
  'lastLoginAt',
] as const satisfies ReadonlyArray<keyof User>;

/** A LIKE pattern matching `q` anywhere, with the wildcard characters a user may type removed. */
const containing = (q: string) => `%${q.replace(/[%_\\]/g, '')}%`;

/**
 * Accounts whose e-mail or name contains `q`, ordered by e-mail, one page of 25. Matching is
 * case-insensitive: LIKE under MariaDB's `utf8mb4_unicode_ci` collation, and SQLite's LIKE (ASCII
 * letters only there).
 */
export async function searchAccounts(state: AppState, search: AccountSearch) {
  const { User: Users, Organisation, Federation, Authority } = state.models;
  const q = search.q ? containing(search.q) : null;
  const where: WhereOptions<User> = q && q !== '%%' ? { [Op.or]: [{ email: { [Op.like]: q } }, { name: { [Op.like]: q } }] } : {};
  const { rows, count } = await Users.findAndCountAll({
    where,
    attributes: [...COLUMNS],
    order: [
      ['email', 'ASC'],
      ['id', 'ASC'],
    ],
    limit: ACCOUNTS_PAGE_SIZE,
    offset: (search.page - 1) * ACCOUNTS_PAGE_SIZE,
  });
  const idsOf = (key: 'organisationId' | 'federationId' | 'authorityId') => [
    ...new Set(rows.map((u) => u[key]).filter((id): id is number => id !== null)),
  ];
  const nameMap = (found: Array<{ id: number; name: string }>) => new Map(found.map((r) => [r.id, r.name] as const));
  const byIds = (ids: number[]) => ({ where: { id: { [Op.in]: ids.length ? ids : [-1] } }, attributes: ['id', 'name'] });
  const organisations = nameMap(await Organisation.findAll(byIds(idsOf('organisationId'))));
  const federations = nameMap(await Federation.findAll(byIds(idsOf('federationId'))));
  const authorities = nameMap(await Authority.findAll(byIds(idsOf('authorityId'))));
  const attachmentOf = (u: User): Attachment | null => {
    if (u.organisationId !== null && organisations.has(u.organisationId))
      return { type: 'organisation', id: u.organisationId, name: organisations.get(u.organisationId)! };
    if (u.federationId !== null && federations.has(u.federationId))
      return { type: 'federation', id: u.federationId, name: federations.get(u.federationId)! };
    if (u.authorityId !== null && authorities.has(u.authorityId))
      return { type: 'authority', id: u.authorityId, name: authorities.get(u.authorityId)! };
    return null;
  };
  return {
    total: count,
    page: search.page,
    pageSize: ACCOUNTS_PAGE_SIZE,
    items: rows.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      attachment: attachmentOf(u),
      disabled: u.disabled,
      secondFactor: u.mfaEnabled,
      lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    })),
  };
}
