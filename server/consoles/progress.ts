import { QueryTypes } from 'sequelize';
import type { OrganisationKind } from '../../engine/api';
import type { AppState } from '../context';
import type { Campaign } from '../db/models';
import type { Population } from './population';
import { regionOf } from './regions';

/**
 * Where an organisation stands in a campaign, four mutually exclusive states:
 * - transmitted: a statement was transmitted and is not being corrected (reopened statements are in progress again);
 * - late: nothing (valid) transmitted and the campaign's closing date has passed;
 * - not_started: no statement opened yet, before the closing date;
 * - in_progress: a statement is being filled, before the closing date.
 * Statements transmitted after the closing date count as transmitted, and again in `transmittedLate`.
 */
export const PROGRESS_STATUSES = ['not_started', 'in_progress', 'transmitted', 'late'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export type Counts = Record<ProgressStatus, number> & { total: number; transmittedLate: number };

const STATUS_SQL = `CASE
  WHEN st.transmitted_at IS NOT NULL AND st.state NOT IN ('draft', 'reopened') THEN 'transmitted'
  WHEN :closed = 1 THEN 'late'
  WHEN st.id IS NULL THEN 'not_started'
  ELSE 'in_progress' END`;

const TRANSMITTED_LATE_SQL = `CASE WHEN st.transmitted_at IS NOT NULL AND st.state NOT IN ('draft', 'reopened') AND st.late = :yes THEN 1 ELSE 0 END`;

const emptyCounts = (): Counts => ({ not_started: 0, in_progress: 0, transmitted: 0, late: 0, total: 0, transmittedLate: 0 });

function add(into: Counts, status: ProgressStatus, n: number, late: number) {
  into[status] += n;
  into.total += n;
  into.transmittedLate += late;
}

export const isClosed = (campaign: Campaign, now = new Date()) => now.getTime() > campaign.closesAt.getTime();

function baseReplacements(campaign: Campaign, population: Population, now: Date) {
  return { ...population.replacements, campaignId: campaign.id, closed: isClosed(campaign, now) ? 1 : 0, yes: true };
}

export interface Dashboard {
  closed: boolean;
  totals: Counts;
  byKind: Array<{ kind: OrganisationKind; counts: Counts }>;
  byRegion: Array<{ code: string; name: string; counts: Counts; byDepartement: Array<{ departement: string; counts: Counts }> }>;
}

/** Progress counts of a campaign over a population, grouped in SQL by kind, département and status; régions are sums of départements. */
export async function campaignDashboard(state: AppState, campaign: Campaign, population: Population, now = new Date()): Promise<Dashboard> {
  const rows = await state.sequelize.query<{
    kind: OrganisationKind;
    departement: string;
    status: ProgressStatus;
    n: number | string;
    late: number | string | null;
  }>(
    `SELECT o.kind AS kind, o.departement AS departement, ${STATUS_SQL} AS status, COUNT(*) AS n, SUM(${TRANSMITTED_LATE_SQL}) AS late
       FROM organisations o
       LEFT JOIN statements st ON st.organisation_id = o.id AND st.campaign_id = :campaignId
      WHERE ${population.sql}
      GROUP BY o.kind, o.departement, ${STATUS_SQL}`,
    { replacements: baseReplacements(campaign, population, now), type: QueryTypes.SELECT },
  );
  const totals = emptyCounts();
  const kinds = new Map<OrganisationKind, Counts>();
  const regions = new Map<string, { code: string; name: string; counts: Counts; departements: Map<string, Counts> }>();
  for (const row of rows) {
    const n = Number(row.n);
    const late = Number(row.late ?? 0);
    add(totals, row.status, n, late);
    if (!kinds.has(row.kind)) kinds.set(row.kind, emptyCounts());
    add(kinds.get(row.kind)!, row.status, n, late);
    const region = regionOf(row.departement);
    if (!regions.has(region.code)) regions.set(region.code, { ...region, counts: emptyCounts(), departements: new Map() });
    const entry = regions.get(region.code)!;
    add(entry.counts, row.status, n, late);
    if (!entry.departements.has(row.departement)) entry.departements.set(row.departement, emptyCounts());
    add(entry.departements.get(row.departement)!, row.status, n, late);
  }
  return {
    closed: isClosed(campaign, now),
    totals,
    byKind: [...kinds.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, counts]) => ({ kind, counts })),
    byRegion: [...regions.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((r) => ({
        code: r.code,
        name: r.name,
        counts: r.counts,
        byDepartement: [...r.departements.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([departement, counts]) => ({ departement, counts })),
      })),
  };
}

export interface MemberProgress {
  organisation: { id: number; siren: string; name: string; kind: OrganisationKind; departement: string; region: string };
  status: ProgressStatus;
  statement: { id: number; state: string; transmittedAt: string | null; late: boolean; updatedAt: string } | null;
}

export interface MemberFilter {
  status?: ProgressStatus;
  kind?: OrganisationKind;
  departement?: string;
  q?: string;
  organisationIds?: number[];
}

type MemberRow = {
  id: number;
  siren: string;
  name: string;
  kind: OrganisationKind;
  departement: string;
  status: ProgressStatus;
  statement_id: number | null;
  state: string | null;
  transmitted_at: string | Date | null;
  late: number | boolean | null;
  updated_at: string | Date | null;
};

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

/** One line per organisation of the population with its status; filters apply in SQL. */
export async function campaignMembers(
  state: AppState,
  campaign: Campaign,
  population: Population,
  filter: MemberFilter = {},
  now = new Date(),
): Promise<MemberProgress[]> {
  const conditions = [population.sql];
  const replacements: Record<string, unknown> = baseReplacements(campaign, population, now);
  if (filter.status) {
    conditions.push(`${STATUS_SQL} = :status`);
    replacements.status = filter.status;
  }
  if (filter.kind) {
    conditions.push('o.kind = :kind');
    replacements.kind = filter.kind;
  }
  if (filter.departement) {
    conditions.push('o.departement = :departement');
    replacements.departement = filter.departement;
  }
  if (filter.q) {
    conditions.push('(LOWER(o.name) LIKE :q OR o.siren LIKE :q)');
    replacements.q = `%${filter.q.toLowerCase().replace(/[%_\\]/g, '')}%`;
  }
  if (filter.organisationIds) {
    conditions.push('o.id IN (:organisationIds)');
    replacements.organisationIds = filter.organisationIds.length > 0 ? filter.organisationIds : [-1];
  }
  const rows = await state.sequelize.query<MemberRow>(
    `SELECT o.id, o.siren, o.name, o.kind, o.departement, ${STATUS_SQL} AS status,
            st.id AS statement_id, st.state, st.transmitted_at, st.late, st.updated_at
       FROM organisations o
       LEFT JOIN statements st ON st.organisation_id = o.id AND st.campaign_id = :campaignId
      WHERE ${conditions.join(' AND ')}
      ORDER BY o.name, o.id`,
    { replacements, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    organisation: {
      id: row.id,
      siren: row.siren,
      name: row.name,
      kind: row.kind,
      departement: row.departement,
      region: regionOf(row.departement).name,
    },
    status: row.status,
    statement:
      row.statement_id === null
        ? null
        : {
            id: row.statement_id,
            state: row.state!,
            transmittedAt: iso(row.transmitted_at),
            late: Boolean(Number(row.late)),
            updatedAt: iso(row.updated_at)!,
          },
  }));
}
