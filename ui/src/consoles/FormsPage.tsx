/** The editor console's home: the forms the editor owns, their versions, a new version or an uploaded bundle. */
import { useEffect, useState, type ChangeEvent } from 'react';
import { Link, navigate, setTitle } from '../app/router';
import { consoleApi, type FormEntry } from './api';
import { dateFr, errorText } from './labels';
import './consoles.css';

export function FormsPage() {
  const [forms, setForms] = useState<FormEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<string | null>(null);
  useEffect(() => {
    setTitle('Console d’édition des formulaires');
    consoleApi.forms().then(setForms, (e) => setError(errorText(e)));
  }, []);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setUpload('Dépôt en cours…');
    try {
      const version = await consoleApi.uploadBundle(file);
      navigate(`/editeur/versions/${version.id}`);
    } catch (err) {
      setUpload(errorText(err));
    }
  };

  return (
    <div className="fr-container fr-py-4w">
      <h1>Console d’édition des formulaires</h1>
      <p>Créez chaque année la nouvelle version de vos formulaires, vérifiez-la, mesurez son impact et publiez-la, sans développement.</p>
      <div className="fr-upload-group fr-mb-4w">
        <label className="fr-label" htmlFor="depot-paquet">
          Déposer un paquet de formulaire
          <span className="fr-hint-text">Bundle JSON ou archive zip du dossier du formulaire.</span>
        </label>
        <input className="fr-upload" type="file" id="depot-paquet" accept=".json,.zip,application/json,application/zip" onChange={onFile} />
        {upload ? <p role="status">{upload}</p> : null}
      </div>
      {error ? <p className="fr-error-text">{error}</p> : null}
      {forms === null && !error ? <p role="status">Chargement…</p> : null}
      {forms?.length === 0 ? <p>Aucun formulaire pour l’instant : déposez un paquet.</p> : null}
      {forms?.map((form) => {
        const latestPublished = form.versions.find((v) => v.status === 'published' && v.patchNumber === 0);
        return (
          <section key={form.id} className="fr-mb-4w" aria-labelledby={`form-${form.id}`}>
            <h2 className="fr-h4" id={`form-${form.id}`}>
              {form.title} <span className="fr-badge fr-badge--sm">{form.owner}</span>
            </h2>
            <div className="fr-table fr-table--sm">
              <table>
                <caption>Versions de « {form.code} »</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Exercice</th>
                    <th scope="col">État</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {form.versions.map((v) => (
                    <tr key={v.id}>
                      <th scope="row">{v.label}</th>
                      <td>{v.exercice}</td>
                      <td>{v.status === 'published' ? `Publiée le ${dateFr(v.publishedAt!)}` : 'Brouillon'}</td>
                      <td>
                        <Link className="fr-link" to={`/editeur/versions/${v.id}`}>
                          {v.status === 'draft' ? `Modifier ${v.label}` : `Ouvrir ${v.label}`}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {latestPublished ? (
              <Link className="fr-btn fr-btn--secondary" to={`/editeur/nouvelle/${latestPublished.id}`}>
                Préparer l’exercice {latestPublished.exercice + 1} à partir de {latestPublished.label}
              </Link>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
