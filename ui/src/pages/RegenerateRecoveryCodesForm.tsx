/**
 * The form that replaces the recovery codes of a complete session: the application's current
 * code, then the new codes handed to `onGenerated`. A refusal is shown above the field and takes
 * the focus, so a screen reader reads it at once.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/errors';
import type { Me } from '../api/types';
import { CodeField } from './CodeField';
import { secondFactorApi } from './secondFactorApi';

export function RegenerateRecoveryCodesForm(props: {
  me: Me;
  id: string;
  submitLabel: string;
  onGenerated: (codes: string[]) => void;
  /** Another button beside the submit one (« Continuer sans nouveaux codes »). */
  secondaryAction?: ReactNode;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function regenerate(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onGenerated((await secondFactorApi.regenerateRecoveryCodes(props.me, code.trim())).recoveryCodes);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Les nouveaux codes n’ont pas pu être générés.');
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {error ? (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" tabIndex={-1} ref={errorRef}>
          <p>{error}</p>
        </div>
      ) : null}
      <form onSubmit={regenerate} noValidate>
        <CodeField id={props.id} kind="totp" label="Code de votre application" invalid={Boolean(error)} value={code} onChange={setCode} />
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" className="fr-btn" disabled={busy}>
              {busy ? 'Génération…' : props.submitLabel}
            </button>
          </li>
          {props.secondaryAction ? <li>{props.secondaryAction}</li> : null}
        </ul>
      </form>
    </>
  );
}
