/**
 * loadPackage: raw files → FormPackage, or every problem found, as diagnostics. Pure (no file
 * system, no ajv): the server, the CLI and the browser all run it. Draft 2020-12 meta-validation
 * of sheet schemas needs ajv and lives apart, in ./schemaDialect.
 */
import type { LoadResult, PackageBundle, PackageFiles } from '../api';
import type { AttachmentCategory, FieldDef, FormPackage, Manifest, ManifestSheet, RuleDef, SheetDef, TableDef } from './model';
import { DiagnosticBag } from './diagnostics';
import { PackageReader } from './files';
import { checkShape } from './schemaCheck';
import { manifestSchema } from './manifestSchema';
import { readSheetShape, indexOfShape, type CodeRegistry } from './sheetShape';
import { rememberShape } from './shapeCache';
import { checkUiSchema } from './uiSchema';
import { readRulesFile, sheetsReferencedBy } from './rulesFile';
import { lintTemplate } from './templates';
import { parsePrefill, findField } from './prefill';
import { filesFromBundle, isPackageBundle } from './bundle';
import { LIMITS, byteLength } from './limits';
import { joinPointer } from './json/pointer';
import { packageRef } from './formats';

export interface LoadOptions {
  /** Files of another package (`form`, `version`), for sheets this one takes by reference. */
  resolveShared?: (form: string, version: string) => PackageFiles | undefined;
}

const MANIFEST = 'manifest.json';
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadPackage(input: PackageFiles | PackageBundle, opts: LoadOptions = {}): LoadResult<FormPackage> {
  if (isPackageBundle(input)) {
    const files = filesFromBundle(input);
    if (!files.ok) return files as LoadResult<never>;
    return loadFiles(files.value!, opts, []);
  }
  return loadFiles(input, opts, []);
}

function loadFiles(files: PackageFiles, opts: LoadOptions, stack: string[]): LoadResult<FormPackage> {
  const bag = new DiagnosticBag();
  checkPackageSize(files, bag);
  const reader = new PackageReader(files, bag);
  const parsed = reader.json(MANIFEST);
  if (!parsed) return { ok: false, diagnostics: bag.items };
  for (const e of checkShape(parsed.value, manifestSchema)) bag.add('MANIFEST_INVALID', MANIFEST, e.pointer, { detail: e.message });
  if (!isObject(parsed.value)) return { ok: false, diagnostics: bag.items };

  const manifest = normaliseManifest(parsed.value, reader);
  const self = packageRef(manifest.id, manifest.version);
  const loader = new Loader(reader, bag, manifest, self, opts, [...stack, self]);
  const pkg = loader.run();
  return bag.empty ? { ok: true, value: pkg, diagnostics: [] } : { ok: false, diagnostics: bag.items };
}

function checkPackageSize(files: PackageFiles, bag: DiagnosticBag): void {
  const paths = Object.keys(files);
  if (paths.length > LIMITS.maxFiles)
    bag.add('PACKAGE_TOO_LARGE', MANIFEST, undefined, { actual: `${paths.length} fichiers`, limit: `${LIMITS.maxFiles} fichiers` });
  const total = paths.reduce((sum, p) => sum + (typeof files[p] === 'string' ? byteLength(files[p]) : 0), 0);
  if (total > LIMITS.maxTotalBytes)
    bag.add('PACKAGE_TOO_LARGE', MANIFEST, undefined, { actual: `${total} octets`, limit: `${LIMITS.maxTotalBytes} octets` });
}

