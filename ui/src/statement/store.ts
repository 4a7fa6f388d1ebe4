/**
 * The statement being edited, outside React: answers, computed values, messages per field and
 * the report. Components subscribe to the one key they show, so a keystroke re-renders the field
 * typed in, the computed cells whose value changed and the fields whose messages changed — never
 * the whole sheet.
 */
import type { Answers, ControlResult, Justifications, Report, Severity } from '../../../engine/api';
import { decodeEntities } from '../format/text';
import type { FieldMessage } from '../rjsf/primitives';
import { fieldKey, justificationKey } from './keys';
import { readPath, writePath } from './layout';
import type { LiveEngine } from './liveEngine';

type Listener = () => void;
type Json = Record<string, unknown>;

export interface SheetCounts {
  blocking: number;
  warning: number;
  info: number;
}

/** A failing control as the panel lists it. */
export interface PanelEntry {
  id: string;
  ruleId: string;
  severity: Severity;
  message: string;
  row?: number;
  sheet?: string;
  path?: string;
  /** Justification key when this is a warning (ruleId or ruleId#row). */
  justificationKey?: string;
  justified: boolean;
}

const EMPTY: readonly FieldMessage[] = Object.freeze([]);
const SEVERITY_ORDER: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };

export class StatementStore {
  answers: Answers;
  justifications: Justifications;
  report: Report | null = null;
  private computed = new Map<string, unknown>();
  private messages = new Map<string, readonly FieldMessage[]>();
  private inputErrors = new Map<string, string>();
  private listeners = new Map<string, Set<Listener>>();
  private summaryListeners = new Set<Listener>();
  private summarySignature = '';
  private entries: PanelEntry[] = [];
  private countsBySheet = new Map<string, SheetCounts>();
  private dirty = new Set<string>();
  private dirtyListeners = new Set<Listener>();
  private dirtyJustifications = new Set<string>();
  /** Bumped on each structural change of a table (rows added, removed, pasted). */
  private tableVersions = new Map<string, number>();
  /** Fields typed in during this visit, most recent last: where a many-field control's message shows. */
  private touched = new Map<string, number>();
  private touchCount = 0;
  /** Messages of the server's last report (ruleId or ruleId#row), when the browser could not render one. */
  private serverMessages = new Map<string, string>();

  constructor(
    answers: Answers,
    justifications: Justifications,
    private engine: LiveEngine | null,
    /** Rule titles, the last resort when neither the browser nor the server rendered a message. */
    private ruleTitles: Record<string, string> = {},
  ) {
    this.answers = structuredClone(answers ?? {});
    this.justifications = { ...(justifications ?? {}) };
    this.refreshReport();
  }

  // ---- reading -------------------------------------------------------------------------------

  sheetData(sheet: string): Json {
    return (this.answers[sheet] ??= {});
  }

  value(sheet: string, path: string, row?: number): unknown {
    const key = fieldKey(sheet, path, row);
    if (this.computed.has(key)) return this.computed.get(key);
    if (row === undefined) return readPath(this.answers[sheet], path);
    const [table, col] = splitColumn(path);
    const rows = this.answers[sheet]?.[table];
    return Array.isArray(rows) ? (rows[row] as Json | undefined)?.[col] : undefined;
  }

  rows(sheet: string, table: string): Json[] {
    const data = this.sheetData(sheet);
    if (!Array.isArray(data[table])) data[table] = [];
    return data[table] as Json[];
  }

  fieldMessages(key: string): readonly FieldMessage[] {
    const base = this.messages.get(key) ?? EMPTY;
    const input = this.inputErrors.get(key);
    return input ? [{ key: 'input', severity: 'input', text: input }, ...base] : base;
  }

  panelEntries(): PanelEntry[] {
    return this.entries;
  }

  sheetCounts(sheet: string): SheetCounts {
    return this.countsBySheet.get(sheet) ?? { blocking: 0, warning: 0, info: 0 };
  }

