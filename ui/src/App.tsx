import { useEffect, useRef, useState, type ReactElement } from 'react';
import { api } from './api/client';
import type { Me } from './api/types';
import { Layout } from './app/Layout';
import { matchRoute, navigate, useLocation } from './app/router';
import { consoleHome, consolePage } from './consoles/routes';
import { SessionContext, pendingSecondFactor } from './app/session';
import { AccountPage } from './pages/AccountPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { StatementPage } from './pages/StatementPage';

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [serviceError, setServiceError] = useState<string | null>(null);
  const { path, search } = useLocation();
  const route = matchRoute(path, search);
  const first = useRef(true);

  useEffect(() => {
    api.me().then(
      (m) => {
        setMe(m);
        setChecked(true);
      },
      (e: Error) => {
        setServiceError(e.message);
        setChecked(true);
      },
    );
  }, []);

  useEffect(() => {
    if (checked && !me && route.name !== 'login') navigate(`/connexion?suite=${encodeURIComponent(path)}`, { replace: true });
  }, [checked, me, route.name, path]);

  // On each route change (not the first load), move focus to the main content, as RGAA asks for SPAs.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('contenu')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);

  let page: ReactElement;
  if (!checked) {
    page = (
      <div className="fr-container fr-py-6w">
        <h1>Harmonia</h1>
        <p role="status">Connexion au service…</p>
      </div>
    );
  } else if (serviceError && !me) {
    page = (
      <div className="fr-container fr-py-6w">
        <h1>Harmonia</h1>
        <div className="fr-alert fr-alert--error" role="alert">
          <p>{serviceError}</p>
        </div>
      </div>
    );
  } else if (route.name === 'login' || !me || pendingSecondFactor(me)) {
    page = <LoginPage next={route.name === 'login' ? route.next : undefined} />;
  } else if (route.name === 'home') {
    page = consoleHome(me.user.role) ?? <HomePage />;
  } else if (route.name === 'account') {
    page = <AccountPage />;
  } else if (route.name === 'statement') {
    page = <StatementPage key={route.id} id={route.id} sheet={route.sheet} />;
  } else {
    page = consolePage(path) ?? <NotFoundPage />;
  }

  return (
    <SessionContext.Provider value={{ me, setMe }}>
      <Layout>{page}</Layout>
    </SessionContext.Provider>
  );
}
