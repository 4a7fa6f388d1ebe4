/**
 * The second step of the login for privileged accounts: enrol an authenticator application (QR
 * code, with the key as text for whoever cannot scan it) and keep the recovery codes it gives, or
 * type its current code — or one recovery code, when the application is out of reach.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { Me } from '../api/types';
import { setTitle } from '../app/router';
import { useSession, type SecondFactorStep as Step } from '../app/session';
import { CodeField } from './CodeField';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { RecoveryCodesWarning } from './RecoveryCodesWarning';
import { remindRecoveryCodes } from './recoveryCodesReminder';
import { FEW_RECOVERY_CODES, secondFactorApi, type Enrolment } from './secondFactorApi';

/** The key in groups of four, easier to copy by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** After the code is accepted, before the session is handed over: codes to keep, or few codes left. */
type Aftermath = { me: Me; recoveryCodes: string[] } | { me: Me; remaining: number };

export function SecondFactorStep({ step, me, onDone }: { step: Step; me: Me; onDone: (me: Me) => void }) {
  const { setMe } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [aftermath, setAftermath] = useState<Aftermath | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const switched = useRef(false);
  const title = step === 'enrol' ? 'Activer la double authentification' : 'Double authentification';

  useEffect(() => {
    setTitle(title);
    headingRef.current?.focus();
  }, [title]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  // Switching between the application's code and a recovery code moves the focus to the new field.
  useEffect(() => {
    if (switched.current) inputRef.current?.focus();
  }, [useRecoveryCode]);
  useEffect(() => {
    if (step !== 'enrol') return;
    secondFactorApi
      .startEnrolment(me)
      .then(setEnrolment, (err: unknown) => setError(err instanceof ApiError ? err.message : 'L’enrôlement n’a pas pu commencer.'));
  }, [step, me]);

  function switchInput() {
    switched.current = true;
    setUseRecoveryCode((v) => !v);
    setCode('');
    setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step === 'enrol') {
        const { recoveryCodes, ...complete } = await secondFactorApi.confirmEnrolment(me, code.trim());
        setAftermath({ me: complete, recoveryCodes });
        return;
      }
      const { recoveryCodesRemaining, ...complete } = await secondFactorApi.verify(
        me,
        useRecoveryCode ? { recoveryCode: code.trim() } : { code: code.trim() },
      );
      if (useRecoveryCode && recoveryCodesRemaining <= FEW_RECOVERY_CODES)
        setAftermath({ me: complete, remaining: recoveryCodesRemaining });
      else {
        // No code left after an application-code login (enrolled before codes existed, or all
        // spent): a notice on the next pages, without holding the user here.
        if (recoveryCodesRemaining === 0) remindRecoveryCodes();
        onDone(complete);
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // The step is stale (enrolled elsewhere, session ended): start again from the password.
        setMe(null);
        return;
      }
      setError(err instanceof ApiError ? err.message : 'La vérification a échoué.');
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    await api.logout().catch(() => undefined);
    setMe(null);
  }

  const content = () => {
    if (aftermath && 'recoveryCodes' in aftermath) {
      return <RecoveryCodesPanel codes={aftermath.recoveryCodes} email={me.user.email} onContinue={() => onDone(aftermath.me)} />;
    }
    if (aftermath) {
      return <RecoveryCodesWarning me={aftermath.me} remaining={aftermath.remaining} onContinue={() => onDone(aftermath.me)} />;
    }
    return codeForm();
  };

  const codeForm = () => (
    <>
      {step === 'enrol' ? (
        <>
          <p>
            Votre rôle donne des droits étendus : votre compte est protégé par un code à usage unique, en plus du mot de passe. Installez
            une application d’authentification (par exemple FreeOTP, Aegis ou celle de votre téléphone professionnel), puis ajoutez-y votre
            compte Harmonia.
          </p>
          {enrolment ? (
            <div className="fr-mb-3w">
              <img
                src={enrolment.qrCode}
                width={200}
                height={200}
                alt="QR code à scanner avec votre application d’authentification ; il contient la clé indiquée ci-dessous."
              />
              <p className="fr-mt-2w" id="cle-mfa-description">
                Si vous ne pouvez pas scanner le QR code, saisissez cette clé dans l’application (type « basé sur l’heure », 6 chiffres, 30
                secondes) :
              </p>
              <p>
                <code id="cle-mfa" aria-describedby="cle-mfa-description" data-secret={enrolment.secret}>
                  {grouped(enrolment.secret)}
                </code>
              </p>
            </div>
          ) : error ? null : (
            <p role="status">Préparation de l’enrôlement…</p>
          )}
        </>
      ) : useRecoveryCode ? (
        <p>
          Saisissez l’un des codes de secours que vous avez conservés lors de l’activation. Chaque code ne sert qu’une fois ; il ne vous
          sera plus demandé ensuite.
        </p>
      ) : (
        <p>Saisissez le code à 6 chiffres affiché maintenant par votre application d’authentification.</p>
      )}
      {error ? (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" tabIndex={-1} ref={errorRef}>
          <p>{error}</p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <CodeField
          id={useRecoveryCode ? 'code-secours' : 'code-mfa'}
          kind={useRecoveryCode ? 'recovery' : 'totp'}
          label={useRecoveryCode ? 'Code de secours' : 'Code à usage unique'}
          invalid={Boolean(error)}
          value={code}
          onChange={setCode}
          inputRef={inputRef}
        />
        {step === 'verify' ? (
          <p>
            <button type="button" className="fr-link" onClick={switchInput}>
              {useRecoveryCode ? 'Utiliser le code de l’application' : 'Utiliser un code de secours'}
            </button>
          </p>
        ) : null}
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" className="fr-btn" disabled={busy}>
              {busy ? 'Vérification…' : step === 'enrol' ? 'Activer' : 'Valider'}
            </button>
          </li>
          <li>
            <button type="button" className="fr-btn fr-btn--secondary" onClick={cancel}>
              Annuler et se déconnecter
            </button>
          </li>
        </ul>
      </form>
    </>
  );

  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1 tabIndex={-1} ref={headingRef}>
            {title}
          </h1>
          {content()}
        </div>
      </div>
    </div>
  );
}
