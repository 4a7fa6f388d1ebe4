import { QueryTypes } from 'sequelize';
import type { EvaluationContext } from '../../engine/api';
import type { Campaign, Organisation, Statement } from '../db/models';
import type { AppState } from '../context';
import type { Values } from './statement-bundle';
import { getCompiledForm } from '../publishing/form-cache';
import { decodeFact } from '../transmission/fact-values';
import { otherFormValues, type OtherFormFact } from './other-forms';

type FactRow = { code: string; value: string | null; numeric_value: unknown; form_code?: string };

/**
 * The organisation's latest transmitted (not replaced) submission for a form and an exercice,
 * if any: the source of N-1 values for rules (`N1(...)`) and for prefill.
 */
export async function previousSubmissionId(
  state: AppState,
  organisationId: number,
  formId: number,
  exercice: number,
): Promise<number | null> {
  const rows = await state.sequelize.query<{ id: number }>(
    `SELECT s.id FROM submissions s
       JOIN statements st ON st.id = s.statement_id
       JOIN campaigns c ON c.id = st.campaign_id
       JOIN form_versions fv ON fv.id = s.form_version_id
      WHERE st.organisation_id = :organisationId AND c.exercice = :exercice AND fv.form_id = :formId AND s.replaced_by IS NULL
      ORDER BY s.id DESC LIMIT 1`,
    { replacements: { organisationId, exercice, formId }, type: QueryTypes.SELECT },
  );
  return rows[0]?.id ?? null;
}

/** Single (non-table) facts of a submission by stable code. */
export async function factsByCode(state: AppState, submissionId: number): Promise<Record<string, unknown>> {
  const rows = await state.sequelize.query<FactRow>(
    'SELECT code, value, numeric_value FROM facts WHERE submission_id = :submissionId AND row IS NULL',
    {
      replacements: { submissionId },
      type: QueryTypes.SELECT,
    },
  );
  const values: Record<string, unknown> = {};
  for (const row of rows) values[row.code] = decodeFact(row.value, row.numeric_value);
  return values;
}

type ContextFactRow = FactRow & { submission_id: number; exercice: number; form_id: number; form_version_id: number; sheet: string };

/**
 * In one query, the facts a statement's rules may read: last year's transmission of the same form
 * (`N1(...)`) and this year's transmissions of the organisation's other forms (`form::SHEET.field`).
 */
async function contextFacts(state: AppState, statement: Values<Statement>, formId: number, exercice: number) {
  const rows = await state.sequelize.query<ContextFactRow>(
    `SELECT s.id AS submission_id, s.form_version_id, c.exercice, fv.form_id, f.code AS form_code, fa.sheet, fa.code, fa.value, fa.numeric_value FROM submissions s
       JOIN statements st ON st.id = s.statement_id
       JOIN campaigns c ON c.id = st.campaign_id
       JOIN form_versions fv ON fv.id = s.form_version_id
       JOIN forms f ON f.id = fv.form_id
       JOIN facts fa ON fa.submission_id = s.id AND fa.row IS NULL
      WHERE st.organisation_id = :organisationId AND s.replaced_by IS NULL
        AND ((c.exercice = :previous AND fv.form_id = :formId) OR (c.exercice = :exercice AND st.id <> :statementId))`,
    {
      replacements: { organisationId: statement.organisationId, previous: exercice - 1, exercice, formId, statementId: statement.id },
      type: QueryTypes.SELECT,
    },
  );
  const previousRows = rows.filter((r) => Number(r.exercice) === exercice - 1 && Number(r.form_id) === formId);
  // Should an organisation have two transmissions of last year's form, the latest counts.
  const latest = Math.max(...previousRows.map((r) => Number(r.submission_id)));
  let previous: Record<string, unknown> | undefined;
  for (const row of previousRows)
    if (Number(row.submission_id) === latest) (previous ??= {})[row.code] = decodeFact(row.value, row.numeric_value);
  const otherRows = rows.filter((r) => Number(r.exercice) === exercice) as Array<ContextFactRow & OtherFormFact>;
  const versionIds = [...new Set(otherRows.map((r) => Number(r.form_version_id)))];
  const compiled = new Map(await Promise.all(versionIds.map(async (id) => [id, await getCompiledForm(state, id)] as const)));
  const otherForms = otherFormValues(otherRows, (id) => compiled.get(id)!.package.fields);
  return { previous, otherForms };
}

export async function attachmentCounts(state: AppState, statementId: number): Promise<Record<string, number>> {
  const rows = await state.sequelize.query<{ category: string; n: number | string }>(
    'SELECT category, COUNT(*) AS n FROM attachments WHERE statement_id = :statementId AND deleted_at IS NULL GROUP BY category',
    { replacements: { statementId }, type: QueryTypes.SELECT },
  );
  return Object.fromEntries(rows.map((row) => [row.category, Number(row.n)]));
}

/** Everything the engine needs besides the answers to check one statement. */
export async function evaluationContext(
  state: AppState,
  statement: Values<Statement>,
  organisation: Values<Organisation>,
  campaign: Values<Campaign>,
  formId: number,
): Promise<EvaluationContext> {
  const [facts, attachments] = await Promise.all([
    contextFacts(state, statement, formId, campaign.exercice),
    attachmentCounts(state, statement.id),
  ]);
  return {
    organisation: {
      siren: organisation.siren,
      name: organisation.name,
      kind: organisation.kind,
      departement: organisation.departement,
      departements: organisation.departements,
    },
    campaign: { exercice: campaign.exercice, opensAt: campaign.opensAt.toISOString(), closesAt: campaign.closesAt.toISOString() },
    previous: facts.previous,
    otherForms: facts.otherForms,
    attachments,
  };
}
