/** The organisation's campaigns and statements: state, deadline and what remains to do. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { StatementSummary } from '../api/types';
import { Link, setTitle } from '../app/router';
import { useSession } from '../app/session';
import { formatDate, formatDateTime } from '../format/number';
import { STATE_BADGES, STATE_LABELS, isEditable, plural } from './labels';

function remaining(s: StatementSummary): string {
  if (!isEditable(s.state)) {
    return s.transmittedAt ? `Transmis le ${formatDateTime(s.transmittedAt)}` : 'Rien à faire';
  }
  const parts: string[] = [];
  if (s.counts) {
    if (s.counts.blocking) parts.push(plural(s.counts.blocking, 'erreur bloquante', 'erreurs bloquantes'));
    if (s.counts.warning) parts.push(plural(s.counts.warning, 'alerte', 'alertes'));
    if (s.unjustified) parts.push(plural(s.unjustified, 'alerte à justifier', 'alertes à justifier'));
  }
  return parts.length ? `Reste à corriger : ${parts.join(', ')}` : s.counts ? 'Prêt à transmettre' : 'Saisie à compléter';
}

function daysLeft(closesAt: string): string {
  const days = Math.ceil((new Date(closesAt).getTime() - Date.now()) / 86400000);
  if (Number.isNaN(days)) return '';
  if (days < 0) return 'échéance dépassée';
  if (days === 0) return 'dernier jour';
  return `${plural(days, 'jour', 'jours')} restant${days > 1 ? 's' : ''}`;
}

export function HomePage() {
  const { me } = useSession();
  const [statements, setStatements] = useState<StatementSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setTitle('Mes déclarations'), []);
  useEffect(() => {
    api.statements().then(setStatements, (e) => setError(e instanceof ApiError ? e.message : 'Chargement impossible.'));
  }, []);

  const byCampaign = new Map<string, StatementSummary[]>();
  for (const s of statements ?? []) {
    const k = `${s.campaign.exercice} — ${s.campaign.title}`;
    byCampaign.set(k, [...(byCampaign.get(k) ?? []), s]);
  }

  return (
    <div className="fr-container fr-py-4w">
      <h1>Mes déclarations</h1>
      {me?.organisation ? (
        <p className="fr-text--lead">
          {me.organisation.name} (SIREN {me.organisation.siren})
        </p>
      ) : null}
      {error ? (
        <div className="fr-alert fr-alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {statements === null && !error ? <p role="status">Chargement des déclarations…</p> : null}
      {statements && statements.length === 0 ? <p>Aucune campagne ouverte pour votre organisme.</p> : null}
      {[...byCampaign].map(([campaign, list]) => (
        <section key={campaign} className="fr-mb-4w" aria-labelledby={`c-${list[0].campaign.id}`}>
          <h2 id={`c-${list[0].campaign.id}`} className="fr-h3">
            Campagne {campaign}
          </h2>
          <p>
            Échéance : {formatDate(list[0].campaign.closesAt)} ({daysLeft(list[0].campaign.closesAt)})
          </p>
          <div className="fr-table fr-table--no-caption">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table>
                    <caption>Déclarations de la campagne {campaign}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Déclaration</th>
                        <th scope="col">État</th>
                        <th scope="col">Ce qui reste à faire</th>
                        <th scope="col">Dernière modification</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((s) => (
                        <tr key={s.id}>
                          <td>
                            <Link className="fr-link" to={`/declarations/${s.id}`}>
                              {s.form.title}
                            </Link>
                            <br />
                            <span className="fr-hint-text">
                              {s.form.code} {s.form.version}
                            </span>
                          </td>
                          <td>
                            <p className={`fr-badge fr-badge--sm ${STATE_BADGES[s.state] ?? ''}`}>{STATE_LABELS[s.state] ?? s.state}</p>
                          </td>
                          <td>{remaining(s)}</td>
                          <td>{s.updatedAt ? formatDateTime(s.updatedAt) : '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        </section>
      ))}
    </div>
  );
}