  tableVersion(sheet: string, table: string): number {
    return this.tableVersions.get(`${sheet}:${table}`) ?? 0;
  }

  // ---- subscribing ---------------------------------------------------------------------------

  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  subscribeSummary(listener: Listener): () => void {
    this.summaryListeners.add(listener);
    return () => this.summaryListeners.delete(listener);
  }

  subscribeDirty(listener: Listener): () => void {
    this.dirtyListeners.add(listener);
    return () => this.dirtyListeners.delete(listener);
  }

  private notify(key: string) {
    const set = this.listeners.get(key);
    if (set) for (const l of [...set]) l();
  }

  // ---- editing -------------------------------------------------------------------------------

  setValue(sheet: string, path: string, row: number | undefined, value: unknown): void {
    const key = fieldKey(sheet, path, row);
    if (row === undefined) writePath(this.sheetData(sheet), path, value);
    else {
      const [table, col] = splitColumn(path);
      const r = this.rows(sheet, table)[row];
      if (!r) return;
      if (value === null || value === undefined) delete r[col];
      else r[col] = value;
    }
    this.inputErrors.delete(key);
    this.touched.set(key, ++this.touchCount);
    this.markDirty(sheet);
    if (this.engine) {
      for (const change of this.engine.set(sheet, path, row, value ?? null)) {
        const changedKey = fieldKey(change.sheet, change.path, change.row);
        if (changedKey === key) continue;
        this.computed.set(changedKey, change.new);
        this.notify(changedKey);
      }
    }
    this.notify(key);
    if (row !== undefined) this.notify(`cells:${sheet}:${splitColumn(path)[0]}`);
    this.refreshReport();
  }

  /** The text typed cannot be read (e.g. « 12abc »): shown at the field, the stored value is kept. */
  setInputError(sheet: string, path: string, row: number | undefined, message: string | null): void {
    const key = fieldKey(sheet, path, row);
    const had = this.inputErrors.get(key) ?? null;
    if (had === message) return;
    if (message) this.inputErrors.set(key, message);
    else this.inputErrors.delete(key);
    this.notify(key);
  }

  hasInputErrors(): boolean {
    return this.inputErrors.size > 0;
  }

  setJustification(key: string, text: string): void {
    if (text.trim()) this.justifications[key] = text;
    else delete this.justifications[key];
    this.dirtyJustifications.add(key);
    this.dirtyListeners.forEach((l) => l());
    this.refreshReport();
  }

  addRows(sheet: string, table: string, newRows: Json[]): void {
    this.rows(sheet, table).push(...newRows);
    this.structuralChange(sheet, table);
  }

  removeRow(sheet: string, table: string, index: number): void {
    this.rows(sheet, table).splice(index, 1);
    this.structuralChange(sheet, table);
  }

  /** Rows changed in place (pasted over existing rows): tell the engine and redraw the table. */
  rowsChanged(sheet: string, table: string): void {
    this.structuralChange(sheet, table);
  }

  /** Replaces a sheet's data (conflict merge, import): everything shown of it is redrawn. */
  replaceSheet(sheet: string, data: Json, markDirty: boolean): void {
    this.answers[sheet] = structuredClone(data);
    if (markDirty) this.markDirty(sheet);
    this.engine?.reset(this.answers);
    this.recomputeAll();
    for (const key of this.listeners.keys()) if (key.startsWith(sheet + ':')) this.notify(key);
    for (const k of [...this.tableVersions.keys()]) if (k.startsWith(sheet + ':')) this.bumpTable(k);
    this.refreshReport();
  }

  /** The evaluation context changed (attachments): everything is evaluated again. */
  contextChanged(apply: (answers: Answers) => void): void {
    apply(this.answers);
    this.recomputeAll();
  }

