/**
 * Taking the user to a field: from the controls panel, from a failed transmission, from the
 * conflict dialog. The page switches fiche (and table page), then the input gets the focus and
 * is scrolled into view.
 */
import { fieldDomId } from './keys';

export interface FocusTarget {
  sheet: string;
  path: string;
  row?: number;
}

type Listener = (target: FocusTarget) => void;
const listeners = new Set<Listener>();

export function onFocusRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The request still waiting for its field to be drawn: what a part mounted meanwhile must show. */
let pending: FocusTarget | null = null;

export function requestFocus(target: FocusTarget) {
  pending = target;
  listeners.forEach((l) => l(target));
  focusWhenRendered(fieldDomId(target.sheet, target.path, target.row), 30, target);
}

/** The field a focus request is still waiting for (e.g. a table mounted by the request opens at its page). */
export function pendingFocus(): FocusTarget | null {
  return pending;
}

/** Waits a few frames for the fiche, slice or table page to render, then focuses the input. */
export function focusWhenRendered(domId: string, attempts = 30, target: FocusTarget | null = null) {
  const el = document.getElementById(domId);
  if (el) {
    if (pending === target) pending = null;
    el.scrollIntoView({ block: 'center' });
    (el as HTMLElement).focus({ preventScroll: true });
    return;
  }
  if (attempts > 0) requestAnimationFrame(() => focusWhenRendered(domId, attempts - 1, target));
  else if (pending === target) pending = null;
}
