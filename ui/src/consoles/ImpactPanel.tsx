/**
 * The impact report: each new or changed rule replayed on the previous exercice's transmitted
 * statements, with how many organisations would fail it, and which.
 */
import type { ImpactReport } from './api';
import { JobStatus } from './JobStatus';
import { SEVERITY_LABELS } from './labels';
import { useJob } from './useJob';

export function ImpactPanel({ versionId }: { versionId: number }) {
  // A background job: its progress is shown, it can be cancelled, and a reload finds it again.
  const { job, error, start, cancel } = useJob<ImpactReport>(`/api/consoles/versions/${versionId}/impact/jobs`);
  const busy = job?.status === 'running';
  const report = job?.status === 'done' ? job.result : null;
  const run = () => start();
  return (
    <div data-testid="impact">
      <p>
        Les règles nouvelles ou modifiées de cette version sont exécutées sur les déclarations transmises de l’exercice précédent, telles
        qu’elles ont été transmises (réponses reprises par code stable). Rien n’est modifié.
      </p>
      <button type="button" className="fr-btn" onClick={run} disabled={busy}>
        {busy ? 'Calcul en cours…' : report ? 'Recalculer l’impact' : 'Calculer l’impact'}
      </button>
      {error ? <p className="fr-error-text">{error}</p> : null}
      {job ? <JobStatus job={job} unit="déclarations rejouées" onCancel={cancel} /> : null}
      {report ? (
        <div className="fr-mt-3w" aria-live="polite">
          <p>
            {report.statements} déclaration{report.statements > 1 ? 's' : ''} transmise{report.statements > 1 ? 's' : ''} de l’exercice{' '}
            {report.exercice} rejouée
            {report.statements > 1 ? 's' : ''}
            {report.baseline ? `, comparées à la version ${report.baseline.version}` : ''}.
          </p>
          {report.rules.length === 0 ? (
            <p>Aucune règle nouvelle ou modifiée.</p>
          ) : (
            <div className="fr-table fr-table--bordered">
              <table>
                <caption>Impact des règles nouvelles ou modifiées</caption>
                <thead>
                  <tr>
                    <th scope="col">Règle</th>
                    <th scope="col">Gravité</th>
                    <th scope="col">Changement</th>
                    <th scope="col">Organismes en échec</th>
                    <th scope="col">Avant</th>
                    <th scope="col">Organismes concernés</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rules.map((r) => (
                    <tr key={r.ruleId} data-rule={r.ruleId}>
                      <th scope="row">
                        {r.ruleId}
                        {r.title ? ` — ${r.title}` : ''}
                      </th>
                      <td>{r.severity ? SEVERITY_LABELS[r.severity] : '—'}</td>
                      <td>{r.changes.join(' ')}</td>
                      <td data-testid={`impact-${r.ruleId}`}>
                        {r.failing} sur {report.statements}
                      </td>
                      <td>{r.failingBefore === null ? 'nouvelle règle' : r.failingBefore}</td>
                      <td>
                        {r.organisations.length === 0 ? (
                          'aucun'
                        ) : (
                          <details>
                            <summary>Voir les {r.organisations.length} organismes</summary>
                            <ul>
                              {r.organisations.map((o) => (
                                <li key={o.id}>
                                  {o.name} ({o.siren}, {o.kind}, {o.departement}){o.message ? ` : ${o.message}` : ''}
                                </li>
                              ))}
                            </ul>
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}
