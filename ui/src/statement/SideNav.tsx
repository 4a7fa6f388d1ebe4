/** The fiches as a DSFR side menu, each with its count of blocking errors and warnings. */
import { useSummaryVersion } from './hooks';
import type { StatementStore } from './store';

export function SideNav({
  store,
  sheets,
  active,
  onSelect,
}: {
  store: StatementStore;
  sheets: Array<{ id: string; title: string }>;
  active: string;
  onSelect: (sheet: string) => void;
}) {
  useSummaryVersion(store);
  return (
    <nav className="fr-sidemenu fr-sidemenu--sticky-full-height" role="navigation" aria-labelledby="fiches-titre">
      <div className="fr-sidemenu__inner">
        <div className="fr-collapse" id="fiches-menu">
          <p className="fr-sidemenu__title" id="fiches-titre">
            Fiches
          </p>
          <ul className="fr-sidemenu__list">
            {sheets.map((s) => {
              const c = store.sheetCounts(s.id);
              const current = s.id === active;
              const counts = [
                c.blocking ? `${c.blocking} erreur${c.blocking > 1 ? 's' : ''}` : '',
                c.warning ? `${c.warning} alerte${c.warning > 1 ? 's' : ''}` : '',
              ]
                .filter(Boolean)
                .join(', ');
              return (
                <li className={`fr-sidemenu__item${current ? ' fr-sidemenu__item--active' : ''}`} key={s.id}>
                  <a
                    className="fr-sidemenu__link"
                    href={`#fiche-${s.id}`}
                    aria-current={current ? 'page' : undefined}
                    data-sheet-link={s.id}
                    onClick={(e) => {
                      e.preventDefault();
                      onSelect(s.id);
                    }}
                  >
                    <span>
                      {s.id} — {s.title}
                      {counts ? <span className="fr-sr-only"> ({counts})</span> : null}
                    </span>
                    <span className="hm-counts" aria-hidden="true">
                      {c.blocking ? <span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">{c.blocking}</span> : null}
                      {c.warning ? <span className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">{c.warning}</span> : null}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </nav>
  );
}
