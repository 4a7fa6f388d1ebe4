/**
 * « Mon compte »: who is connected, and for an account with a second factor, how many recovery
 * codes are left and the form that replaces them (the application's current code required).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Me } from '../api/types';
import { setTitle } from '../app/router';
import { roleLabel, useSession } from '../app/session';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { RegenerateRecoveryCodesForm } from './RegenerateRecoveryCodesForm';
import { forgetRecoveryCodesReminder } from './recoveryCodesReminder';

/** GET /api/auth/me: null codes when the account has no second factor. */
type Account = Me & { recoveryCodesRemaining?: number | null };

const remainingText = (remaining: number) =>
  remaining === 0
    ? 'Aucun code de secours restant'
    : remaining === 1
      ? '1 code de secours restant'
      : `${remaining} codes de secours restants`;

export function AccountPage() {
  const { me } = useSession();
  const [account, setAccount] = useState<Account | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);

  useEffect(() => setTitle('Mon compte'), []);

  // The count changes with every recovery-code login and regeneration: read it afresh.
  const load = useCallback(
    () =>
      api.me().then(
        (m) => setAccount(m as Account | null),
        (err: Error) => setLoadError(err.message),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const shown = account ?? (me as Account | null);
  if (!shown) return null;
  const remaining = account?.recoveryCodesRemaining;

  function generated(codes: string[]) {
    setSaved(false);
    setFresh(codes);
    forgetRecoveryCodesReminder();
  }

  async function kept() {
    await load();
    setFresh(null);
    setSaved(true);
  }

  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>Mon compte</h1>
          <dl className="hm-account">
            <dt className="fr-text--bold">Nom</dt>
            <dd>{shown.user.name}</dd>
            <dt className="fr-text--bold">Adresse électronique</dt>
            <dd>{shown.user.email}</dd>
            <dt className="fr-text--bold">Rôle</dt>
            <dd>{roleLabel(shown.user.role)}</dd>
            {shown.organisation ? (
              <>
                <dt className="fr-text--bold">Organisme</dt>
                <dd>{shown.organisation.name}</dd>
              </>
            ) : null}
          </dl>
          {loadError ? (
            <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
              <p>{loadError}</p>
            </div>
          ) : null}
          {typeof remaining === 'number' ? (
            <section className="fr-mt-5w" aria-labelledby="double-authentification">
              <h2 id="double-authentification">Double authentification</h2>
              <p>
                <span className="fr-badge fr-badge--success">Activée</span>
              </p>
              <p id="codes-secours-restants">{remainingText(remaining)}</p>
              {saved ? (
                <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status" tabIndex={-1} ref={savedRef}>
                  <p>Vos nouveaux codes de secours sont actifs ; les précédents ne valent plus.</p>
                </div>
              ) : null}
              {fresh ? (
                <RecoveryCodesPanel codes={fresh} email={shown.user.email} onContinue={kept} />
              ) : (
                <>
                  <h3>Générer de nouveaux codes de secours</h3>
                  <p>
                    Chaque code de secours permet de vous connecter une fois sans votre application d’authentification. Saisissez le code
                    affiché maintenant par l’application pour recevoir 10 nouveaux codes : les précédents ne vaudront plus.
                  </p>
                  <RegenerateRecoveryCodesForm
                    me={shown}
                    id="code-mfa-compte"
                    submitLabel="Générer de nouveaux codes de secours"
                    onGenerated={generated}
                  />
                </>
              )}
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