  private structuralChange(sheet: string, table: string) {
    this.markDirty(sheet);
    if (this.engine) {
      // Computed cells of later rows move with their rows: take them from the engine again.
      for (const key of [...this.computed.keys()]) if (key.startsWith(`${sheet}:${table}.`)) this.computed.delete(key);
      for (const change of this.engine.setRows(sheet, table, this.rows(sheet, table))) {
        const k = fieldKey(change.sheet, change.path, change.row);
        this.computed.set(k, change.new);
      }
      this.reloadComputedOf(sheet, table);
    }
    this.bumpTable(`${sheet}:${table}`);
    this.refreshReport();
  }

  private reloadComputedOf(sheet: string, table: string) {
    const report = this.engine!.report(this.justifications);
    for (const [path, value] of Object.entries(report.computed?.[sheet] ?? {})) {
      if (!path.startsWith(table + '.') || !Array.isArray(value)) continue;
      value.forEach((v, row) => this.computed.set(fieldKey(sheet, path, row), v));
    }
  }

  private bumpTable(k: string) {
    this.tableVersions.set(k, (this.tableVersions.get(k) ?? 0) + 1);
    this.notify(`table:${k}`);
    this.notify(`cells:${k}`);
  }

  /** After a reset, computed values come from the report: redraw those that changed. */
  private recomputeAll() {
    const before = this.computed;
    this.computed = new Map();
    this.refreshReport();
    for (const key of new Set([...before.keys(), ...this.computed.keys()])) {
      if (before.get(key) !== this.computed.get(key)) this.notify(key);
    }
  }

  // ---- dirtiness (autosave) ------------------------------------------------------------------

  private markDirty(sheet: string) {
    this.dirty.add(sheet);
    this.dirtyListeners.forEach((l) => l());
  }

  dirtySheets(): string[] {
    return [...this.dirty];
  }

  isJustificationsDirty(): boolean {
    return this.dirtyJustifications.size > 0;
  }

  /** The save of `sheet` taken from the store: later edits mark it dirty again. */
  takeDirty(sheet: string): Json {
    this.dirty.delete(sheet);
    return structuredClone(this.sheetData(sheet));
  }

  /** The justifications changed since the last save, key → text ('' when removed). */
  takeJustifications(): Justifications {
    const out: Justifications = {};
    for (const k of this.dirtyJustifications) out[k] = this.justifications[k] ?? '';
    this.dirtyJustifications.clear();
    return out;
  }

  restoreDirty(sheet: string) {
    this.dirty.add(sheet);
  }

  restoreJustificationsDirty(keys: string[]) {
    for (const k of keys) this.dirtyJustifications.add(k);
  }

  // ---- report --------------------------------------------------------------------------------

  private refreshReport() {
    if (!this.engine) return;
    const report = this.engine.report(this.justifications);
    this.applyReport(report);
  }

  /** Paths typed in on a sheet during this visit (`path` or `path#row`), for the conflict dialog's defaults. */
  touchedPaths(sheet: string): Set<string> {
    const out = new Set<string>();
    for (const key of this.touched.keys()) if (key.startsWith(sheet + ':')) out.add(key.slice(sheet.length + 1));
    return out;
  }

  /** The server's report after a save: its messages stand in for those the browser left empty. */
  applyServerMessages(report: Report | undefined) {
    if (!report) return;
    for (const c of report.controls) {
      if (c.message) this.serverMessages.set(c.row === undefined ? c.ruleId : `${c.ruleId}#${c.row}`, decodeEntities(c.message));
    }
    this.refreshReport();
  }

  private messageOf(c: ControlResult): string {
    const rendered = c.message ? decodeEntities(c.message) : '';
    return (
      rendered ||
      this.serverMessages.get(c.row === undefined ? c.ruleId : `${c.ruleId}#${c.row}`) ||
      this.ruleTitles[c.ruleId] ||
      `Contrôle ${c.ruleId} en échec.`
    );
  }

