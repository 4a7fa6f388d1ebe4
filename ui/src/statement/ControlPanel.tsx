/**
 * The failing controls, grouped by severity. Each entry is a link that takes the user to its
 * field (switching fiche); warnings carry the justification the organisation must write.
 */
import { useState } from 'react';
import type { Severity } from '../../../engine/api';
import { requestFocus } from './focus';
import { useSummaryVersion } from './hooks';
import { fieldDomId } from './keys';
import type { PanelEntry, StatementStore } from './store';

const TITLES: Record<Severity, string> = {
  blocking: 'Erreurs bloquantes',
  warning: 'Alertes à justifier',
  info: 'Informations',
};

export function ControlPanel({
  store,
  sheetTitles,
  onGoToSheet,
  onGoToAttachments,
  readOnly,
}: {
  store: StatementStore;
  sheetTitles: Record<string, string>;
  onGoToSheet: (sheet: string) => void;
  /** For controls about attachments (no field to go to); without it they are plain text. */
  onGoToAttachments?: () => void;
  readOnly: boolean;
}) {
  useSummaryVersion(store);
  const entries = store.panelEntries();
  const bySeverity: Record<Severity, PanelEntry[]> = { blocking: [], warning: [], info: [] };
  for (const e of entries) bySeverity[e.severity].push(e);
  return (
    <section className="hm-panel" aria-labelledby="controles-titre">
      <h2 className="fr-h5" id="controles-titre">
        Contrôles
      </h2>
      <p className="fr-text--sm" aria-live="polite" data-testid="controls-summary">
        {bySeverity.blocking.length} erreur{bySeverity.blocking.length > 1 ? 's' : ''} bloquante{bySeverity.blocking.length > 1 ? 's' : ''},{' '}
        {bySeverity.warning.length} alerte{bySeverity.warning.length > 1 ? 's' : ''}
        {bySeverity.warning.length ? ` dont ${bySeverity.warning.filter((w) => !w.justified).length} sans justification` : ''}.
      </p>
      {(['blocking', 'warning', 'info'] as Severity[]).map((severity) =>
        bySeverity[severity].length ? (
          <div key={severity} className="fr-mb-2w" data-severity-group={severity}>
            <h3 className="fr-h6 fr-mb-1w">
              {TITLES[severity]} ({bySeverity[severity].length})
            </h3>
            <ul className="hm-panel__list">
              {bySeverity[severity].slice(0, 200).map((e) => (
                <Entry
                  key={e.id}
                  entry={e}
                  store={store}
                  sheetTitles={sheetTitles}
                  onGoToSheet={onGoToSheet}
                  onGoToAttachments={onGoToAttachments}
                  readOnly={readOnly}
                />
              ))}
            </ul>
            {bySeverity[severity].length > 200 ? <p className="fr-text--sm">… et {bySeverity[severity].length - 200} autres.</p> : null}
          </div>
        ) : null,
      )}
    </section>
  );
}

function Entry({
  entry,
  store,
  sheetTitles,
  onGoToSheet,
  onGoToAttachments,
  readOnly,
}: {
  entry: PanelEntry;
  store: StatementStore;
  sheetTitles: Record<string, string>;
  onGoToSheet: (sheet: string) => void;
  onGoToAttachments?: () => void;
  readOnly: boolean;
}) {
  const [text, setText] = useState(entry.justificationKey ? (store.justifications[entry.justificationKey] ?? '') : '');
  const href = entry.sheet ? `#${fieldDomId(entry.sheet, entry.path ?? '', entry.row)}` : undefined;
  const where = entry.sheet
    ? `${sheetTitles[entry.sheet] ? `${entry.sheet} — ${sheetTitles[entry.sheet]}` : entry.sheet}${entry.row !== undefined ? `, ligne ${entry.row + 1}` : ''}`
    : '';
  const jId = `just-${entry.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li className={`hm-panel__entry hm-panel__entry--${entry.severity}`} data-rule={entry.ruleId}>
      {href ? (
        <a
          className="fr-link fr-text--sm"
          href={href}
          onClick={(ev) => {
            ev.preventDefault();
            onGoToSheet(entry.sheet!);
            requestFocus({ sheet: entry.sheet!, path: entry.path ?? '', row: entry.row });
          }}
        >
          {entry.message}
        </a>
      ) : onGoToAttachments ? (
        <a
          className="fr-link fr-text--sm"
          href="#pj-titre"
          onClick={(ev) => {
            ev.preventDefault();
            onGoToAttachments();
          }}
        >
          {entry.message}
        </a>
      ) : (
        <span className="fr-text--sm">{entry.message}</span>
      )}
      {where ? <span className="fr-hint-text">{where}</span> : null}
      {entry.justificationKey ? (
        <div className="fr-input-group fr-mt-1w">
          <label className="fr-label" htmlFor={jId}>
            Justification
            <span className="fr-hint-text">Expliquez pourquoi cette valeur est correcte ; elle sera transmise avec l’état.</span>
          </label>
          <textarea
            id={jId}
            className="fr-input"
            rows={2}
            value={text}
            readOnly={readOnly}
            onChange={(e) => {
              setText(e.target.value);
              store.setJustification(entry.justificationKey!, e.target.value);
            }}
          />
          {entry.justified ? <p className="fr-message fr-message--valid">Justification fournie.</p> : null}
        </div>
      ) : null}
    </li>
  );
}
