/** Accessible tabs (WAI-ARIA tabs pattern, arrow keys move between tabs). */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
  disabled?: boolean;
}

export function Tabs<T extends string>({
  tabs,
  active,
  onSelect,
  label,
  children,
}: {
  tabs: TabSpec<T>[];
  active: T;
  onSelect: (id: T) => void;
  label: string;
  children: ReactNode;
}) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const enabled = tabs.filter((t) => !t.disabled);
  const onKey = (e: KeyboardEvent) => {
    const index = enabled.findIndex((t) => t.id === active);
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta || index < 0) return;
    e.preventDefault();
    const next = enabled[(index + delta + enabled.length) % enabled.length];
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div className="hm-tabs">
      <div role="tablist" aria-label={label} className="hm-tabs__list" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
            }}
            type="button"
            role="tab"
            id={`onglet-${t.id}`}
            aria-selected={t.id === active}
            aria-controls={`panneau-${t.id}`}
            tabIndex={t.id === active ? 0 : -1}
            disabled={t.disabled}
            className={`fr-btn fr-btn--sm ${t.id === active ? '' : 'fr-btn--tertiary'}`}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panneau-${active}`} aria-labelledby={`onglet-${active}`} className="hm-tabs__panel">
        {children}
      </div>
    </div>
  );
}
