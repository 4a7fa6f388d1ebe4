/** Import of a whole statement from a file (JSON, CSV or spreadsheet): all or nothing, with the per-line errors. */
import { useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { ImportErrors, ImportResult } from '../api/types';

export function ImportSection({
  statementId,
  baseRevision,
  readOnly,
  beforeImport,
  onImported,
}: {
  statementId: string;
  baseRevision: () => number;
  readOnly: boolean;
  /** Unsaved edits are sent first: the import is based on the latest revision. */
  beforeImport: () => Promise<boolean>;
  onImported: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<ImportErrors['errors']>([]);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    if (!file) return;
    setError(null);
    setErrors([]);
    setResult(null);
    if (!(await beforeImport())) {
      setError('Vos dernières saisies ne sont pas encore enregistrées : réessayez dans un instant.');
      return;
    }
    setProgress(0);
    try {
      const r = await api.importFile(statementId, file, baseRevision(), setProgress);
      setResult(r);
      onImported();
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as ImportErrors | undefined) : undefined;
      if (details?.errors?.length) setErrors(details.errors);
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
        Un fichier CSV (feuille;code;ligne;valeur, séparateur point-virgule), un classeur Excel ou un fichier JSON. L’import est tout ou
        rien : un fichier qui contient une erreur ne modifie rien.
      </p>
      <div className="fr-upload-group">
        <label className="fr-label" htmlFor="import-fichier">
          Fichier à importer
          <span className="fr-hint-text">Formats acceptés : csv, xlsx, json.</span>
        </label>
        <input
          className="fr-upload"
          type="file"
          id="import-fichier"
          accept=".csv,.xlsx,.json"
          disabled={readOnly}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <button type="button" className="fr-btn fr-mt-2w" disabled={!file || readOnly || progress !== null} onClick={() => void send()}>
        Importer
      </button>
      {progress !== null ? (
        <p role="status">
          Envoi : {Math.round(progress * 100)} %{' '}
          <progress max={1} value={progress} className="hm-progress" aria-label="Progression de l’envoi" />
        </p>
      ) : null}
      {error ? (
        <div className="fr-alert fr-alert--error fr-mt-2w" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {errors.length ? (
        <div className="fr-table fr-table--sm fr-mt-2w" data-testid="import-errors">
          <table>
            <caption>
              {errors.length} erreur{errors.length > 1 ? 's' : ''}, par ligne du fichier
            </caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Code</th>
                <th scope="col">Erreur</th>
              </tr>
            </thead>
            <tbody>
              {errors.slice(0, 500).map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.code ?? ''}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {result ? (
        <p className="fr-message fr-message--valid" role="status">
          Import réussi : {result.cells} valeur{result.cells > 1 ? 's' : ''} importée{result.cells > 1 ? 's' : ''} (révision{' '}
          {result.revision}).
        </p>
      ) : null}
    </section>
  );
}
