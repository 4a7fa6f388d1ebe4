import { QueryTypes } from 'sequelize';
import type { EvaluationContext } from '../../engine/api';
import type { Campaign, Organisation, Statement } from '../db/models';
import type { AppState } from '../context';
import { decodeFact } from '../transmission/fact-values';

type FactRow = { code: string; value: string | null; numeric_value: unknown; form_code?: string };

/**
 * The organisation's latest transmitted (not replaced) submission for a form and an exercice,
 * if any: the source of N-1 values for rules (`N1(...)`) and for prefill.
 */
export async function previousSubmissionId(state: AppState, organisationId: number, formId: number, exercice: number): Promise<number | null> {
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
  const rows = await state.sequelize.query<FactRow>('SELECT code, value, numeric_value FROM facts WHERE submission_id = :submissionId AND row IS NULL', {
    replacements: { submissionId },
    type: QueryTypes.SELECT,
  });
  const values: Record<string, unknown> = {};
  for (const row of rows) values[row.code] = decodeFact(row.value, row.numeric_value);
  return values;
}

/** The same organisation's transmitted statements of other forms of the exercice, form code → code → value. */
async function otherForms(state: AppState, statement: Statement, exercice: number): Promise<Record<string, Record<string, unknown>>> {
  const rows = await state.sequelize.query<FactRow>(
    `SELECT f.code AS form_code, fa.code, fa.value, fa.numeric_value FROM submissions s
       JOIN statements st ON st.id = s.statement_id
       JOIN campaigns c ON c.id = st.campaign_id
       JOIN form_versions fv ON fv.id = s.form_version_id
       JOIN forms f ON f.id = fv.form_id
       JOIN facts fa ON fa.submission_id = s.id AND fa.row IS NULL
      WHERE st.organisation_id = :organisationId AND c.exercice = :exercice AND st.id <> :statementId AND s.replaced_by IS NULL`,
    { replacements: { organisationId: statement.organisationId, exercice, statementId: statement.id }, type: QueryTypes.SELECT },
  );
  const forms: Record<string, Record<string, unknown>> = {};
  for (const row of rows) (forms[row.form_code!] ??= {})[row.code] = decodeFact(row.value, row.numeric_value);
  return forms;
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
  statement: Statement,
  organisation: Organisation,
  campaign: Campaign,
  formId: number,
): Promise<EvaluationContext> {
  const [previousId, others, attachments] = await Promise.all([
    previousSubmissionId(state, organisation.id, formId, campaign.exercice - 1),
    otherForms(state, statement, campaign.exercice),
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
    previous: previousId === null ? undefined : await factsByCode(state, previousId),
    otherForms: others,
    attachments,
  };
}
