/**
 * Autosave: a moment after typing stops, each changed sheet is PUT with the revision it was based
 * on. A failed save is retried with growing delays and never dropped: the edits stay in memory
 * and in localStorage until the server acknowledges them. A 409 (someone else saved meanwhile)
 * stops the queue and hands both versions to the conflict dialog.
 */
import type { Justifications } from '../../../engine/api';
import { ApiError } from '../api/errors';
import type { SaveResult } from '../api/types';
import { readPending, writePending, type PendingEdits } from './pendingStore';
import type { StatementStore } from './store';

export type SaveStatus =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'retrying'; message: string; inMs: number }
  | { kind: 'conflict'; sheet: string | null }
  | { kind: 'expired' };

export interface SaveBackend {
  saveSheet(sheet: string, data: Record<string, unknown>, baseRevision: number): Promise<SaveResult>;
  saveJustification(key: string, text: string, previous: string | null): Promise<{ justifications: Justifications }>;
}

/** A justification a colleague changed since this page last saved it. */
export interface JustificationConflict {
  key: string;
  mine: string;
  theirs: string;
}

export interface ConflictInfo {
  sheet: string | null;
  mine: Record<string, unknown> | null;
  justification?: JustificationConflict;
}

export const AUTOSAVE_DELAY_MS = 1000;
const MAX_BACKOFF_MS = 30000;

export class Autosaver {
  status: SaveStatus = { kind: 'saved', at: null };
  revision: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private failures = 0;
  private stopped = false;
  /** Sheets taken from the store but not yet acknowledged: resent after a failure. */
  private unacked = new Map<string, Record<string, unknown>>();
  /** Justifications taken from the store but not yet acknowledged, key → text. */
  private unackedJustifications: Justifications = {};
  /** The justifications as the server last confirmed them: what each new text replaces. */
  private confirmedJustifications: Justifications;
  private listeners = new Set<() => void>();
  private unsubscribe: () => void;

  constructor(
    private statementId: string | number,
    private store: StatementStore,
    revision: number,
    private backend: SaveBackend,
    private onConflict: (info: ConflictInfo) => void,
    private onSaved?: (result: SaveResult) => void,
  ) {
    this.revision = revision;
    this.confirmedJustifications = { ...store.justifications };
    this.unsubscribe = store.subscribeDirty(() => this.schedule());
    window.addEventListener('pagehide', this.persist);
  }

  dispose() {
    this.persist();
    this.unsubscribe();
    window.removeEventListener('pagehide', this.persist);
    if (this.timer) clearTimeout(this.timer);
    this.stopped = true;
  }

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  hasUnsaved(): boolean {
    return (
      this.unacked.size > 0 ||
      Object.keys(this.unackedJustifications).length > 0 ||
      this.store.dirtySheets().length > 0 ||
      this.store.isJustificationsDirty()
    );
  }

  private setStatus(s: SaveStatus) {
    this.status = s;
    this.listeners.forEach((l) => l());
  }

