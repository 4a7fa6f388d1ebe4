/**
 * The platform administrator's accounts console (« Comptes »): search every account by e-mail or
 * name, 25 per page, and reset the second factor of someone who lost their authenticator app.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { setTitle } from '../app/router';
import { roleLabel } from '../app/session';
import { consoleApi, type AccountLine, type Page } from './api';
import { accountsCount, attachmentKind, lastLoginText } from './accounts';
import { ConsoleNav } from './ConsoleNav';
import { errorText } from './labels';
import { ResetSecondFactorDialog } from './ResetSecondFactorDialog';
import './consoles.css';

function Pagination({ page, onPage }: { page: Page<AccountLine>; onPage: (n: number) => void }) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (pages < 2) return null;
  return (
    <nav role="navigation" className="fr-pagination fr-mt-2w" aria-label="Pages des comptes">
      <ul className="fr-pagination__list">
        <li>
          <button
            type="button"
            className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
            disabled={page.page <= 1}
            onClick={() => onPage(page.page - 1)}
          >
            Page précédente
          </button>
        </li>
        <li>
          <span className="fr-pagination__link" aria-current="page">
            Page {page.page} sur {pages}
          </span>
        </li>
        <li>
          <button
            type="button"
            className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
            disabled={page.page >= pages}
            onClick={() => onPage(page.page + 1)}
          >
            Page suivante
          </button>
        </li>
      </ul>
    </nav>
  );
}

function AccountRow({ account, onReset }: { account: AccountLine; onReset: (a: AccountLine) => void }) {
  const kind = attachmentKind(account);
  return (
    <tr>
      <th scope="row">{account.name}</th>
      <td>{account.email}</td>
      <td>{roleLabel(account.role)}</td>
      <td>{account.attachment ? `${account.attachment.name} (${kind})` : '—'}</td>
      <td>{account.disabled ? 'Désactivé' : 'Actif'}</td>
      <td>{account.secondFactor ? 'Activée' : 'Non activée'}</td>
      <td>{lastLoginText(account.lastLoginAt)}</td>
      <td>
        {account.secondFactor ? (
          <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => onReset(account)}>
            Réinitialiser la double authentification<span className="fr-sr-only"> de {account.name}</span>
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function AccountsPage() {
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [result, setResult] = useState<Page<AccountLine> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [resetting, setResetting] = useState<AccountLine | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  const load = async (text: string, page: number) => {
    setError(null);
    try {
      const found = await consoleApi.accounts({ q: text.trim() || undefined, page });
      setResult(found);
      setSearched(text);
      setStatus(accountsCount(found.total));
    } catch (err) {
      setError(errorText(err));
    }
  };
  useEffect(() => {
    setTitle('Comptes');
    void load('', 1);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(q, 1);
  };
  const resetDone = (account: AccountLine) => {
    setResetting(null);
    setResult((r) => r && { ...r, items: r.items.map((a) => (a.id === account.id ? { ...a, secondFactor: false } : a)) });
    setStatus(`La double authentification de ${account.name} a été réinitialisée : ses sessions sont fermées.`);
    // The button just pressed is gone with the second factor: the message takes the focus.
    statusRef.current?.focus();
  };

  return (
    <div className="fr-container fr-py-4w">
      <ConsoleNav current="/comptes" />
      <h1>Comptes</h1>
      <p>Recherchez un compte par son adresse électronique ou son nom, quel que soit son organisme, sa fédération ou son autorité.</p>
      <form onSubmit={submit} role="search" className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
        <div className="fr-col-12 fr-col-md-6 fr-input-group">
          <label className="fr-label" htmlFor="comptes-recherche">
            Rechercher un compte
            <span className="fr-hint-text">Adresse électronique ou nom, en tout ou partie (majuscules indifférentes)</span>
          </label>
          <input
            id="comptes-recherche"
            className="fr-input"
            type="search"
            maxLength={100}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <button type="submit" className="fr-btn">
            Rechercher
          </button>
        </div>
      </form>
      <div ref={statusRef} role="status" aria-live="polite" tabIndex={-1} className="fr-mb-2w">
        {status ? <p className="fr-mb-0">{status}</p> : null}
      </div>
      {error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {result === null && !error ? <p>Chargement des comptes…</p> : null}
      {result && result.items.length > 0 ? (
        <div className="fr-table fr-table--sm">
          <table>
            <caption>
              Comptes{searched.trim() ? ` correspondant à « ${searched.trim()} »` : ''} — page {result.page} sur{' '}
              {Math.max(1, Math.ceil(result.total / result.pageSize))}
            </caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse électronique</th>
                <th scope="col">Rôle</th>
                <th scope="col">Rattachement</th>
                <th scope="col">État</th>
                <th scope="col">Double authentification</th>
                <th scope="col">Dernière connexion</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((a) => (
                <AccountRow key={a.id} account={a} onReset={setResetting} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {result ? <Pagination page={result} onPage={(n) => void load(searched, n)} /> : null}
      {resetting ? (
        <ResetSecondFactorDialog account={resetting} onDone={() => resetDone(resetting)} onClose={() => setResetting(null)} />
      ) : null}
    </div>
  );
}
