/**
 * A slice of a large fiche that is mounted only while it is near the viewport (see decision 0601).
 * Unmounted, it is a placeholder of the slice's height holding one button, so the page keeps its
 * length, the keyboard still reaches it (Tab or Shift+Tab mounts it and moves on to its first or
 * last field) and a request to focus one of its fields (controls panel, transmit dialog) mounts it.
 * A slice holding the focus or a field whose text could not be read is never unmounted.
 */
import { startTransition, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { onFocusRequest } from './focus';
import { observeNear, type Nearness } from './nearness';
import type { StatementStore } from './store';

const FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button, [tabindex="0"]';

export interface LazyChunkProps {
  store: StatementStore;
  sheet: string;
  /** Field keys (`fieldKey`) drawn by this slice: focus requests and unread input keep it mounted. */
  keys: readonly string[];
  /** Field paths drawn by this slice, for focus requests. */
  paths: ReadonlySet<string>;
  /** Mounted from the first render (the top of the fiche, what the user sees first). */
  eager: boolean;
  /** Never unmounted once drawn: an open table keeps its page and what is being pasted. */
  keepOnceMounted?: boolean;
  /** Height of the placeholder before the slice was ever drawn, in rem. */
  estimateRem: number;
  /** What the placeholder's button says, e.g. « Afficher les postes 21 à 40 ». */
  label: string;
  className?: string;
  children: () => ReactNode;
}

export function LazyChunk({ store, sheet, keys, paths, eager, keepOnceMounted, estimateRem, label, className, children }: LazyChunkProps) {
  const [mounted, setMounted] = useState(eager);
  const box = useRef<HTMLDivElement>(null);
  /** Height last drawn (px), so that an unmounted slice keeps its place. */
  const drawnHeight = useRef<number | null>(null);
  const pendingFocus = useRef<'first' | 'last' | null>(null);

  /** What the observer said last, so that a slice left far away while it held the focus goes once the focus leaves. */
  const lastSeen = useRef<{ nearness: Nearness; height: number } | null>(null);

  /** Unmounts a slice found far from the viewport, unless the user is in it or it holds text that could not be read. */
  const leaveIfFar = (el: HTMLElement) => {
    if (lastSeen.current?.nearness !== 'far' || keepOnceMounted) return;
    if (el.contains(document.activeElement) || keys.some((k) => store.fieldMessages(k).some((m) => m.severity === 'input'))) return;
    if (lastSeen.current.height > 0) drawnHeight.current = lastSeen.current.height;
    startTransition(() => setMounted(false));
  };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    return observeNear(el, (nearness: Nearness, height: number) => {
      lastSeen.current = { nearness, height };
      // Scrolling near a slice is not urgent: React draws it between keystrokes (a transition yields to input).
      if (nearness === 'near') startTransition(() => setMounted(true));
      else leaveIfFar(el);
    });
    // The placeholder and the slice are different elements: observe whichever is drawn.
  }, [keys, store, mounted, keepOnceMounted]);

  useEffect(
    () =>
      onFocusRequest((t) => {
        if (t.sheet === sheet && paths.has(t.path)) setMounted(true);
      }),
    [sheet, paths],
  );

  useLayoutEffect(() => {
    if (!mounted || !pendingFocus.current || !box.current) return;
    const all = box.current.querySelectorAll<HTMLElement>(FOCUSABLE);
    const target = pendingFocus.current === 'first' ? all[0] : all[all.length - 1];
    pendingFocus.current = null;
    target?.focus();
  }, [mounted]);

  if (mounted) {
    return (
      <div
        ref={box}
        className={className}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) leaveIfFar(e.currentTarget);
        }}
      >
        {children()}
      </div>
    );
  }
  const height = drawnHeight.current !== null ? `${drawnHeight.current}px` : `${estimateRem}rem`;
  return (
    <div ref={box} className="hm-lazy" style={{ height }}>
      <button
        type="button"
        className="fr-btn fr-btn--tertiary fr-btn--sm hm-lazy__button"
        onFocus={(e) => {
          // Coming from a field below (Shift+Tab), the user expects the slice's last field.
          const from = e.relatedTarget as Node | null;
          pendingFocus.current =
            from && e.currentTarget.compareDocumentPosition(from) & Node.DOCUMENT_POSITION_FOLLOWING ? 'last' : 'first';
          setMounted(true);
        }}
        onClick={() => {
          pendingFocus.current = 'first';
          setMounted(true);
        }}
      >
        {label}
      </button>
    </div>
  );
}
