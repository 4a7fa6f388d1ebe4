import { QueryTypes } from 'sequelize';
import { diffPackages, evaluate, migrateAnswers, type CompiledForm, type PackageChange } from '../../engine';
import type { Answers, ControlResult, EvaluationContext, OrganisationKind } from '../../engine/api';
import type { RuleDef } from '../../engine/package/model';
import type { AppState } from '../context';
import type { Form, FormVersion } from '../db/models';
import { getCompiledForm } from '../publishing/form-cache';
import { latestPublished } from '../publishing/shared';
import { factsByCode, previousSubmissionId } from '../statements/evaluation-context';
import { NO_PROGRESS, type JobProgress } from './jobs';

/** Changes that can make a rule fail where it did not: new rules, changed expressions or severities, reactivations. */
const RULE_CHANGES = new Set<PackageChange['kind']>([
  'rule_added',
  'rule_expression_changed',
  'rule_severity_changed',
  'rule_activation_changed',
]);

export interface ImpactedOrganisation {
  id: number;
  siren: string;
  name: string;
  kind: OrganisationKind;
  departement: string;
  /** Failures of the rule for this organisation (one per row for row rules). */
  failures: number;
  /** The first failure's message, as the organisation would read it. */
  message: string | null;
}

export interface RuleImpact {
  ruleId: string;
  title: string | null;
  kind: RuleDef['kind'];
  severity: string | null;
  /** What changed, in French sentences (from the engine's diff). */
  changes: string[];
  /** Organisations for which the rule fails with the draft version. */
  failing: number;
  /** Organisations for which the same rule failed with the baseline version (null: the rule is new). */
  failingBefore: number | null;
  /** Organisations for which the rule could not be evaluated (not applicable or no data). */
  notApplicable: number;
  organisations: ImpactedOrganisation[];
}

export interface ImpactReport {
  version: { id: number; version: string; exercice: number };
  baseline: { id: number; version: string; exercice: number } | null;
  /** Exercice whose transmitted statements were replayed. */
  exercice: number;
  /** Statements replayed. */
  statements: number;
  rules: RuleImpact[];
}

/** The version a draft is compared with: the one its manifest follows, else its stored predecessor. */
async function baselineOf(state: AppState, version: FormVersion, compiled: CompiledForm): Promise<FormVersion | null> {
  const follows = /^([a-z0-9-]+)@(.+)$/.exec(compiled.package.manifest.follows ?? '');
  if (follows) {
    const found = await latestPublished(state, follows[1], follows[2]);
    if (found) return found;
  }
  const baseId = version.patchesId ?? version.followsId;
  return baseId ? state.models.FormVersion.findByPk(baseId) : null;
}

type SubmissionRow = {
  submission_id: number;
  form_version_id: number;
  organisation_id: number;
  siren: string;
  name: string;
  kind: OrganisationKind;
  departement: string;
  departements: string | string[];
};

/** Current (not replaced) transmitted submissions of a form for an exercice, with their organisation. */
async function transmittedSubmissions(state: AppState, formId: number, exercice: number): Promise<SubmissionRow[]> {
  return state.sequelize.query<SubmissionRow>(
    `SELECT s.id AS submission_id, s.form_version_id, o.id AS organisation_id, o.siren, o.name, o.kind, o.departement, o.departements
       FROM submissions s
       JOIN statements st ON st.id = s.statement_id
       JOIN campaigns c ON c.id = st.campaign_id
       JOIN form_versions fv ON fv.id = s.form_version_id
       JOIN organisations o ON o.id = st.organisation_id
      WHERE fv.form_id = :formId AND c.exercice = :exercice AND s.replaced_by IS NULL
      ORDER BY o.name, o.id`,
    { replacements: { formId, exercice }, type: QueryTypes.SELECT },
  );
}

function changedRules(from: CompiledForm | null, to: CompiledForm): Map<string, string[]> {
  const changes = new Map<string, string[]>();
  const targets = new Map(to.package.rules.map((r) => [r.id, r] as const));
  const list = from
    ? diffPackages(from.package, to.package)
    : to.package.rules.map((r) => ({ kind: 'rule_added' as const, ruleId: r.id, description: `Nouvelle règle ${r.id}.` }));
  for (const change of list) {
    if (!RULE_CHANGES.has(change.kind) || !change.ruleId) continue;
    const rule = targets.get(change.ruleId);
    if (!rule || rule.kind === 'computed' || rule.active === false) continue;
    changes.set(change.ruleId, [...(changes.get(change.ruleId) ?? []), change.description]);
  }
  return changes;
}

interface Outcome {
  failures: ControlResult[];
  applicable: boolean;
}

