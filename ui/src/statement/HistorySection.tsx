/** Revisions, transmissions and reopenings of the statement, newest first. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { HistoryEntry } from '../api/types';
import { formatDateTime } from '../format/number';

const KIND: Record<string, string> = {
  revision: 'Enregistrement',
  transmission: 'Transmission',
  reopening: 'Réouverture',
  reopen_requested: 'Demande de réouverture',
  import: 'Import',
};

export function HistorySection({ statementId, refreshKey }: { statementId: string; refreshKey: number }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.history(statementId).then(setEntries, (e) => setError(e instanceof ApiError ? e.message : 'Historique indisponible.'));
  }, [statementId, refreshKey]);
  return (
    <section aria-labelledby="hist-titre">
      <h2 id="hist-titre" className="fr-h4">
        Historique
      </h2>
      {error ? <p className="fr-message fr-message--error">{error}</p> : null}
      {entries === null && !error ? <p role="status">Chargement…</p> : null}
      {entries && entries.length === 0 ? <p>Aucun enregistrement pour l’instant.</p> : null}
      {entries && entries.length ? (
        <div className="fr-table fr-table--sm">
          <table>
            <caption>Révisions et transmissions</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Événement</th>
                <th scope="col">Par</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={i}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{KIND[e.kind] ?? e.kind}</td>
                  <td>{e.by ?? '—'}</td>
                  <td>
                    {e.revision !== undefined ? `révision ${e.revision}` : ''}
                    {e.sheet ? `, fiche ${e.sheet}` : ''}
                    {e.receiptNumber ? `accusé n° ${e.receiptNumber}` : ''}
                    {e.reason ? `motif : ${e.reason}` : ''}
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
