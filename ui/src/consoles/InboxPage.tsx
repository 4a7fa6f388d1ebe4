/** The préfecture's inbox: statements of organisations of its département or that chose it, with their documents. */
import { useEffect, useState } from 'react';
import { Link, setTitle } from '../app/router';
import { consoleApi, type InboxLine, type Page } from './api';
import { dateFr, errorText } from './labels';
import { ConsoleNav } from './ConsoleNav';
import { useWorkListInAddress, useWorkLists } from './workLists';
import { WorkListSelect } from './WorkListSelect';
import './consoles.css';

const transmitted = (n: number) => `${n} déclaration${n > 1 ? 's' : ''} transmise${n > 1 ? 's' : ''}`;

export function InboxPage() {
  const [workList, choose] = useWorkListInAddress();
  const lists = useWorkLists();
  const [page, setPage] = useState<(Page<InboxLine> & { departement: string | null }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setTitle('Déclarations reçues'), []);
  useEffect(() => {
    // A quick change of list must not let the previous list's late answer overwrite this one.
    let current = true;
    setPage(null);
    setError(null);
    consoleApi.inbox({ workList }).then(
      (p) => current && setPage(p),
      (e) => current && setError(errorText(e)),
    );
    return () => {
      current = false;
    };
  }, [workList]);
  const listName = lists?.find((l) => l.id === workList)?.name;
  return (
    <div className="fr-container fr-py-4w">
      <ConsoleNav current="/prefecture" />
      <h1>Déclarations reçues{page?.departement ? ` — département ${page.departement}` : ''}</h1>
      <WorkListSelect
        lists={lists}
        value={workList}
        onChange={choose}
        hint="Limite les déclarations reçues à celles des organismes de la liste."
      />
      {error ? <p className="fr-error-text">{error}</p> : null}
      <p role="status" aria-live="polite" data-testid="inbox-count">
        {page
          ? `${transmitted(page.total)}${workList === undefined ? '' : listName ? ` pour la liste « ${listName} »` : ' pour la liste choisie'}.`
          : error
            ? ''
            : 'Chargement…'}
      </p>
      {page ? (
        <div className="fr-table">
          <table>
            <caption>{transmitted(page.total)}</caption>
            <thead>
              <tr>
                <th scope="col">Organisme</th>
                <th scope="col">Motif de réception</th>
                <th scope="col">Formulaire</th>
                <th scope="col">Récépissé</th>
                <th scope="col">Documents</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link className="fr-link" to={`/declarations/${s.id}`}>
                      {s.organisation.name}
                    </Link>{' '}
                    ({s.organisation.siren}, siège {s.organisation.departement})
                  </th>
                  <td>
                    {s.reason === 'siege'
                      ? 'Siège dans le département'
                      : s.reason === 'choisie'
                        ? 'Préfecture choisie par l’organisme'
                        : '—'}
                  </td>
                  <td>
                    {s.form.title} {s.campaign.exercice}
                  </td>
                  <td>
                    {s.submission ? (
                      <a className="fr-link" href={`/api/statements/${s.id}/receipt.pdf`} download>
                        {s.submission.receiptNumber} ({dateFr(s.submission.transmittedAt)})
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {s.documents.length === 0 ? (
                      'aucun'
                    ) : (
                      <ul>
                        {s.documents.map((d) => (
                          <li key={d.id}>
                            <a className="fr-link" href={`/api/statements/${s.id}/attachments/${d.id}`} download>
                              {d.filename} ({Math.ceil(d.size / 1024)} Ko)
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
