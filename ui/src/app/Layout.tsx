/** The page frame: skip links, the State header, the main landmark, the footer. */
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { ACCOUNT_PATH, Link, navigate } from './router';
import { RecoveryCodesNotice } from '../pages/RecoveryCodesNotice';
import { roleLabel, useSession } from './session';

export function Layout({ children }: { children: ReactNode }) {
  const { me, setMe } = useSession();
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" role="navigation" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                Aller au contenu
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <header role="banner" className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row">
              <div className="fr-header__brand fr-enlarge-link">
                <div className="fr-header__brand-top">
                  <div className="fr-header__logo">
                    <p className="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                </div>
                <div className="fr-header__service">
                  <Link to="/" title="Accueil — Harmonia">
                    <p className="fr-header__service-title">Harmonia</p>
                  </Link>
                  <p className="fr-header__service-tagline">États réglementaires du logement social</p>
                </div>
              </div>
              {me ? (
                <div className="fr-header__tools">
                  <div className="fr-header__tools-links">
                    <ul className="fr-btns-group">
                      <li>
                        <Link to={ACCOUNT_PATH} className="fr-btn fr-btn--tertiary-no-outline hm-whoami">
                          Mon compte : {me.user.name} ({roleLabel(me.user.role)})
                        </Link>
                      </li>
                      <li>
                        <button
                          type="button"
                          className="fr-btn fr-btn--tertiary"
                          onClick={async () => {
                            const endSession = await api.logout().catch(() => null);
                            if (endSession) return location.assign(endSession);
                            setMe(null);
                            navigate('/connexion');
                          }}
                        >
                          Se déconnecter
                        </button>
                      </li>
                    </ul>
                  </div>
                </div>
              ) : null}
            </div>
          </div>
        </div>
      </header>
      <main role="main" id="contenu" tabIndex={-1} className="hm-main">
        {me ? <RecoveryCodesNotice /> : null}
        {children}
      </main>
      <footer className="fr-footer" role="contentinfo">
        <div className="fr-container">
          <div className="fr-footer__body">
            <div className="fr-footer__brand">
              <p className="fr-logo">
                République
                <br />
                Française
              </p>
            </div>
            <div className="fr-footer__content">
              <p className="fr-footer__content-desc">
                Harmonia — collecte des états réglementaires et des dossiers individuels de situation.
              </p>
            </div>
          </div>
          <div className="fr-footer__bottom">
            <ul className="fr-footer__bottom-list">
              <li className="fr-footer__bottom-item">
                <span className="fr-footer__bottom-link">Accessibilité : partiellement conforme</span>
              </li>
            </ul>
          </div>
        </div>
      </footer>
    </>
  );
}