/** A manifest with defaults applied; values of the wrong type (already reported) are dropped. */
function normaliseManifest(raw: Json, reader: PackageReader): Manifest {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const list = <T>(v: unknown, keep: (x: unknown) => boolean): T[] => (Array.isArray(v) ? (v.filter(keep) as T[]) : []);
  const manifest: Manifest = {
    id: str(raw.id),
    version: str(raw.version),
    exercice: typeof raw.exercice === 'number' ? raw.exercice : 0,
    title: str(raw.title),
    owner: str(raw.owner),
    audience: list(raw.audience, (x) => typeof x === 'string'),
    sheets: list<ManifestSheet>(raw.sheets, (x) => isObject(x)),
    // No "rules" key: a rules.json next to the manifest is the conventional default.
    rules: raw.rules === undefined ? (reader.has('rules.json') ? ['rules.json'] : []) : list(raw.rules, (x) => typeof x === 'string'),
    attachments: list<AttachmentCategory>(raw.attachments, (x) => isObject(x) && typeof x.code === 'string'),
    prefill: list(raw.prefill, (x) => typeof x === 'string'),
    templates: isObject(raw.templates)
      ? (Object.fromEntries(Object.entries(raw.templates).filter(([, v]) => typeof v === 'string')) as Record<string, string>)
      : {},
  };
  if (typeof raw.follows === 'string') manifest.follows = raw.follows;
  if (typeof raw.description === 'string') manifest.description = raw.description;
  return manifest;
}

interface SheetSlot {
  index: number;
  sheet: SheetDef;
  fields: FieldDef[];
  tables: TableDef[];
}

class Loader {
  private readonly codes: CodeRegistry = new Map();
  private readonly slots: SheetSlot[] = [];
  private readonly sharedPackages = new Map<string, FormPackage | undefined>();
  /** Shared package ref → sheet ids taken from it. */
  private readonly imported = new Map<string, Set<string>>();

  constructor(
    private readonly reader: PackageReader,
    private readonly bag: DiagnosticBag,
    private readonly manifest: Manifest,
    private readonly self: string,
    private readonly opts: LoadOptions,
    private readonly stack: string[],
  ) {}

  run(): FormPackage {
    const entries = this.sheetEntries();
    // Shared sheets first: their codes are fixed elsewhere, so a clash is reported in our own files.
    for (const [entry, index] of entries) if (entry.shared) this.loadSharedSheet(entry, index);
    for (const [entry, index] of entries) if (!entry.shared) this.loadOwnSheet(entry, index);
    this.slots.sort((a, b) => a.index - b.index);

    const fields = this.slots.flatMap((s) => s.fields);
    const tables = this.slots.flatMap((s) => s.tables);
    const rules = [...this.carriedRules(), ...this.ownRules()];
    this.checkAttachments();
    this.checkPrefill(fields);
    return {
      manifest: this.manifest,
      sheets: this.slots.map((s) => s.sheet),
      fields,
      tables,
      rules,
      templates: this.loadTemplates(),
    };
  }

  private sheetEntries(): Array<[ManifestSheet, number]> {
    const seen = new Set<string>();
    const out: Array<[ManifestSheet, number]> = [];
    this.manifest.sheets.forEach((entry, index) => {
      if (typeof entry.id !== 'string') return;
      const at = joinPointer('/sheets', index);
      if (seen.has(entry.id)) {
        this.bag.add('SHEET_DUPLICATE_ID', MANIFEST, joinPointer(at, 'id'), { sheet: entry.id });
        return;
      }
      seen.add(entry.id);
      const hasShared = entry.shared !== undefined;
      const hasSchema = entry.schema !== undefined;
      if (hasShared === hasSchema) {
        this.bag.add('MANIFEST_SHEET_SOURCE', MANIFEST, at, { sheet: entry.id });
        return;
      }
      if (hasShared && !(isObject(entry.shared) && typeof entry.shared.form === 'string' && typeof entry.shared.version === 'string'))
        return;
      if (hasSchema && typeof entry.schema !== 'string') return;
      out.push([entry, index]);
    });
    return out;
  }

