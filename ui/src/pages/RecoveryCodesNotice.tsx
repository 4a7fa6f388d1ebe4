/**
 * The notice shown at the top of every page after an application-code login that left the account
 * without recovery codes: it does not block, it links to « Mon compte » where new ones are made.
 */
import { ACCOUNT_PATH, Link, useLocation } from '../app/router';
import { forgetRecoveryCodesReminder, useRecoveryCodesReminder } from './recoveryCodesReminder';

export function RecoveryCodesNotice() {
  const reminding = useRecoveryCodesReminder();
  const { path } = useLocation();
  // On the account page itself the section below says the same, with the form.
  const shown = reminding && path !== ACCOUNT_PATH;
  return (
    <div className="fr-container" aria-live="polite">
      {shown ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mt-3w" id="rappel-codes-secours">
          <p className="fr-alert__title">Vous n’avez aucun code de secours</p>
          <p>
            Si vous perdez l’accès à votre application d’authentification, vous ne pourrez plus vous connecter seul.{' '}
            <Link to={ACCOUNT_PATH} className="fr-link">
              Générer des codes de secours dans Mon compte
            </Link>
          </p>
          <button type="button" className="fr-btn--close fr-btn" title="Masquer ce message" onClick={forgetRecoveryCodesReminder}>
            Masquer ce message
          </button>
        </div>
      ) : null}
    </div>
  );
}
