/**
 * After a login with a recovery code, when few are left: says how many, and lets a user who still
 * has the application replace them (a current code is required); otherwise an administrator resets
 * the second factor.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/errors';
import type { Me } from '../api/types';
import { CodeField } from './CodeField';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { secondFactorApi } from './secondFactorApi';

const remainingText = (remaining: number) =>
  remaining === 0
    ? 'Vous avez utilisé votre dernier code de secours.'
    : remaining === 1
      ? 'Il ne vous reste qu’un code de secours.'
      : `Il ne vous reste que ${remaining} codes de secours.`;

export function RecoveryCodesWarning({ me, remaining, onContinue }: { me: Me; remaining: number; onContinue: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<string[] | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => alertRef.current?.focus(), []);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function regenerate(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setFresh((await secondFactorApi.regenerateRecoveryCodes(me, code.trim())).recoveryCodes);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Les nouveaux codes n’ont pas pu être générés.');
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (fresh) return <RecoveryCodesPanel codes={fresh} email={me.user.email} onContinue={onContinue} />;
  return (
    <>
      <div className="fr-alert fr-alert--warning fr-mb-3w" tabIndex={-1} ref={alertRef}>
        <h2 className="fr-alert__title">{remainingText(remaining)}</h2>
        <p>
          Si vous avez retrouvé votre application d’authentification, générez de nouveaux codes ci-dessous : les anciens ne vaudront plus.
          Sinon, demandez à un administrateur de la plateforme de réinitialiser votre double authentification.
        </p>
      </div>
      {error ? (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" tabIndex={-1} ref={errorRef}>
          <p>{error}</p>
        </div>
      ) : null}
      <form onSubmit={regenerate} noValidate>
        <CodeField
          id="code-mfa-nouveaux-codes"
          kind="totp"
          label="Code de votre application"
          invalid={Boolean(error)}
          value={code}
          onChange={setCode}
        />
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" className="fr-btn" disabled={busy}>
              {busy ? 'Génération…' : 'Générer de nouveaux codes'}
            </button>
          </li>
          <li>
            <button type="button" className="fr-btn fr-btn--secondary" onClick={onContinue}>
              Continuer sans nouveaux codes
            </button>
          </li>
        </ul>
      </form>
    </>
  );
}
