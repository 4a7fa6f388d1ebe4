/**
 * Unsaved edits kept in localStorage until the server acknowledges them, so that a closed tab,
 * a crash or an expired session never loses typed data.
 */
import type { Justifications } from '../../../engine/api';

export interface PendingEdits {
  baseRevision: number;
  sheets: Record<string, Record<string, unknown>>;
  justifications?: Justifications;
  at: string;
}

const keyOf = (statementId: string | number) => `harmonia:non-enregistre:${statementId}`;

export function readPending(statementId: string | number): PendingEdits | null {
  try {
    const raw = localStorage.getItem(keyOf(statementId));
    return raw ? (JSON.parse(raw) as PendingEdits) : null;
  } catch {
    return null;
  }
}

export function writePending(statementId: string | number, pending: PendingEdits | null): void {
  try {
    if (!pending || (!Object.keys(pending.sheets).length && !pending.justifications)) localStorage.removeItem(keyOf(statementId));
    else localStorage.setItem(keyOf(statementId), JSON.stringify(pending));
  } catch {
    // Storage full or disabled: the edits stay in memory and the status keeps saying so.
  }
}