  private loadOwnSheet(entry: ManifestSheet, index: number): void {
    const at = joinPointer('/sheets', index);
    const file = entry.schema!;
    const parsed = this.reader.json(file, { file: MANIFEST, pointer: joinPointer(at, 'schema') });
    if (!parsed) return;
    const shape = readSheetShape(entry.id, parsed.value, file, this.bag, this.codes);
    if (!shape) return;
    const schema = parsed.value as Json;
    let ui: Json = {};
    if (typeof entry.ui === 'string') {
      const parsedUi = this.reader.json(entry.ui, { file: MANIFEST, pointer: joinPointer(at, 'ui') });
      if (parsedUi) ui = checkUiSchema(parsedUi.value, shape, entry.ui, this.bag);
    }
    const sheet: SheetDef = {
      id: entry.id,
      title: entry.title ?? (typeof schema.title === 'string' ? schema.title : entry.id),
      schema,
      ui,
      file,
    };
    rememberShape(sheet, shape);
    this.slots.push({ index, sheet, ...indexOfShape(shape) });
  }

  private loadSharedSheet(entry: ManifestSheet, index: number): void {
    const { form, version } = entry.shared!;
    const ref = packageRef(form, version);
    const at = joinPointer('/sheets', index, 'shared');
    const other = this.sharedPackage(form, version, entry.id, at);
    if (!other) return;
    const sheet = other.sheets.find((s) => s.id === entry.id);
    if (!sheet) {
      this.bag.add('SHARED_SHEET_NOT_FOUND', MANIFEST, at, { ref, sheet: entry.id });
      return;
    }
    const fields = other.fields.filter((f) => f.sheet === entry.id);
    const tables = other.tables.filter((t) => t.sheet === entry.id);
    for (const item of [...fields, ...tables]) {
      const previous = this.codes.get(item.code);
      if (previous !== undefined) this.bag.add('SHEET_CODE_DUPLICATE', MANIFEST, at, { code: item.code, other: previous });
      else this.codes.set(item.code, `${entry.id}.${item.path} (repris de ${ref})`);
    }
    if (!this.imported.has(ref)) this.imported.set(ref, new Set());
    this.imported.get(ref)!.add(entry.id);
    // The sheet keeps the schema object of its owner: one shape, one set of codes, one answer.
    const shared: SheetDef = { ...sheet, title: entry.title ?? sheet.title, sharedFrom: sheet.sharedFrom ?? { form, version } };
    this.slots.push({ index, sheet: shared, fields, tables });
  }

  private sharedPackage(form: string, version: string, sheetId: string, at: string): FormPackage | undefined {
    const ref = packageRef(form, version);
    if (this.sharedPackages.has(ref)) return this.sharedPackages.get(ref);
    this.sharedPackages.set(ref, undefined);
    if (this.stack.includes(ref)) {
      this.bag.add('SHARED_CYCLE', MANIFEST, at, { chain: [...this.stack, ref].join(' → ') });
      return undefined;
    }
    if (this.stack.length > LIMITS.maxSharedDepth) {
      this.bag.add('SHARED_TOO_DEEP', MANIFEST, at, { chain: [...this.stack, ref].join(' → '), limit: LIMITS.maxSharedDepth });
      return undefined;
    }
    const files = this.opts.resolveShared?.(form, version);
    if (!files) {
      this.bag.add('SHARED_UNRESOLVED', MANIFEST, at, { ref, sheet: sheetId });
      return undefined;
    }
    const result = loadFiles(files, this.opts, this.stack);
    if (!result.ok) {
      const first = result.diagnostics[0];
      const where = first ? `${first.file}${first.pointer ? '#' + first.pointer : ''}` : '';
      this.bag.add('SHARED_PACKAGE_INVALID', MANIFEST, at, {
        ref,
        sheet: sheetId,
        count: result.diagnostics.length,
        first: first ? `${where} : ${first.message} [${first.code}]` : '',
      });
      return undefined;
    }
    const actual = packageRef(result.value!.manifest.id, result.value!.manifest.version);
    if (actual !== ref) {
      this.bag.add('SHARED_MISMATCH', MANIFEST, at, { ref, actual });
      return undefined;
    }
    this.sharedPackages.set(ref, result.value);
    return result.value;
  }

