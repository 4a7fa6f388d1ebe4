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

export function requestFocus(target: FocusTarget) {
  listeners.forEach((l) => l(target));
  focusWhenRendered(fieldDomId(target.sheet, target.path, target.row));
}

/** Waits a few frames for the fiche or table page to render, then focuses the input. */
export function focusWhenRendered(domId: string, attempts = 30) {
  const el = document.getElementById(domId);
  if (el) {
    el.scrollIntoView({ block: 'center' });
    (el as HTMLElement).focus({ preventScroll: true });
    return;
  }
  if (attempts > 0) requestAnimationFrame(() => focusWhenRendered(domId, attempts - 1));
}
