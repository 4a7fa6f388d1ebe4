/** Asking to reopen a transmitted statement, with the reason the recipients will read. */
import { useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';

export function ReopenSection({ statementId, onRequested }: { statementId: string; onRequested: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  return (
    <section aria-labelledby="reouv-titre" className="fr-mt-4w">
      <h2 id="reouv-titre" className="fr-h4">
        Demander la réouverture
      </h2>
      {done ? (
        <p className="fr-message fr-message--valid" role="status">
          Demande de réouverture envoyée. Vous serez prévenu de la réponse.
        </p>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await api.requestReopening(statementId, reason.trim());
              setDone(true);
              onRequested();
            } catch (err) {
              setError(err instanceof ApiError ? err.message : 'La demande a échoué.');
            }
          }}
        >
          <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
            <label className="fr-label" htmlFor="reouv-motif">
              Motif de la demande
              <span className="fr-hint-text">Expliquez ce qui doit être corrigé (au moins 10 caractères).</span>
            </label>
            <textarea
              id="reouv-motif"
              className="fr-input"
              rows={3}
              value={reason}
              required
              minLength={10}
              aria-describedby={error ? 'reouv-erreur' : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {error ? (
              <p className="fr-error-text" id="reouv-erreur" role="alert">
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit" className="fr-btn fr-btn--secondary" disabled={reason.trim().length < 10}>
            Demander la réouverture
          </button>
        </form>
      )}
    </section>
  );
}
