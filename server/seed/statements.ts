/**
 * Demo statements: 2024 transmitted from the catalogue's valid fixtures (adapted to each
 * organisation), 2025 drafts at every stage. Everything goes through the same services as the
 * API (open, save, attach, justify, transmit), so the demo data obeys the same rules as real data.
 * Called by the demo seed once organisations, users, published versions and campaigns exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Op } from 'sequelize';
import type { Answers, Report } from '../../engine/api';
import type { FormPackage } from '../../engine/package/model';
import type { AppState } from '../context';
import type { Campaign, Organisation } from '../db/models';
import { attachFile } from '../documents/attacher';
import type { AttachmentKind } from '../documents/file-types';
import { loadActor, type Actor } from '../policies/actor';
import { evaluationContext } from '../statements/evaluation-context';
import { formRuntime } from '../statements/form-runtime';
import { justify } from '../statements/justifier';
import { loadStatement } from '../statements/loaded-statement';
import { openStatement } from '../statements/opener';
import { replaceSheets } from '../statements/saver';
import { transmit } from '../transmission/transmitter';

const FORMS_DIR = path.resolve(__dirname, '../../forms');
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const STAGES = ['not_started', 'partly_filled', 'with_errors', 'ready', 'transmitted'] as const;
export type DemoStage = (typeof STAGES)[number];

export interface Fixture {
  context: { organisation: { siren: string; name: string; kind: string; departement: string }; attachments?: Record<string, number> };
  answers: Answers;
}

export interface SeedSummary {
  transmitted2024: number;
  drafts2025: Record<DemoStage, number>;
  skipped: string[];
}

export function readFixture(exercice: number, form: string): Fixture | null {
  const file = path.join(FORMS_DIR, String(exercice), form, 'fixtures', 'valid.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Fixture) : null;
}

/** The fixture's answers with its organisation's identity replaced by this organisation's. */
export function adaptAnswers(fixture: Fixture, organisation: Organisation): Answers {
  const from = fixture.context.organisation;
  const swap = new Map<unknown, string>([
    [from.siren, organisation.siren],
    [from.name, organisation.name],
    [from.kind, organisation.kind],
  ]);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return typeof value === 'string' && swap.has(value) ? swap.get(value) : value;
  };
  return walk(fixture.answers) as Answers;
}

