import { QueryTypes } from 'sequelize';
import type { FieldDef } from '../../engine/package/model';
import type { AppState } from '../context';
import { decodeFact } from '../transmission/fact-values';
import type { ExportedStatement, StatementPages } from './export-model';

export const PAGE_SIZE = 100;

/** Which organisations' statements an export may contain: all, or an explicit list (the caller's scope). */
export type OrganisationScope = 'all' | number[];

function scopeClause(scope: OrganisationScope): string {
  return scope === 'all' ? '' : 'AND st.organisation_id IN (:organisationIds)';
}

type SubmissionRow = {
  id: number;
  receipt_number: string;
  transmitted_at: Date | string;
  late: number | boolean;
  siren: string;
  name: string;
  kind: string;
};
type FactRow = { submission_id: number; sheet: string; code: string; row: number | null; value: string | null; numeric_value: unknown };

/**
 * The campaign's current (not replaced) submissions, page by page in id order (keyset pagination),
 * each with its facts: at most one page is in memory at a time.
 */
export function statementPages(state: AppState, campaignId: number, scope: OrganisationScope, fields: FieldDef[]): StatementPages {
  const types = new Map(fields.map((f) => [f.code, f.type]));
  const order = new Map(fields.map((f, index) => [f.code, index]));
  return {
    async *[Symbol.asyncIterator]() {
      if (Array.isArray(scope) && scope.length === 0) return;
      let after = 0;
      for (;;) {
        const submissions = await state.sequelize.query<SubmissionRow>(
          `SELECT s.id, s.receipt_number, s.transmitted_at, s.late, o.siren, o.name, o.kind
             FROM submissions s JOIN statements st ON st.id = s.statement_id JOIN organisations o ON o.id = st.organisation_id
            WHERE st.campaign_id = :campaignId AND s.replaced_by IS NULL AND s.id > :after ${scopeClause(scope)}
            ORDER BY s.id LIMIT ${PAGE_SIZE}`,
          { replacements: { campaignId, after, organisationIds: scope === 'all' ? [] : scope }, type: QueryTypes.SELECT },
        );
        if (submissions.length === 0) return;
        const facts = await state.sequelize.query<FactRow>(
          'SELECT submission_id, sheet, code, row, value, numeric_value FROM facts WHERE submission_id IN (:ids) ORDER BY submission_id, id',
          { replacements: { ids: submissions.map((s) => s.id) }, type: QueryTypes.SELECT },
        );
        const bySubmission = new Map<number, ExportedStatement>();
        const page = submissions.map((s) => {
          const statement: ExportedStatement = {
            siren: s.siren,
            organisation: s.name,
            kind: s.kind,
            receiptNumber: s.receipt_number,
            transmittedAt: new Date(s.transmitted_at).toISOString(),
            late: Boolean(s.late),
            facts: [],
          };
          bySubmission.set(s.id, statement);
          return statement;
        });
        for (const fact of facts) {
          const value = decodeFact(fact.value, fact.numeric_value, types.get(fact.code));
          if (value !== null)
            bySubmission.get(fact.submission_id)!.facts.push({ sheet: fact.sheet, code: fact.code, row: fact.row, value });
        }
        for (const statement of page) {
          statement.facts.sort((a, b) => (order.get(a.code) ?? 1e9) - (order.get(b.code) ?? 1e9) || (a.row ?? 0) - (b.row ?? 0));
        }
        yield page;
        after = submissions[submissions.length - 1].id;
      }
    },
  };
}

/** Longest table of the campaign, per `sheet.table`, so the wide layout has a column for every row sent. */
export async function maxTableRows(
  state: AppState,
  campaignId: number,
  scope: OrganisationScope,
  fields: FieldDef[],
): Promise<Map<string, number>> {
  if (Array.isArray(scope) && scope.length === 0) return new Map();
  const rows = await state.sequelize.query<{ code: string; n: number | string }>(
    `SELECT f.code, MAX(f.row) AS n FROM facts f JOIN submissions s ON s.id = f.submission_id JOIN statements st ON st.id = s.statement_id
      WHERE st.campaign_id = :campaignId AND s.replaced_by IS NULL AND f.row IS NOT NULL ${scopeClause(scope)}
      GROUP BY f.code`,
    { replacements: { campaignId, organisationIds: scope === 'all' ? [] : scope }, type: QueryTypes.SELECT },
  );
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const max = new Map<string, number>();
  for (const row of rows) {
    const field = byCode.get(row.code);
    if (!field?.table) continue;
    const key = `${field.sheet}.${field.table}`;
    max.set(key, Math.max(max.get(key) ?? 0, Number(row.n)));
  }
  return max;
}
