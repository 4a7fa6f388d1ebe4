/** Revisions, transmissions and reopening requests of the statement, newest first. */
import { api } from '../api/client';
import type { StatementDetail } from '../api/types';
import { formatDateTime } from '../format/number';

interface Row {
  at: string;
  what: string;
  detail: string;
  receipt?: string;
}

const REOPEN_STATUS: Record<string, string> = { pending: 'en attente', accepted: 'acceptée', refused: 'refusée', rejected: 'refusée' };

export function historyRows(statementId: string, detail: StatementDetail): Row[] {
  const rows: Row[] = [];
  for (const h of detail.history ?? []) {
    rows.push({
      at: h.createdAt,
      what: 'Enregistrement',
      detail: `révision ${h.revision}${h.sheet ? `, fiche ${h.sheet}` : ', toute la déclaration'}`,
    });
  }
  for (const s of detail.submissions ?? []) {
    rows.push({
      at: s.transmittedAt,
      what: s.number > 1 ? `Transmission n° ${s.number}` : 'Transmission',
      detail: `accusé de réception ${s.receiptNumber} (révision ${s.revision})${s.late ? ', hors délai' : ''}${s.replaced ? ', remplacée depuis' : ''}`,
      receipt: api.receiptUrl(statementId, 'pdf', s.number),
    });
  }
  for (const r of detail.reopenRequests ?? []) {
    rows.push({
      at: r.createdAt,
      what: 'Demande de réouverture',
      detail: `${REOPEN_STATUS[r.status] ?? r.status} — motif : ${r.reason}${r.decisionReason ? ` — réponse : ${r.decisionReason}` : ''}`,
    });
  }
  return rows.sort((a, b) => b.at.localeCompare(a.at));
}

export function HistorySection({ statementId, detail }: { statementId: string; detail: StatementDetail; refreshKey?: number }) {
  const rows = historyRows(statementId, detail);
  return (
    <section aria-labelledby="hist-titre">
      <h2 id="hist-titre" className="fr-h4">
        Historique
      </h2>
      {rows.length === 0 ? <p>Aucun enregistrement pour l’instant.</p> : null}
      {rows.length ? (
        <div className="fr-table fr-table--sm">
          <table>
            <caption>Révisions, transmissions et demandes de réouverture</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Événement</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>{formatDateTime(r.at)}</td>
                  <td>{r.what}</td>
                  <td>
                    {r.detail}
                    {r.receipt ? (
                      <>
                        {' '}
                        <a className="fr-link fr-text--sm" href={r.receipt} download>
                          Télécharger l’accusé (PDF)
                        </a>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