  /**
   * Rules of a shared package run here too when everything they read is in the sheets taken from
   * it; they keep their owner in `origin` and get the owner's form id as prefix, so ids never clash.
   */
  private carriedRules(): RuleDef[] {
    const out: RuleDef[] = [];
    for (const [ref, sheetIds] of this.imported) {
      const other = this.sharedPackages.get(ref);
      if (!other) continue;
      for (const rule of other.rules) {
        if (rule.kind === 'attachment') continue;
        const used = sheetsReferencedBy(rule);
        if (used.size === 0 || ![...used].every((s) => sheetIds.has(s))) continue;
        const ownerForm = rule.origin.split('@')[0];
        out.push({ ...rule, id: rule.id.includes(':') ? rule.id : `${ownerForm}:${rule.id}` });
      }
    }
    return out;
  }

  private ownRules(): RuleDef[] {
    const out: RuleDef[] = [];
    const byId = new Map<string, RuleDef>();
    this.manifest.rules.forEach((file, index) => {
      const parsed = this.reader.json(file, { file: MANIFEST, pointer: joinPointer('/rules', index) });
      if (!parsed) return;
      for (const rule of readRulesFile(parsed.value, file, this.self, this.bag)) {
        const previous = byId.get(rule.id);
        if (previous) {
          this.bag.add(
            'RULE_ID_DUPLICATE',
            file,
            joinPointer(rule.pointer, 'id'),
            { id: rule.id, other: `${previous.file}#${previous.pointer}` },
            { ruleId: rule.id },
          );
          continue;
        }
        byId.set(rule.id, rule);
        out.push(rule);
      }
    });
    return out;
  }

  private checkAttachments(): void {
    const codes = new Set<string>();
    this.manifest.attachments.forEach((a, index) => {
      if (codes.has(a.code)) this.bag.add('ATTACHMENT_DUPLICATE', MANIFEST, joinPointer('/attachments', index, 'code'), { code: a.code });
      codes.add(a.code);
    });
    // Attachment rules naming an undeclared category are engine/rules' RULE_UNKNOWN_CATEGORY.
  }

  private checkPrefill(fields: FieldDef[]): void {
    this.manifest.prefill.forEach((text, index) => {
      const at = joinPointer('/prefill', index);
      const instruction = parsePrefill(text);
      if (!instruction) {
        this.bag.add('PREFILL_SYNTAX', MANIFEST, at, { text });
        return;
      }
      const { target, source } = instruction;
      const targetField = findField(fields, target.sheet, target.path);
      if (!targetField || targetField.table)
        this.bag.add('PREFILL_UNKNOWN_FIELD', MANIFEST, at, { side: 'cible', ref: `${target.sheet}.${target.path}` });
      else if (targetField.readOnly) this.bag.add('PREFILL_TARGET_READONLY', MANIFEST, at, { ref: `${target.sheet}.${target.path}` });
      const sourceField = findField(fields, source.sheet, source.path);
      if (!sourceField || sourceField.table)
        this.bag.add('PREFILL_UNKNOWN_FIELD', MANIFEST, at, { side: 'source', ref: `${source.sheet}.${source.path}` });
    });
  }

  private loadTemplates(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, file] of Object.entries(this.manifest.templates)) {
      const source = this.reader.text(file, { file: MANIFEST, pointer: joinPointer('/templates', name) });
      if (source === undefined) continue;
      const lint = lintTemplate(source);
      for (const detail of lint.unsafe) this.bag.add('TEMPLATE_UNSAFE', file, undefined, { detail });
      if (lint.syntax) this.bag.add('TEMPLATE_SYNTAX', file, undefined, { detail: lint.syntax });
      out[name] = source;
    }
    return out;
  }
}
