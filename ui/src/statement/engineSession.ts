/**
 * Runs the engine in the browser: the published form package is loaded and compiled once, then
 * an incremental session follows every keystroke. Structural checks of the schema (minimum,
 * maxLength, enum…, engine/package validateAnswers, no ajv so the CSP holds) are re-run for the
 * changed sheet only and reported like blocking controls, so they show at the field and in the panel.
 */
import {
  createSession,
  loadForm,
  loadPackage,
  validateAnswers,
  type Answers,
  type CompiledForm,
  type ControlResult,
  type EvaluationContext,
  type EvaluationSession,
  type FieldChange,
  type Justifications,
  type PackageBundle,
  type PackageFiles,
  type Report,
} from '../../../engine';
import type { FieldError, FormPackage } from '../../../engine/package/model';
import { api } from '../api/client';
import type { FormPackagePayload, StatementDetail } from '../api/types';
import { readPath } from './layout';
import type { LiveEngine } from './liveEngine';

type Json = Record<string, unknown>;

export class BrowserEngine implements LiveEngine {
  private session: EvaluationSession;
  private schemaErrors = new Map<string, ControlResult[]>();
  /** Where the current data of a sheet is read for structural checks (the store's working copy). */
  sheetSource: ((sheet: string) => unknown) | null = null;

  constructor(
    private form: CompiledForm,
    answers: Answers,
    private context: EvaluationContext,
  ) {
    this.session = createSession(form.rules, answers, context);
    for (const sheet of form.package.sheets) this.revalidate(sheet.id, answers[sheet.id]);
  }

  set(sheet: string, path: string, row: number | undefined, value: unknown): FieldChange[] {
    const changes = this.session.set(sheet, path, row, value);
    this.revalidatePart(sheet, path, row);
    return changes;
  }

  setRows(sheet: string, table: string, rows: unknown[]): FieldChange[] {
    const changes = this.session.setRows(sheet, table, rows);
    this.revalidate(sheet, this.dataOf(sheet));
    return changes;
  }

  reset(answers: Answers): void {
    this.session = createSession(this.form.rules, answers, this.context);
    for (const sheet of this.form.package.sheets) this.revalidate(sheet.id, answers[sheet.id]);
  }

  /** The attachments count changed (a file was joined or removed): attachment rules see it. */
  setAttachments(counts: Record<string, number>, answers: Answers) {
    this.context = { ...this.context, attachments: counts };
    this.reset(answers);
  }

  report(justifications: Justifications): Report {
    const report = this.session.report(justifications);
    const extra: ControlResult[] = [];
    for (const list of this.schemaErrors.values()) extra.push(...list);
    if (!extra.length) return report;
    return {
      ...report,
      controls: [...extra, ...report.controls],
      counts: { ...report.counts, blocking: report.counts.blocking + extra.length },
      transmissible: false,
    };
  }

  private dataOf(sheet: string): Json | undefined {
    return (this.sheetSource ? this.sheetSource(sheet) : this.session.answers()[sheet]) as Json | undefined;
  }

  /** A whole sheet's structural check (start, rows added or removed, replaced answers). */
  private revalidate(sheet: string, data: unknown) {
    for (const k of [...this.schemaErrors.keys()]) if (k.startsWith(sheet + '|')) this.schemaErrors.delete(k);
    if (data === undefined) return;
    for (const e of validateAnswers(this.form.package, { [sheet]: data }, { partial: true })) {
      if (e.sheet !== sheet || !e.path) continue;
      this.addError(partKey(sheet, e.path, e.row), e);
    }
  }

  /**
   * After one keystroke only the changed part is checked again: its group (or top-level field), or
   * its table row — validating the whole 1,000-field sheet on every key would cost milliseconds.
   */
  private revalidatePart(sheet: string, path: string, row: number | undefined) {
    const data = this.dataOf(sheet) ?? {};
    const top = path.split('.')[0];
    const key = partKey(sheet, path, row);
    this.schemaErrors.delete(key);
    let part: Json;
    if (row !== undefined) {
      const rows = Array.isArray(data[top]) ? (data[top] as unknown[]) : [];
      part = { [top]: [rows[row] ?? {}] };
    } else part = top in data ? { [top]: data[top] } : {};
    for (const e of validateAnswers(this.form.package, { [sheet]: part }, { partial: true })) {
      if (e.sheet !== sheet || !e.path || e.path.split('.')[0] !== top) continue;
      if (row !== undefined && e.row === undefined) continue; // table-wide checks need every row: done on setRows
      this.addError(key, row !== undefined ? { ...e, row } : e);
    }
  }

  private addError(key: string, e: FieldError) {
    const list = this.schemaErrors.get(key) ?? [];
    list.push({
      ruleId: `schema:${e.keyword}:${e.path}${e.row === undefined ? '' : '#' + e.row}`,
      severity: 'blocking',
      status: 'fail',
      fields: [{ sheet: e.sheet, path: e.path, row: e.row, code: e.code ?? '' }],
      row: e.row,
      message: e.message,
    });
    this.schemaErrors.set(key, list);
  }
}

/** Structural errors are grouped by sheet and top-level property (and row for table cells). */
function partKey(sheet: string, path: string, row?: number): string {
  const top = path.split('.')[0];
  return row === undefined ? `${sheet}|${top}` : `${sheet}|${top}#${row}`;
}

