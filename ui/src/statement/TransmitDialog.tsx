/**
 * The summary before transmitting: counts, what blocks and why, recipients. Transmission is
 * offered only when no blocking control fails and every warning is justified; the server checks
 * again and its refusal, if any, is shown the same way.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/errors';
import { requestFocus } from './focus';
import { useSummaryVersion } from './hooks';
import type { StatementStore } from './store';

export function TransmitDialog({
  store,
  prefectures,
  attachmentsCount,
  canSign,
  onClose,
  onGoToSheet,
  transmit,
}: {
  store: StatementStore;
  prefectures: string[];
  attachmentsCount: number;
  canSign: boolean;
  onClose: () => void;
  onGoToSheet: (sheet: string) => void;
  transmit: () => Promise<void>;
}) {
  useSummaryVersion(store);
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const entries = store.panelEntries();
  const blocking = entries.filter((e) => e.severity === 'blocking');
  const warnings = entries.filter((e) => e.severity === 'warning');
  const unjustified = warnings.filter((w) => !w.justified);
  const inputErrors = store.hasInputErrors();
  const blocked = blocking.length > 0 || unjustified.length > 0 || inputErrors;
  const reasons = [...blocking, ...unjustified];

  const close = () => {
    ref.current?.close();
    onClose();
  };

  return (
    <dialog ref={ref} className="hm-dialog" aria-labelledby="transmettre-titre" onClose={onClose}>
      <div className="fr-container fr-container--fluid">
        <h2 id="transmettre-titre" className="fr-h4">
          Transmettre la déclaration
        </h2>
        <ul data-testid="transmit-summary">
          <li>
            {blocking.length === 0
              ? 'Aucune erreur bloquante.'
              : `${blocking.length} erreur${blocking.length > 1 ? 's' : ''} bloquante${blocking.length > 1 ? 's' : ''}.`}
          </li>
          <li>
            {warnings.length} alerte{warnings.length > 1 ? 's' : ''}, dont {unjustified.length} sans justification.
          </li>
          <li>
            {prefectures.length} préfecture{prefectures.length > 1 ? 's' : ''} destinataire{prefectures.length > 1 ? 's' : ''} :{' '}
            {prefectures.join(', ') || 'aucune'}.
          </li>
          <li>
            {attachmentsCount} pièce{attachmentsCount > 1 ? 's' : ''} jointe{attachmentsCount > 1 ? 's' : ''}.
          </li>
        </ul>
        {blocked ? (
          <div className="fr-alert fr-alert--error fr-mb-2w" role="alert">
            <h3 className="fr-alert__title">La transmission est impossible pour l’instant</h3>
            {inputErrors ? <p>Des valeurs saisies ne sont pas lisibles comme des nombres ou des dates.</p> : null}
            <ul>
              {reasons.slice(0, 30).map((r) => (
                <li key={r.id}>
                  {r.severity === 'warning' ? 'Justification manquante : ' : ''}
                  {r.sheet ? (
                    <a
                      href={`#${r.sheet}`}
                      className="fr-link"
                      onClick={(e) => {
                        e.preventDefault();
                        close();
                        onGoToSheet(r.sheet!);
                        requestFocus({ sheet: r.sheet!, path: r.path ?? '', row: r.row });
                      }}
                    >
                      {r.message}
                    </a>
                  ) : (
                    r.message
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {!canSign ? (
          <p className="fr-message fr-message--info">
            Seul un signataire de l’organisme peut transmettre. Vous pouvez préparer la déclaration.
          </p>
        ) : null}
        {error ? (
          <div className="fr-alert fr-alert--error fr-mb-2w" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
        <ul className="fr-btns-group fr-btns-group--inline">
          <li>
            <button
              type="button"
              className="fr-btn"
              disabled={blocked || !canSign || busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await transmit();
                  close();
                } catch (err) {
                  setError(err instanceof ApiError ? err.message : err instanceof Error ? err.message : 'La transmission a échoué.');
                } finally {
                  setBusy(false);
                }
              }}
            >
              {busy ? 'Transmission…' : 'Confirmer la transmission'}
            </button>
          </li>
          <li>
            <button type="button" className="fr-btn fr-btn--secondary" onClick={close}>
              Annuler
            </button>
          </li>
        </ul>
      </div>
    </dialog>
  );
}