async function demoFile(kinds: string[]): Promise<{ name: string; bytes: Buffer } | null> {
  const kind = (['pdf', 'csv', 'xlsx'] as AttachmentKind[]).find((k) => kinds.includes(k));
  if (kind === 'pdf') return { name: 'document.pdf', bytes: DEMO_PDF };
  if (kind === 'csv') return { name: 'donnees.csv', bytes: Buffer.from('colonne;valeur\nexemple;1\n') };
  if (kind === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('données').addRow(['exemple', 1]);
    return { name: 'donnees.xlsx', bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }
  return null;
}

async function report(state: AppState, statementId: number): Promise<Report> {
  const loaded = await loadStatement(state, statementId);
  const context = await evaluationContext(state, loaded.statement, loaded.organisation, loaded.campaign, loaded.form.id);
  return loaded.runtime.evaluate(loaded.statement.answers, context, loaded.statement.justifications);
}

/**
 * Fixtures are written for one kind of organisation; another kind may have its own required
 * fields (e.g. an ESH's capital social). Those are filled with neutral values (0, a label).
 */
async function fillKindSpecificRequirements(state: AppState, actor: Actor, statementId: number, pkg: FormPackage): Promise<void> {
  const required = new Set(pkg.rules.filter((r) => r.kind === 'required').map((r) => r.id));
  const failing = (await report(state, statementId)).controls.filter((c) => required.has(c.ruleId) && c.status === 'fail');
  if (failing.length === 0) return;
  const loaded = await loadStatement(state, statementId);
  const answers = structuredClone(loaded.statement.answers);
  const touched = new Set<string>();
  for (const location of failing.flatMap((c) => c.fields)) {
    const field = pkg.fields.find((f) => f.code === location.code);
    if (!field || field.readOnly || field.table) continue;
    const neutral =
      field.enum?.[0] ??
      { number: 0, integer: 0, boolean: false, date: `${loaded.campaign.exercice}-12-31`, string: 'Non renseigné (démonstration)' }[
        field.type
      ];
    const keys = field.path.split('.');
    let target = (answers[field.sheet] ??= {}) as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    if (target[keys[keys.length - 1]] === undefined || target[keys[keys.length - 1]] === null) {
      target[keys[keys.length - 1]] = neutral;
      touched.add(field.sheet);
    }
  }
  if (touched.size === 0) return;
  const sheets = Object.fromEntries([...touched].map((id) => [id, answers[id]]));
  await replaceSheets(state, actor, loaded.statement, loaded.statement.revision, sheets, null);
}

/** Everything a statement needs besides answers: the attachments the fixture counts, written justifications of failing warnings. */
export async function completeStatement(
  state: AppState,
  actor: Actor,
  statementId: number,
  pkg: FormPackage,
  fixture: Fixture,
): Promise<Report> {
  await fillKindSpecificRequirements(state, actor, statementId, pkg);
  for (const category of pkg.manifest.attachments) {
    const count = fixture.context.attachments?.[category.code] ?? 0;
    const file = await demoFile(category.accept);
    for (let i = 0; i < count && file; i++)
      await attachFile(state, actor, statementId, { category: category.code, clientName: file.name, bytes: file.bytes });
  }
  for (const missing of (await report(state, statementId)).unjustified) {
    const key = missing.row === undefined ? missing.ruleId : `${missing.ruleId}#${missing.row}`;
    await justify(state, actor, statementId, key, 'Écart expliqué dans le rapport de gestion (données de démonstration).');
  }
  return report(state, statementId);
}

/** A first numeric input whose change makes a blocking control fail: the « with errors » stage. */
async function breakOneControl(state: AppState, actor: Actor, statementId: number, pkg: FormPackage): Promise<void> {
  const candidates = pkg.fields.filter((f) => !f.readOnly && !f.table && (f.type === 'number' || f.type === 'integer')).slice(0, 40);
  for (const field of candidates) {
    const loaded = await loadStatement(state, statementId);
    const sheet = structuredClone(loaded.statement.answers[field.sheet] ?? {});
    const keys = field.path.split('.');
    let target = sheet as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    const current = Number(target[keys[keys.length - 1]] ?? 0);
    target[keys[keys.length - 1]] = current * 3 + 1234;
    const saved = await replaceSheets(
      state,
      actor,
      loaded.statement,
      loaded.statement.revision,
      { [field.sheet]: sheet },
      field.sheet,
    ).catch(() => null);
    if (saved && saved.report.counts.blocking > 0) return;
    if (saved) {
      target[keys[keys.length - 1]] = current;
      await replaceSheets(state, actor, statementId, saved.revision, { [field.sheet]: structuredClone(sheet) }, field.sheet);
    }
  }
}

async function signatoryOf(state: AppState, organisationId: number): Promise<Actor | null> {
  for (const role of ['ORG_SIGNATAIRE', 'ORG_SAISIE'] as const) {
    const user = await state.models.User.findOne({ where: { organisationId, role, disabled: false }, order: [['id', 'ASC']] });
    if (user) return loadActor(state, user.id);
  }
  return null;
}

const blockingRules = (report: Report) =>
  `non transmis, contrôles bloquants ${report.controls
    .filter((c) => c.severity === 'blocking' && c.status !== 'pass' && c.status !== 'not_applicable')
    .map((c) => c.ruleId)
    .join(', ')}`;

/** Dependency order: questionnaires other forms read (cross-form rules) come first. */
const formOrder = (code: string) => (code === 'dis' ? 0 : 1);

async function campaignsOf(state: AppState, exercice: number): Promise<Array<{ campaign: Campaign; formCode: string }>> {
  const campaigns = await state.models.Campaign.findAll({ where: { exercice }, order: [['id', 'ASC']] });
  const result = [];
  for (const campaign of campaigns) {
    const version = await state.models.FormVersion.findByPk(campaign.formVersionId, { attributes: ['id', 'formId'] });
    const form = version ? await state.models.Form.findByPk(version.formId) : null;
    if (form) result.push({ campaign, formCode: form.code });
  }
  return result.sort((a, b) => formOrder(a.formCode) - formOrder(b.formCode));
}

export async function fillStatement(
  state: AppState,
  actor: Actor,
  campaign: Campaign,
  organisation: Organisation,
  fixture: Fixture,
  sheetsShare = 1,
) {
  const { statement } = await openStatement(state, actor, organisation.id, campaign.id);
  const { pkg } = await formRuntime(state, statement.formVersionId);
  const answers = adaptAnswers(fixture, organisation);
  const sheetIds = pkg.sheets.map((s) => s.id).filter((id) => id in answers);
  const chosen = sheetIds.slice(0, Math.max(1, Math.ceil(sheetIds.length * sheetsShare)));
  const sheets = Object.fromEntries(chosen.map((id) => [id, answers[id]]));
  await replaceSheets(state, actor, statement, statement.revision, sheets, null);
  return { statementId: statement.id, pkg };
}

/**
 * Seeds the statements of every organisation with users: 2024 transmitted, 2025 at the stage
 * given by its position (not started, partly filled, with errors, ready, transmitted).
 */
export async function seedStatements(state: AppState): Promise<SeedSummary> {
  const summary: SeedSummary = {
    transmitted2024: 0,
    drafts2025: { not_started: 0, partly_filled: 0, with_errors: 0, ready: 0, transmitted: 0 },
    skipped: [],
  };
  const organisations = await state.models.Organisation.findAll({ order: [['id', 'ASC']] });
  const exercices = (await state.models.Campaign.findAll({ attributes: ['exercice'], where: { status: { [Op.ne]: 'scheduled' } } })).map(
    (c) => c.exercice,
  );
  const current = Math.max(...exercices, 0);
  const log = (what: string, err: unknown) => summary.skipped.push(`${what} : ${(err as Error).message}`);

  for (const { campaign, formCode } of await campaignsOf(state, current - 1)) {
    const fixture = readFixture(campaign.exercice, formCode);
    if (!fixture) continue;
    for (const organisation of organisations.filter((o) => campaign.audience.includes(o.kind))) {
      const actor = await signatoryOf(state, organisation.id);
      if (!actor) continue;
      try {
        // A closed campaign is reopened for the time of the seed: the demo shows last year as transmitted on time.
        const wasStatus = campaign.status;
        if (wasStatus !== 'open') await campaign.update({ status: 'open' });
        const { statementId, pkg } = await fillStatement(state, actor, campaign, organisation, fixture);
        const verdict = await completeStatement(state, actor, statementId, pkg, fixture);
        if (verdict.counts.blocking === 0) {
          const onTime = new Date(Math.min(Date.now(), campaign.closesAt.getTime()) - (1 + (organisation.id % 20)) * 86_400_000);
          await transmit(state, actor, statementId, undefined, { now: onTime });
          summary.transmitted2024 += 1;
        } else summary.skipped.push(`${formCode} ${campaign.exercice} ${organisation.siren} : ${blockingRules(verdict)}`);
        if (wasStatus !== 'open') await campaign.update({ status: wasStatus });
      } catch (err) {
        log(`${formCode} ${campaign.exercice} ${organisation.siren}`, err);
      }
    }
  }

  for (const { campaign, formCode } of await campaignsOf(state, current)) {
    const fixture = readFixture(campaign.exercice, formCode);
    if (!fixture || campaign.status !== 'open') continue;
    const audience = organisations.filter((o) => campaign.audience.includes(o.kind));
    for (const [index, organisation] of audience.entries()) {
      const stage = STAGES[index % STAGES.length];
      const actor = await signatoryOf(state, organisation.id);
      if (!actor) continue;
      try {
        if (stage === 'not_started') {
          summary.drafts2025.not_started += 1;
          continue;
        }
        const { statementId, pkg } = await fillStatement(
          state,
          actor,
          campaign,
          organisation,
          fixture,
          stage === 'partly_filled' ? 0.5 : 1,
        );
        if (stage === 'with_errors') await breakOneControl(state, actor, statementId, pkg);
        if (stage === 'ready' || stage === 'transmitted') {
          const verdict = await completeStatement(state, actor, statementId, pkg, fixture);
          if (stage === 'transmitted' && verdict.counts.blocking === 0) await transmit(state, actor, statementId);
        }
        summary.drafts2025[stage] += 1;
      } catch (err) {
        log(`${formCode} ${campaign.exercice} ${organisation.siren}`, err);
      }
    }
  }
  return summary;
}