function isBundle(v: unknown): v is PackageBundle {
  return typeof v === 'object' && v !== null && (v as Json).format === 'harmonia-form-package@1';
}

/** Compiles a package as the server sends it (bundle, files, or files plus shared dependencies). */
export function compileForm(payload: FormPackagePayload | PackageBundle | PackageFiles): CompiledForm {
  const p = payload as Json;
  const main = isBundle(p)
    ? { format: p.format, files: p.files }
    : ((p.files as PackageFiles | undefined) ?? (p.package as PackageFiles | undefined) ?? (p as PackageFiles));
  const deps = (p.dependencies ?? p.shared ?? {}) as Record<string, PackageFiles | PackageBundle>;
  const loaded = loadForm(main as PackageFiles | PackageBundle, {
    resolveShared: (form, version) => {
      const dep = deps[`${form}@${version}`];
      if (!dep) return undefined;
      return isBundle(dep) ? dep.files : dep;
    },
  });
  if (!loaded.ok || !loaded.value) {
    const first = loaded.diagnostics[0];
    throw new Error(`Le formulaire de cette déclaration ne peut pas être chargé${first ? ` : ${first.message} (${first.file})` : '.'}`);
  }
  return loaded.value;
}

/**
 * The evaluation context: the server's when it sends one; otherwise built from the statement's
 * header (organisation, campaign, attachments). Without the server's, N-1 and cross-form values
 * are unknown here and the server's report after each save stays the authority for those rules.
 */
export function statementContext(detail: StatementDetail): EvaluationContext {
  if (detail.context) return detail.context;
  const attachments: Record<string, number> = {};
  for (const a of detail.attachments ?? []) attachments[a.category] = (attachments[a.category] ?? 0) + 1;
  const o = detail.organisation;
  return {
    organisation: {
      siren: o.siren,
      name: o.name,
      kind: o.kind as EvaluationContext['organisation']['kind'],
      departement: o.departement,
      departements: o.departements ?? [],
    },
    campaign: { exercice: detail.campaign.exercice, opensAt: detail.campaign.opensAt, closesAt: detail.campaign.closesAt },
    attachments,
  };
}

/** The packages the manifest's shared sheets come from, `form@version` → files. */
async function sharedPackages(main: PackageBundle): Promise<Record<string, PackageFiles>> {
  const out: Record<string, PackageFiles> = {};
  let manifest: { sheets?: Array<{ shared?: { form: string; version: string } }> };
  try {
    manifest = JSON.parse(main.files['manifest.json'] ?? '{}');
  } catch {
    return out;
  }
  for (const sheet of manifest.sheets ?? []) {
    if (!sheet.shared) continue;
    const ref = `${sheet.shared.form}@${sheet.shared.version}`;
    if (out[ref]) continue;
    const id = await api.publishedVersionId(sheet.shared.form, sheet.shared.version);
    if (id === null) continue;
    const dep = (await api.formPackage(id)) as unknown as PackageBundle;
    out[ref] = dep.files;
  }
  return out;
}

/**
 * The previous exercice's transmitted values by stable code (what `N1(...)` reads and what is shown
 * beside the fields), when the server did not send its context: read from last year's statement of
 * the same form, through that version's package (paths → codes). Missing → none, never an error.
 */
export async function previousValues(detail: StatementDetail): Promise<Record<string, unknown> | undefined> {
  if (detail.context?.previous) return detail.context.previous;
  try {
    const entries = await api.campaigns();
    const last = entries.find(
      (e) => e.form?.code === detail.form.code && e.campaign.exercice === detail.campaign.exercice - 1 && e.statement,
    );
    if (!last?.statement || (last.statement.state !== 'transmitted' && last.statement.state !== 'acknowledged')) return undefined;
    const prev = await api.statement(last.statement.id);
    if (!prev.form.formVersionId) return undefined;
    const bundle = (await api.formPackage(prev.form.formVersionId)) as unknown as PackageBundle;
    const loaded = loadPackage({ format: bundle.format, files: bundle.files }, { resolveShared: () => undefined });
    if (!loaded.value) return undefined;
    const out: Record<string, unknown> = {};
    for (const f of loaded.value.fields) {
      if (f.table) continue;
      const value = readPath(prev.answers?.[f.sheet], f.path);
      if (value !== undefined && value !== null) out[f.code] = value;
    }
    return out;
  } catch {
    return undefined;
  }
}

export async function openStatementEngine(
  detail: StatementDetail,
): Promise<{ pkg: FormPackage; engine: BrowserEngine; previous?: Record<string, unknown> }> {
  if (!detail.form.formVersionId) throw new Error('Version du formulaire inconnue.');
  const main = (await api.formPackage(detail.form.formVersionId)) as unknown as PackageBundle;
  const [dependencies, previous] = await Promise.all([sharedPackages(main), previousValues(detail)]);
  const form = compileForm({ ...main, dependencies } as unknown as FormPackagePayload);
  const context = { ...statementContext(detail), ...(previous ? { previous } : {}) };
  return { pkg: form.package, engine: new BrowserEngine(form, detail.answers ?? {}, context), previous };
}
