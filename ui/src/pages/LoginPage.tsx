import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import { navigate, setTitle } from '../app/router';
import { useSession } from '../app/session';

export function LoginPage({ next }: { next?: string }) {
  const { setMe } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => setTitle('Connexion'), []);
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
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
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