function outcomes(controls: ControlResult[], ruleIds: Set<string>): Map<string, Outcome> {
  const map = new Map<string, Outcome>();
  for (const control of controls) {
    if (!ruleIds.has(control.ruleId)) continue;
    const entry = map.get(control.ruleId) ?? { failures: [], applicable: false };
    if (control.status === 'fail' || control.status === 'error') entry.failures.push(control);
    if (control.status !== 'not_applicable') entry.applicable = true;
    map.set(control.ruleId, entry);
  }
  return map;
}

/**
 * Impact report of a version (usually a draft): its new or changed rules, replayed on the previous
 * exercice's transmitted statements (answers carried to the new version by stable code), counting
 * for each rule the organisations that would fail it, and which. The same rules of the baseline
 * version are replayed on the original answers to show what changed. Between two statements the
 * event loop is given a turn and the progress recorded (a background job's).
 */
export async function impactReport(
  state: AppState,
  version: FormVersion,
  form: Form,
  progress: JobProgress = NO_PROGRESS,
): Promise<ImpactReport> {
  const target = await getCompiledForm(state, version.id);
  const baselineVersion = await baselineOf(state, version, target);
  const baseline = baselineVersion ? await getCompiledForm(state, baselineVersion.id) : null;
  const changes = changedRules(baseline, target);
  const ruleIds = new Set(changes.keys());
  const exercice = version.exercice - 1;
  const submissions = ruleIds.size > 0 ? await transmittedSubmissions(state, form.id, exercice) : [];
  const impacts = new Map<string, RuleImpact>();
  for (const rule of target.package.rules.filter((r) => ruleIds.has(r.id))) {
    impacts.set(rule.id, {
      ruleId: rule.id,
      title: rule.title ?? null,
      kind: rule.kind,
      severity: rule.severity ?? null,
      changes: changes.get(rule.id)!,
      failing: 0,
      failingBefore: baseline?.package.rules.some((r) => r.id === rule.id) ? 0 : null,
      notApplicable: 0,
      organisations: [],
    });
  }
  const compiledBySource = new Map<number, Promise<CompiledForm>>();
  for (const [index, row] of submissions.entries()) {
    await progress.advance(index, submissions.length);
    if (!compiledBySource.has(row.form_version_id)) compiledBySource.set(row.form_version_id, getCompiledForm(state, row.form_version_id));
    const source = await compiledBySource.get(row.form_version_id)!;
    const submission = (await state.models.Submission.findByPk(row.submission_id, { attributes: ['id', 'snapshot'] }))!;
    const snapshot = submission.snapshot as { answers?: Answers; attachments?: Array<{ category: string }> };
    const original = snapshot.answers ?? {};
    const attachments: Record<string, number> = {};
    for (const a of snapshot.attachments ?? []) attachments[a.category] = (attachments[a.category] ?? 0) + 1;
    const previousId = await previousSubmissionId(state, row.organisation_id, form.id, exercice - 1);
    const departements = typeof row.departements === 'string' ? (JSON.parse(row.departements) as string[]) : row.departements;
    const previous = previousId === null ? undefined : await factsByCode(state, previousId);
    const ctxNow: EvaluationContext = {
      organisation: { siren: row.siren, name: row.name, kind: row.kind, departement: row.departement, departements },
      campaign: { exercice: version.exercice },
      attachments,
      ...(previous ? { previous } : {}),
    };
    const migrated = migrateAnswers(original, source.package, target.package).answers;
    const after = outcomes(evaluate(target.rules, migrated, ctxNow).controls, ruleIds);
    const before = baseline
      ? outcomes(evaluate(source.rules, original, { ...ctxNow, campaign: { exercice } }).controls, ruleIds)
      : new Map<string, Outcome>();
    for (const [ruleId, impact] of impacts) {
      const outcome = after.get(ruleId);
      if (!outcome?.applicable) impact.notApplicable += 1;
      if (outcome && outcome.failures.length > 0) {
        impact.failing += 1;
        impact.organisations.push({
          id: row.organisation_id,
          siren: row.siren,
          name: row.name,
          kind: row.kind,
          departement: row.departement,
          failures: outcome.failures.length,
          message: outcome.failures[0].message ?? null,
        });
      }
      if (impact.failingBefore !== null && (before.get(ruleId)?.failures.length ?? 0) > 0) impact.failingBefore += 1;
    }
  }
  await progress.advance(submissions.length, submissions.length);
  const present = (v: FormVersion) => ({ id: v.id, version: v.version, exercice: v.exercice });
  return {
    version: present(version),
    baseline: baselineVersion ? present(baselineVersion) : null,
    exercice,
    statements: submissions.length,
    rules: [...impacts.values()].sort((a, b) => b.failing - a.failing || a.ruleId.localeCompare(b.ruleId)),
  };
}