  schedule(delay = AUTOSAVE_DELAY_MS) {
    if (this.stopped || this.status.kind === 'conflict') return;
    if (this.status.kind !== 'retrying' && this.status.kind !== 'saving') this.setStatus({ kind: 'pending' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  /** Writes everything not yet acknowledged to localStorage (also on pagehide). */
  persist = () => {
    const pending: PendingEdits = { baseRevision: this.revision, sheets: {}, at: new Date().toISOString() };
    for (const [sheet, data] of this.unacked) pending.sheets[sheet] = data;
    for (const sheet of this.store.dirtySheets()) pending.sheets[sheet] = this.store.sheetData(sheet);
    if (Object.keys(this.unackedJustifications).length || this.store.isJustificationsDirty())
      pending.justifications = { ...this.store.justifications };
    writePending(this.statementId, pending);
  };

  /** Sends now (also used before transmitting). Resolves true when everything is acknowledged. */
  async flush(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight || this.stopped || this.status.kind === 'conflict') return !this.hasUnsaved();
    for (const sheet of this.store.dirtySheets()) this.unacked.set(sheet, this.store.takeDirty(sheet));
    if (this.store.isJustificationsDirty()) Object.assign(this.unackedJustifications, this.store.takeJustifications());
    if (!this.unacked.size && !Object.keys(this.unackedJustifications).length) {
      this.setStatus({ kind: 'saved', at: this.status.kind === 'saved' ? this.status.at : new Date() });
      return true;
    }
    this.persist();
    this.inFlight = true;
    this.setStatus({ kind: 'saving' });
    try {
      for (const [sheet, data] of [...this.unacked]) {
        const res = await this.backend.saveSheet(sheet, data, this.revision);
        this.revision = res.revision;
        // Only forget it if no newer version of the sheet was taken meanwhile.
        if (this.unacked.get(sheet) === data) this.unacked.delete(sheet);
        this.onSaved?.(res);
      }
      for (const [key, text] of Object.entries(this.unackedJustifications)) {
        const saved = await this.backend.saveJustification(key, text, this.confirmedJustifications[key] ?? null);
        this.confirmedJustifications = { ...saved.justifications };
        if (this.unackedJustifications[key] === text) delete this.unackedJustifications[key];
      }
      this.failures = 0;
      this.inFlight = false;
      this.persist();
      if (this.store.dirtySheets().length || this.store.isJustificationsDirty()) {
        this.schedule(0);
      } else {
        this.setStatus({ kind: 'saved', at: new Date() });
      }
      return !this.hasUnsaved();
    } catch (err) {
      this.inFlight = false;
      this.persist();
      const justification = justificationConflict(err);
      if (justification) {
        justification.mine = this.unackedJustifications[justification.key] ?? '';
        this.setStatus({ kind: 'conflict', sheet: null });
        this.onConflict({ sheet: null, mine: null, justification });
        return false;
      }
      if (err instanceof ApiError && err.status === 409) {
        const sheet = [...this.unacked.keys()][0] ?? null;
        this.setStatus({ kind: 'conflict', sheet });
        this.onConflict({ sheet, mine: sheet ? this.unacked.get(sheet)! : null });
        return false;
      }
      if (err instanceof ApiError && err.status === 401) {
        this.setStatus({ kind: 'expired' });
        return false;
      }
      this.failures += 1;
      const inMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
      this.setStatus({ kind: 'retrying', message: err instanceof Error ? err.message : 'Erreur inconnue', inMs });
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), inMs);
      return false;
    }
  }

  /** The conflict is settled: `merged` (chosen per field) is saved on top of `revision`. */
  resolveConflict(sheet: string | null, revision: number) {
    this.revision = revision;
    if (sheet) this.unacked.delete(sheet);
    this.status = { kind: 'pending' };
    this.failures = 0;
    this.schedule(0);
  }

  /** A justification conflict is settled: `text` (the user's or the colleague's) is saved over the colleague's. */
  resolveJustification(conflict: JustificationConflict, text: string) {
    this.confirmedJustifications = { ...this.confirmedJustifications, [conflict.key]: conflict.theirs };
    this.unackedJustifications[conflict.key] = text;
    this.status = { kind: 'pending' };
    this.failures = 0;
    this.schedule(0);
  }

  /** After logging in again (expired session): resume sending. */
  resume() {
    this.setStatus({ kind: 'pending' });
    this.schedule(0);
  }

  static pendingFor(statementId: string | number): PendingEdits | null {
    return readPending(statementId);
  }
}

/** The 409 of a justification written over a colleague's (details `{ key, current }`), if it is one. */
function justificationConflict(err: unknown): JustificationConflict | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const details = err.details as { key?: unknown; current?: unknown } | undefined;
  if (!details || typeof details.key !== 'string' || !('current' in details)) return null;
  return { key: details.key, mine: '', theirs: typeof details.current === 'string' ? details.current : '' };
}