  /**
   * Where a control's message shows: at the fields the user typed in, or — for a control reading
   * many fields (totals, « every amount ») — at the first one only, not at every cell it reads.
   */
  private placement(c: ControlResult): string[] {
    const keys = [...new Set(c.fields.map((f) => fieldKey(f.sheet, f.path, f.row ?? c.row)))];
    const typed = keys.filter((k) => this.touched.has(k)).sort((a, b) => this.touched.get(b)! - this.touched.get(a)!);
    if (typed.length) return typed;
    return keys.length <= 4 ? keys : keys.slice(0, 1);
  }

  /** Applies a report (the live one, or the server's after a save when no engine runs here). */
  applyReport(report: Report) {
    this.report = report;
    if (this.computed.size === 0) this.loadComputed(report);
    const next = new Map<string, FieldMessage[]>();
    const entries: PanelEntry[] = [];
    const counts = new Map<string, SheetCounts>();
    for (const c of report.controls) {
      if (c.status !== 'fail' && c.status !== 'error') continue;
      const text = this.messageOf(c);
      const placed = this.placement(c);
      const entry = toEntry(c, text, placed[0], this.justifications);
      entries.push(entry);
      const sheets = new Set(c.fields.map((f) => f.sheet));
      for (const s of sheets) {
        const sc = counts.get(s) ?? { blocking: 0, warning: 0, info: 0 };
        sc[c.severity] += 1;
        counts.set(s, sc);
      }
      for (const key of placed) {
        const list = next.get(key) ?? [];
        if (!list.some((m) => m.key === entry.id)) list.push({ key: entry.id, severity: c.severity, text });
        next.set(key, list);
      }
    }
    entries.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    // Notify only fields whose messages changed.
    for (const key of new Set([...this.messages.keys(), ...next.keys()])) {
      if (signature(this.messages.get(key)) !== signature(next.get(key))) {
        const list = next.get(key);
        if (list) this.messages.set(key, list);
        else this.messages.delete(key);
        this.notify(key);
      }
    }
    this.countsBySheet = counts;
    const summary =
      entries.map((e) => `${e.id}|${e.message}|${e.justified}`).join('\n') + JSON.stringify(report.counts) + report.transmissible;
    this.entries = entries;
    if (summary !== this.summarySignature) {
      this.summarySignature = summary;
      this.summaryListeners.forEach((l) => l());
    }
  }

  private loadComputed(report: Report) {
    for (const [sheet, values] of Object.entries(report.computed ?? {})) {
      for (const [path, value] of Object.entries(values ?? {})) {
        if (Array.isArray(value) && path.includes('.')) {
          value.forEach((v, row) => this.computed.set(fieldKey(sheet, path, row), v));
        } else this.computed.set(fieldKey(sheet, path), value);
      }
    }
  }
}

function splitColumn(path: string): [string, string] {
  const dot = path.indexOf('.');
  return [path.slice(0, dot), path.slice(dot + 1)];
}

function signature(list: readonly FieldMessage[] | undefined): string {
  return list ? list.map((m) => `${m.key}:${m.text}`).join('\n') : '';
}

/** `ER01:terrains.brut#3` → its parts. */
function parseKey(key: string | undefined): { sheet?: string; path?: string; row?: number } {
  if (!key) return {};
  const m = /^([^:]+):([^#]+)(?:#(\d+))?$/.exec(key);
  return m ? { sheet: m[1], path: m[2], row: m[3] === undefined ? undefined : Number(m[3]) } : {};
}

function toEntry(c: ControlResult, message: string, primaryKey: string | undefined, justifications: Justifications): PanelEntry {
  const jKey = c.severity === 'warning' ? justificationKey(c.ruleId, c.row) : undefined;
  const where = parseKey(primaryKey);
  return {
    id: c.row === undefined ? c.ruleId : `${c.ruleId}#${c.row}`,
    ruleId: c.ruleId,
    severity: c.severity,
    message,
    row: c.row ?? where.row,
    sheet: where.sheet,
    path: where.path,
    justificationKey: jKey,
    justified: jKey ? Boolean(justifications[jKey]?.trim()) : false,
  };
}
