import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import { navigate, setTitle } from '../app/router';
import type { Me } from '../api/types';
import { pendingSecondFactor, useSession } from '../app/session';
import { SecondFactorStep } from './SecondFactorStep';
import { secondFactorApi } from './secondFactorApi';

/** Where to go once signed in: the asked-for page when it is ours, else home (or stay, when not on the login page). */
function destination(next: string | undefined): string | null {
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  return location.pathname === '/connexion' ? '/' : null;
}

export function LoginPage({ next }: { next?: string }) {
  const { me, setMe } = useSession();
  const step = pendingSecondFactor(me);
  if (me && step) {
    return (
      <SecondFactorStep
        step={step}
        me={me}
        onDone={(complete: Me) => {
          setMe(complete);
          const to = destination(next);
          if (to) navigate(to, { replace: true });
        }}
      />
    );
  }
  return <PasswordStep next={next} />;
}

/** The message for `?erreur=…` set by the server's ProConnect routes (server/auth/routes.ts). */
function proConnectError(params: URLSearchParams): string | null {
  switch (params.get('erreur')) {
    case 'proconnect':
      return 'La connexion avec ProConnect n’a pas abouti : votre compte Harmonia n’a pas été reconnu ou la demande a expiré. Réessayez, ou connectez-vous avec votre mot de passe.';
    case 'proconnect-attente': {
      const seconds = Number(params.get('delai'));
      const wait =
        Number.isInteger(seconds) && seconds > 0 && seconds <= 3600 ? `${seconds} seconde${seconds > 1 ? 's' : ''}` : 'quelques instants';
      return `Trop de tentatives de connexion depuis cette adresse. Réessayez dans ${wait}.`;
    }
    case 'proconnect-indisponible':
      return 'ProConnect ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe.';
    default:
      return null;
  }
}

function PasswordStep({ next }: { next?: string }) {
  const { setMe } = useSession();
  const [proConnect, setProConnect] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // The ProConnect routes send the browser back here when they refuse or cannot reach the provider.
  const [error, setError] = useState<string | null>(() => proConnectError(new URLSearchParams(location.search)));
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => setTitle('Connexion'), []);
  useEffect(() => {
    let live = true;
    secondFactorApi.proConnectAvailable().then((available) => live && setProConnect(available));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.login(email.trim(), password);
      setMe(me);
      // A privileged account continues with its second factor, on this page.
      if (pendingSecondFactor(me)) return;
      const to = destination(next);
      if (to) navigate(to, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'La connexion a échoué.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion à Harmonia</h1>
          {error ? (
            <div className="fr-alert fr-alert--error fr-mb-3w" role="alert" tabIndex={-1} ref={errorRef}>
              <p>{error}</p>
            </div>
          ) : null}
          {proConnect ? (
            <div className="fr-connect-group fr-mb-4w">
              <h2 className="fr-h5">Agents de l’État</h2>
              {/* A full-page navigation: ProConnect forbids pop-ups and iframes. */}
              <a className="fr-btn" href="/api/auth/proconnect/login">
                S’identifier avec ProConnect
              </a>
              <p className="fr-mt-2w">Ou, avec votre adresse électronique et votre mot de passe Harmonia :</p>
            </div>
          ) : null}
          <form onSubmit={submit} noValidate>
            <fieldset className="fr-fieldset" aria-labelledby="login-legend">
              <legend className="fr-fieldset__legend" id="login-legend">
                Identifiez-vous avec votre adresse électronique professionnelle
              </legend>
              <div className="fr-fieldset__element">
                <div className="fr-input-group">
                  <label className="fr-label" htmlFor="email">
                    Adresse électronique
                    <span className="fr-hint-text">Format attendu : nom@organisme.fr</span>
                  </label>
                  <input
                    className="fr-input"
                    id="email"
                    name="email"
                    type="email"
                    autoComplete="username"
                    required
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                  />
                </div>
              </div>
              <div className="fr-fieldset__element">
                <div className="fr-input-group">
                  <label className="fr-label" htmlFor="password">
                    Mot de passe
                  </label>
                  <input
                    className="fr-input"
                    id="password"
                    name="password"
                    type="password"
                    autoComplete="current-password"
                    required
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                </div>
              </div>
            </fieldset>
            <button type="submit" className="fr-btn" disabled={busy}>
              {busy ? 'Connexion…' : 'Se connecter'}
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
