/** The organisation's campaigns and statements: state, deadline and what remains to do. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { CampaignEntry } from '../api/types';
import { navigate, setTitle, Link } from '../app/router';
import { canEdit, useSession } from '../app/session';
import { formatDate, formatDateTime } from '../format/number';
import { STATE_BADGES, STATE_LABELS, isEditable, plural } from './labels';

function remaining(e: CampaignEntry): string {
  const s = e.statement;
  if (!s) return 'Saisie non commencée';
  if (!isEditable(s.state)) return s.transmittedAt ? `Transmis le ${formatDateTime(s.transmittedAt)}` : 'Rien à faire';
  const parts: string[] = [];
  if (s.counts?.blocking) parts.push(plural(s.counts.blocking, 'erreur bloquante', 'erreurs bloquantes'));
  if (s.counts?.warning) parts.push(plural(s.counts.warning, 'alerte', 'alertes'));
  if (parts.length) return `Reste à corriger ou justifier : ${parts.join(', ')}`;
  return s.transmissible ? 'Prêt à transmettre' : 'Saisie à compléter';
}

function daysLeft(closesAt: string): string {
  const days = Math.ceil((new Date(closesAt).getTime() - Date.now()) / 86400000);
  if (Number.isNaN(days)) return '';
  if (days < 0) return 'échéance dépassée';
  if (days === 0) return 'dernier jour';
  return `${plural(days, 'jour restant', 'jours restants')}`;
}

export function HomePage() {
  const { me } = useSession();
  const [entries, setEntries] = useState<CampaignEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState<number | null>(null);
  useEffect(() => setTitle('Mes déclarations'), []);
  useEffect(() => {
    api.campaigns().then(setEntries, (e) => setError(e instanceof ApiError ? e.message : 'Chargement impossible.'));
  }, []);

  async function open(campaignId: number) {
    setOpening(campaignId);
    try {
      const s = await api.openStatement(campaignId);
      navigate(`/declarations/${s.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Ouverture impossible.');
      setOpening(null);
    }
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
        <div className="fr-alert fr-alert--error fr-mb-2w" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {entries === null && !error ? <p role="status">Chargement des déclarations…</p> : null}
      {entries && entries.length === 0 ? <p>Aucune campagne ouverte pour votre organisme.</p> : null}
      {entries && entries.length ? (
        <div className="fr-table">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Campagnes et déclarations de votre organisme</caption>
                  <thead>
                    <tr>
                      <th scope="col">Campagne</th>
                      <th scope="col">Déclaration</th>
                      <th scope="col">Échéance</th>
                      <th scope="col">État</th>
                      <th scope="col">Ce qui reste à faire</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((e) => (
                      <tr key={e.campaign.id} data-campaign={e.campaign.id}>
                        <td>
                          {e.campaign.title}
                          <br />
                          <span className="fr-hint-text">Exercice {e.campaign.exercice}</span>
                        </td>
                        <td>
                          {e.statement ? (
                            <Link className="fr-link" to={`/declarations/${e.statement.id}`}>
                              {e.form?.title ?? 'Déclaration'}
                            </Link>
                          ) : (
                            <>
                              {e.form?.title ?? '—'}
                              {canEdit(me?.user.role) && e.campaign.status !== 'closed' ? (
                                <>
                                  <br />
                                  <button
                                    type="button"
                                    className="fr-btn fr-btn--sm fr-mt-1w"
                                    disabled={opening === e.campaign.id}
                                    onClick={() => void open(e.campaign.id)}
                                  >
                                    Commencer la saisie<span className="fr-sr-only"> : {e.form?.title}</span>
                                  </button>
                                </>
                              ) : null}
                            </>
                          )}
                          <br />
                          <span className="fr-hint-text">
                            {e.form?.code} {e.form?.version}
                          </span>
                        </td>
                        <td>
                          {formatDate(e.campaign.closesAt)}
                          <br />
                          <span className="fr-hint-text">{daysLeft(e.campaign.closesAt)}</span>
                        </td>
                        <td>
                          {e.statement ? (
                            <p className={`fr-badge fr-badge--sm ${STATE_BADGES[e.statement.state] ?? ''}`}>
                              {STATE_LABELS[e.statement.state] ?? e.statement.state}
                            </p>
                          ) : (
                            <p className="fr-badge fr-badge--sm">Non commencée</p>
                          )}
                        </td>
                        <td>{remaining(e)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
