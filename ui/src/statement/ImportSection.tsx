/** Import of a whole statement from a file (CSV or spreadsheet), with the server's per-line errors. */
import { useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { ImportResult } from '../api/types';

export function ImportSection({ statementId, readOnly, onImported }: { statementId: string; readOnly: boolean; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    if (!file) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      const r = await api.importFile(statementId, file, setProgress);
      setResult(r);
      if (r.ok !== false && !r.errors?.length) onImported();
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as Partial<ImportResult> | undefined) : undefined;
      if (details?.errors?.length) setResult({ ok: false, errors: details.errors });
      setError(err instanceof ApiError ? err.message : 'L’import a échoué.');
    } finally {
      setProgress(null);
    }
  }

  return (
    <section aria-labelledby="import-titre">
      <h2 id="import-titre" className="fr-h4">
        Importer depuis un fichier
      </h2>
      <p>
        Un fichier CSV (séparateur point-virgule) ou un classeur Excel, une ligne par valeur : fiche, code du champ, ligne du tableau
        le cas échéant, valeur. L’import remplace les valeurs des champs qu’il contient.
      </p>
      <div className="fr-upload-group">
        <label className="fr-label" htmlFor="import-fichier">
          Fichier à importer
          <span className="fr-hint-text">Formats acceptés : csv, xlsx.</span>
        </label>
        <input className="fr-upload" type="file" id="import-fichier" accept=".csv,.xlsx" disabled={readOnly} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <button type="button" className="fr-btn fr-mt-2w" disabled={!file || readOnly || progress !== null} onClick={() => void send()}>
        Importer
      </button>
      {progress !== null ? (
        <p role="status">
          Envoi : {Math.round(progress * 100)} % <progress max={1} value={progress} className="hm-progress" aria-label="Progression de l’envoi" />
        </p>
      ) : null}
      {error ? (
        <div className="fr-alert fr-alert--error fr-mt-2w" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {result && result.errors?.length ? (
        <div className="fr-mt-2w" role="alert">
          <h3 className="fr-h6">
            {result.errors.length} ligne{result.errors.length > 1 ? 's' : ''} en erreur
          </h3>
          <div className="fr-table fr-table--sm">
            <table>
              <caption>Erreurs de l’import, par ligne du fichier</caption>
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Colonne ou code</th>
                  <th scope="col">Erreur</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.slice(0, 500).map((e, i) => (
                  <tr key={i}>
                    <td>{e.line}</td>
                    <td>{e.column ?? e.code ?? ''}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {result && !result.errors?.length ? (
        <p className="fr-message fr-message--valid" role="status">
          Import réussi{result.imported !== undefined ? ` : ${result.imported} valeur${result.imported > 1 ? 's' : ''} importée${result.imported > 1 ? 's' : ''}` : ''}.
        </p>
      ) : null}
    </section>
  );
}
