/**
 * The authorities' work lists (listes de travail): named lists of organisations, filled from the
 * search results of the follow-up page or by importing a CSV of SIRENs, renamed in place, that narrow
 * the follow-up, the search, the inbox and the receipts archive.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, setTitle } from '../app/router';
import { ApiError, consoleApi, type SirenLineError, type WorkList, type WorkListSummary } from './api';
import { ConsoleNav } from './ConsoleNav';
import { errorText } from './labels';
import { RenameWorkList } from './RenameWorkList';
import './consoles.css';

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

function ImportForm({ list, onImported }: { list: WorkList; onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [lines, setLines] = useState<SirenLineError[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setMessage('Choisissez un fichier CSV.');
      return;
    }
    setLines([]);
    setMessage('Import en cours…');
    try {
      const r = await consoleApi.importWorkList(list.id, file);
      setMessage(
        `Import réussi : ${plural(r.added, 'organisme')} ajouté${r.added > 1 ? 's' : ''}` +
          (r.alreadyInList ? `, ${r.alreadyInList} déjà dans la liste` : '') +
          ` ; la liste compte ${plural(r.size, 'organisme')}.`,
      );
      if (input.current) input.current.value = '';
      onImported();
    } catch (err) {
      setMessage(errorText(err));
      const details = err instanceof ApiError ? (err.details as { lines?: SirenLineError[] } | undefined) : undefined;
      setLines(details?.lines ?? []);
    }
  };
  return (
    <form onSubmit={submit} className="fr-mb-4w" aria-labelledby="import-titre">
      <h3 className="fr-h6" id="import-titre">
        Importer une liste de SIREN
      </h3>
      <div className="fr-upload-group fr-mb-2w">
        <label className="fr-label" htmlFor="import-fichier">
          Fichier CSV
          <span className="fr-hint-text">
            Un SIREN par ligne (première colonne), en-tête facultatif, séparateur « ; » ou « , », encodage UTF-8. Rien n’est ajouté si une
            ligne est en erreur.
          </span>
        </label>
        <input ref={input} id="import-fichier" className="fr-upload" type="file" accept=".csv,text/csv,text/plain" />
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary">
        Importer le fichier
      </button>
      {message ? (
        <p role="status" aria-live="polite" className={lines.length ? 'fr-error-text' : 'fr-mt-2w'}>
          {message}
        </p>
      ) : null}
      {lines.length ? (
        <div className="fr-table fr-table--sm">
          <table>
            <caption>Lignes en erreur</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Valeur</th>
                <th scope="col">Motif</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.line}>
                  <td>{l.line}</td>
                  <td>{l.value}</td>
                  <td>{l.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </form>
  );
}

function ListDetail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const [list, setList] = useState<WorkList | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = () => consoleApi.workList(id).then(setList, (e) => setMessage(errorText(e)));
  useEffect(() => {
    setList(null);
    void load();
  }, [id]);
  const remove = async (organisationId: number) => {
    try {
      await consoleApi.removeFromWorkList(id, organisationId);
      await load();
      onChanged();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  const destroy = async () => {
    try {
      await consoleApi.deleteWorkList(id);
      onChanged();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  if (!list) return message ? <p className="fr-error-text">{message}</p> : <p role="status">Chargement…</p>;
  return (
    <section aria-labelledby="liste-titre">
      <h2 className="fr-h4" id="liste-titre">
        Liste « {list.name} » ({plural(list.size, 'organisme')})
      </h2>
      <RenameWorkList
        list={list}
        onRenamed={() => {
          void load();
          onChanged();
        }}
      />
      <ImportForm
        list={list}
        onImported={() => {
          void load();
          onChanged();
        }}
      />
      {list.organisations.length ? (
        <div className="fr-table fr-table--sm">
          <table>
            <caption>Organismes de la liste</caption>
            <thead>
              <tr>
                <th scope="col">Organisme</th>
                <th scope="col">SIREN</th>
                <th scope="col">Famille</th>
                <th scope="col">Département</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {list.organisations.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.name}</th>
                  <td>{o.siren}</td>
                  <td>{o.kind}</td>
                  <td>{o.departement}</td>
                  <td>
                    <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => remove(o.id)}>
                      Retirer {o.name}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>
          La liste est vide : importez un fichier, ou ajoutez des organismes depuis la recherche du{' '}
          <Link className="fr-link" to="/suivi">
            suivi des campagnes
          </Link>
          .
        </p>
      )}
      {message ? <p role="status">{message}</p> : null}
      <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary fr-mt-2w" onClick={destroy}>
        Supprimer la liste « {list.name} »
      </button>
    </section>
  );
}

export function WorkListsPage() {
  const [lists, setLists] = useState<WorkListSummary[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const load = () =>
    consoleApi.workLists().then(
      (items) => {
        setLists(items);
        setSelected((current) => (current !== null && items.some((l) => l.id === current) ? current : (items[0]?.id ?? null)));
      },
      (e) => setMessage(errorText(e)),
    );
  useEffect(() => {
    setTitle('Listes de travail');
    void load();
  }, []);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const list = await consoleApi.createWorkList(name);
      setName('');
      setMessage(`Liste « ${list.name} » créée.`);
      setSelected(list.id);
      await load();
    } catch (err) {
      setMessage(errorText(err));
    }
  };
  return (
    <div className="fr-container fr-py-4w">
      <ConsoleNav current="/listes" />
      <h1>Listes de travail</h1>
      <p>
        Une liste de travail regroupe des organismes de votre périmètre, partagée avec les utilisateurs de votre autorité. Choisie dans le
        suivi des campagnes ou dans les déclarations reçues, elle limite l’avancement, la recherche, les déclarations reçues et les
        récépissés à ses organismes.
      </p>
      <form onSubmit={create} className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-4w">
        <div className="fr-col-12 fr-col-md-6 fr-input-group">
          <label className="fr-label" htmlFor="liste-nom">
            Nom de la nouvelle liste
          </label>
          <input id="liste-nom" className="fr-input" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <button type="submit" className="fr-btn">
            Créer la liste
          </button>
        </div>
      </form>
      {message ? <p role="status">{message}</p> : null}
      {lists && lists.length > 0 ? (
        <div className="fr-select-group hm-narrow">
          <label className="fr-label" htmlFor="liste-choisie">
            Liste
          </label>
          <select id="liste-choisie" className="fr-select" value={selected ?? ''} onChange={(e) => setSelected(Number(e.target.value))}>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({plural(l.size, 'organisme')})
              </option>
            ))}
          </select>
        </div>
      ) : lists ? (
        <p>Aucune liste pour l’instant.</p>
      ) : (
        <p role="status">Chargement…</p>
      )}
      {selected !== null ? <ListDetail key={selected} id={selected} onChanged={() => void load()} /> : null}
    </div>
  );
}
