/**
 * Confirmation before erasing an account's second factor: names the person and says what follows
 * (sessions closed, a new enrolment at the next login). Errors stay in the dialog, in French.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, consoleApi, type AccountLine } from './api';
import { mustEnrolAgain } from './accounts';
import { errorText } from './labels';

const resetError = (err: unknown) =>
  err instanceof ApiError && err.status === 404
    ? 'Ce compte est introuvable : il a peut-être été supprimé. Relancez la recherche.'
    : errorText(err);

export function ResetSecondFactorDialog({ account, onDone, onClose }: { account: AccountLine; onDone: () => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const close = () => {
    ref.current?.close();
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await consoleApi.resetSecondFactor(account.id);
      ref.current?.close();
      onDone();
    } catch (err) {
      setError(resetError(err));
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="hm-dialog"
      aria-labelledby="reinitialisation-titre"
      aria-describedby="reinitialisation-effet"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) close();
      }}
    >
      <div className="fr-container fr-container--fluid">
        <h2 id="reinitialisation-titre" className="fr-h4">
          Réinitialiser la double authentification de {account.name} ?
        </h2>
        <div id="reinitialisation-effet">
          <p>
            La double authentification du compte de <strong>{account.name}</strong> ({account.email}) sera supprimée, et toutes ses sessions
            en cours seront fermées.
          </p>
          <p>
            {mustEnrolAgain(account)
              ? 'À sa prochaine connexion, cette personne devra activer à nouveau la double authentification en enregistrant son application d’authentification (nouveau QR code).'
              : 'À sa prochaine connexion, cette personne se connectera avec son seul mot de passe ; si son rôle l’exige plus tard, elle devra activer à nouveau la double authentification.'}
          </p>
        </div>
        {error ? (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
        <ul className="fr-btns-group fr-btns-group--inline fr-mt-2w">
          <li>
            <button type="button" className="fr-btn" onClick={confirm} disabled={busy}>
              {busy ? 'Réinitialisation…' : 'Réinitialiser'}
            </button>
          </li>
          <li>
            <button type="button" className="fr-btn fr-btn--secondary" onClick={close} disabled={busy}>
              Annuler
            </button>
          </li>
        </ul>
      </div>
    </dialog>
  );
}
