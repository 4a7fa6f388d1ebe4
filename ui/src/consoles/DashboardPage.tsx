/**
 * Campaign follow-up for the ministry, partners, préfectures and federations: progress by kind and
 * région (chart and table), the organisations one by one with reminders, bulk exports, the search
 * of transmitted statements and the reopening requests to decide.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, setTitle } from '../app/router';
import {
  consoleApi,
  type ConsoleCampaign,
  type Dashboard,
  type MemberProgress,
  type Page,
  type ReopenRequestLine,
  type StatementLine,
  type WorkListSummary,
} from './api';
import { downloadWithProgress } from './download';
import { STATUS_LABELS, dateFr, errorText } from './labels';
import { ProgressChart } from './ProgressChart';
import { ConsoleNav } from './ConsoleNav';
import { JobStatus } from './JobStatus';
import { useJob } from './useJob';
import { useWorkListInAddress, useWorkLists } from './workLists';
import { WorkListSelect } from './WorkListSelect';
import './consoles.css';

function Members({ campaign, workList }: { campaign: ConsoleCampaign; workList?: number }) {
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<MemberProgress[] | null>(null);
  const [note, setNote] = useState('');
  const [result, setResult] = useState<string | null>(null);
  useEffect(() => {
    consoleApi.members(campaign.id, { status: status || undefined, workList }).then(setItems, (e) => setResult(errorText(e)));
  }, [campaign.id, status, workList]);
  const remind = async (e: FormEvent) => {
    e.preventDefault();
    try {
      // With a work list chosen, only its organisations are reminded.
      const organisationIds = workList === undefined ? undefined : (items ?? []).map((m) => m.organisation.id);
      const r = await consoleApi.remind(campaign.id, { note: note || undefined, organisationIds });
      setResult(
        `${r.messages} courriel${r.messages > 1 ? 's' : ''} envoyé${r.messages > 1 ? 's' : ''} à ${r.organisations} organisme${r.organisations > 1 ? 's' : ''}` +
          (r.withoutRecipient.length ? ` ; sans destinataire : ${r.withoutRecipient.map((o) => o.name).join(', ')}` : '') +
          (r.skipped.length ? ` ; déjà relancés depuis moins de 24 heures : ${r.skipped.map((o) => o.name).join(', ')}` : '') +
          '.',
      );
    } catch (err) {
      setResult(errorText(err));
    }
  };
  return (
    <section className="fr-mb-6w" aria-labelledby="organismes-titre">
      <h2 className="fr-h4" id="organismes-titre">
        Organismes
      </h2>
      <div className="fr-select-group hm-narrow">
        <label className="fr-label" htmlFor="filtre-etat">
          Avancement
        </label>
        <select id="filtre-etat" className="fr-select" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Tous</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {items ? (
        <div className="fr-table fr-table--sm">
          <table>
            <caption>Avancement par organisme ({items.length})</caption>
            <thead>
              <tr>
                <th scope="col">Organisme</th>
                <th scope="col">Famille</th>
                <th scope="col">Département</th>
                <th scope="col">Avancement</th>
                <th scope="col">Déclaration</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.organisation.id}>
                  <th scope="row">
                    {m.organisation.name} <span className="fr-text--xs">({m.organisation.siren})</span>
                  </th>
                  <td>{m.organisation.kind}</td>
                  <td>{m.organisation.departement}</td>
                  <td>{STATUS_LABELS[m.status]}</td>
                  <td>
                    {m.statement?.transmittedAt ? (
                      <Link className="fr-link" to={`/declarations/${m.statement.id}`}>
                        Consulter (transmise le {dateFr(m.statement.transmittedAt)})
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p role="status">Chargement…</p>
      )}
      {campaign.canRemind ? (
        <form onSubmit={remind} aria-labelledby="rappel-titre">
          <h3 className="fr-h6" id="rappel-titre">
            Relancer les organismes qui n’ont pas transmis
          </h3>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="rappel-note">
              Message ajouté au rappel (facultatif)
            </label>
            <textarea id="rappel-note" className="fr-input" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="fr-btn fr-btn--secondary">
            Envoyer le rappel par courriel
          </button>
        </form>
      ) : null}
      {result ? <p role="status">{result}</p> : null}
    </section>
  );
}

function Exports({ campaign, workList }: { campaign: ConsoleCampaign; workList?: number }) {
  const [progress, setProgress] = useState<string | null>(null);
  // The receipts archive is built in the background (rendering hundreds of PDFs takes a while).
  const receipts = useJob(`/api/consoles/campaigns/${campaign.id}/receipts/jobs`);
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    const job = receipts.job;
    if (!waiting || !job || job.status === 'running') return;
    setWaiting(false);
    if (job.status === 'done' && job.download) void fetchFile(job.download, 'recepisses.zip');
  }, [receipts.job, waiting]);
  const buildReceipts = async () => {
    setProgress(null);
    setWaiting(true);
    await receipts.start(workList === undefined ? '' : `?workList=${workList}`);
  };
  const run = (format: 'csv' | 'xlsx', layout: 'wide' | 'long') =>
    fetchFile(
      `/api/campaigns/${campaign.id}/export?format=${format}&layout=${layout}${workList === undefined ? '' : `&workList=${workList}`}`,
      `export.${format}`,
    );
  const fetchFile = async (url: string, fallbackName: string) => {
    setProgress('Préparation de l’export…');
    try {
      await downloadWithProgress(url, fallbackName, (received, total) =>
        setProgress(
          total ? `Téléchargement : ${Math.round((100 * received) / total)} %` : `Téléchargement : ${Math.round(received / 1024)} Ko reçus`,
        ),
      );
      setProgress('Export terminé.');
    } catch (e) {
      setProgress(errorText(e));
    }
  };
  return (
    <section className="fr-mb-6w" aria-labelledby="exports-titre">
      <h2 className="fr-h4" id="exports-titre">
        Exports des déclarations transmises
      </h2>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={() => run('csv', 'wide')}>
            CSV (une ligne par organisme)
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={() => run('xlsx', 'wide')}>
            XLSX (une ligne par organisme)
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={() => run('csv', 'long')}>
            CSV (une ligne par valeur)
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={buildReceipts} disabled={receipts.job?.status === 'running'}>
            Récépissés (zip de PDF)
          </button>
        </li>
      </ul>
      {receipts.job ? <JobStatus job={receipts.job} unit="récépissés" onCancel={receipts.cancel} /> : null}
      {receipts.job?.status === 'done' && receipts.job.download && !waiting ? (
        <p>
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--tertiary"
            onClick={() => fetchFile(receipts.job!.download!, 'recepisses.zip')}
          >
            Télécharger la dernière archive de récépissés ({receipts.job.total})
          </button>
        </p>
      ) : null}
      {receipts.error ? <p className="fr-error-text">{receipts.error}</p> : null}
      {progress ? (
        <p role="status" aria-live="polite">
          {progress}
        </p>
      ) : null}
    </section>
  );
}

/** Adds the organisations chosen in the search results to one of the authority's work lists. */
function AddToList({ lists, chosen, onAdded }: { lists: WorkListSummary[]; chosen: number[]; onAdded: (message: string) => void }) {
  const [target, setTarget] = useState<number | null>(lists[0]?.id ?? null);
  if (lists.length === 0) {
    return (
      <p>
        <Link className="fr-link" to="/listes">
          Créez une liste de travail
        </Link>{' '}
        pour y ajouter des organismes.
      </p>
    );
  }
  const add = async () => {
    if (target === null || chosen.length === 0) return onAdded('Sélectionnez au moins un organisme.');
    try {
      const r = await consoleApi.addToWorkList(target, chosen);
      const name = lists.find((l) => l.id === target)?.name ?? '';
      onAdded(`${r.added} organisme${r.added > 1 ? 's' : ''} ajouté${r.added > 1 ? 's' : ''} à la liste « ${name} » (${r.size} au total).`);
    } catch (e) {
      onAdded(errorText(e));
    }
  };
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
      <div className="fr-col-12 fr-col-md-6 fr-select-group">
        <label className="fr-label" htmlFor="ajout-liste">
          Liste de travail où ajouter les organismes sélectionnés ({chosen.length})
        </label>
        <select id="ajout-liste" className="fr-select" value={target ?? ''} onChange={(e) => setTarget(Number(e.target.value))}>
          {lists.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-col-12 fr-col-md-3">
        <button type="button" className="fr-btn fr-btn--secondary" onClick={add}>
          Ajouter à la liste
        </button>
      </div>
    </div>
  );
}

function Search({ campaign, workList, lists }: { campaign: ConsoleCampaign; workList?: number; lists: WorkListSummary[] | null }) {
  const [q, setQ] = useState('');
  const [state, setState] = useState('');
  const [page, setPage] = useState<Page<StatementLine> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const load = () =>
    consoleApi
      .search({ campaign: campaign.id, q: q || undefined, state: state || undefined, workList })
      .then(setPage, (e) => setMessage(errorText(e)));
  useEffect(() => {
    setChosen([]);
    void load();
  }, [campaign.id, workList]);
  const toggle = (organisationId: number, on: boolean) =>
    setChosen((current) => (on ? [...new Set([...current, organisationId])] : current.filter((id) => id !== organisationId)));
  const acknowledge = async (id: number) => {
    try {
      await consoleApi.acknowledge(id);
      setMessage('Réception accusée.');
      await load();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <section className="fr-mb-6w" aria-labelledby="recherche-titre">
      <h2 className="fr-h4" id="recherche-titre">
        Déclarations reçues
      </h2>
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div className="fr-col-12 fr-col-md-5 fr-input-group">
          <label className="fr-label" htmlFor="recherche-q">
            Organisme (nom ou SIREN)
          </label>
          <input id="recherche-q" className="fr-input" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-select-group">
          <label className="fr-label" htmlFor="recherche-etat">
            État
          </label>
          <select id="recherche-etat" className="fr-select" value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">Tous</option>
            <option value="transmitted">Transmise</option>
            <option value="acknowledged">Réception accusée</option>
            <option value="reopen_requested">Réouverture demandée</option>
            <option value="reopened">Rouverte</option>
          </select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <button type="submit" className="fr-btn">
            Rechercher
          </button>
        </div>
      </form>
      {message ? <p role="status">{message}</p> : null}
      {page ? (
        <div className="fr-table fr-table--sm">
          <table>
            <caption>
              {page.total} déclaration{page.total > 1 ? 's' : ''}
            </caption>
            <thead>
              <tr>
                {lists ? <th scope="col">Sélection</th> : null}
                <th scope="col">Organisme</th>
                <th scope="col">État</th>
                <th scope="col">Récépissé</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id}>
                  {lists ? (
                    <td>
                      <input
                        type="checkbox"
                        className="hm-row-choice"
                        aria-label={`Sélectionner ${s.organisation.name}`}
                        checked={chosen.includes(s.organisation.id)}
                        onChange={(e) => toggle(s.organisation.id, e.target.checked)}
                      />
                    </td>
                  ) : null}
                  <th scope="row">
                    {s.organisation.name} ({s.organisation.kind}, {s.organisation.departement})
                  </th>
                  <td>
                    {s.state}
                    {s.late ? ' — hors délai' : ''}
                  </td>
                  <td>{s.submission ? `${s.submission.receiptNumber} du ${dateFr(s.submission.transmittedAt)}` : '—'}</td>
                  <td>
                    <Link className="fr-link fr-mr-2w" to={`/declarations/${s.id}`}>
                      Consulter
                    </Link>
                    {s.state === 'transmitted' ? (
                      <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => acknowledge(s.id)}>
                        Accuser réception
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {page && lists ? <AddToList lists={lists} chosen={chosen} onAdded={setMessage} /> : null}
    </section>
  );
}

function ReopenRequests() {
  const [items, setItems] = useState<ReopenRequestLine[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = () => consoleApi.reopenRequests().then(setItems, () => setItems([]));
  useEffect(() => {
    void load();
  }, []);
  const decide = async (id: number, accept: boolean) => {
    try {
      await consoleApi.decideReopening(id, accept, accept ? undefined : 'Demande refusée.');
      setMessage(accept ? 'Réouverture acceptée.' : 'Réouverture refusée.');
      await load();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  if (!items || (items.length === 0 && !message)) return null;
  return (
    <section className="fr-mb-6w" aria-labelledby="reouverture-titre">
      <h2 className="fr-h4" id="reouverture-titre">
        Demandes de réouverture à traiter ({items.length})
      </h2>
      <ul>
        {items.map((r) => (
          <li key={r.id} className="fr-mb-1w">
            <Link className="fr-link" to={`/declarations/${r.statementId}`}>
              Déclaration {r.statementId}
            </Link>{' '}
            — motif : {r.reason}{' '}
            <button type="button" className="fr-btn fr-btn--sm fr-mr-1w" onClick={() => decide(r.id, true)}>
              Accepter
            </button>
            <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => decide(r.id, false)}>
              Refuser
            </button>
          </li>
        ))}
      </ul>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}

export function DashboardPage() {
  const [campaigns, setCampaigns] = useState<ConsoleCampaign[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lists = useWorkLists();
  const [workList, setWorkList] = useWorkListInAddress();
  useEffect(() => {
    setTitle('Suivi des campagnes');
    consoleApi.campaigns().then(
      (items) => {
        const followed = items.filter((c) => c.canFollow);
        setCampaigns(followed);
        setSelected(followed[0]?.id ?? null);
      },
      (e) => setError(errorText(e)),
    );
  }, []);
  useEffect(() => {
    setDashboard(null);
    if (selected !== null) consoleApi.progress(selected, workList).then(setDashboard, (e) => setError(errorText(e)));
  }, [selected, workList]);
  const campaign = campaigns?.find((c) => c.id === selected) ?? null;

  return (
    <div className="fr-container fr-py-4w">
      <ConsoleNav current="/suivi" />
      <h1>Suivi des campagnes</h1>
      {error ? <p className="fr-error-text">{error}</p> : null}
      {campaigns?.length === 0 ? <p>Aucune campagne à suivre.</p> : null}
      {campaigns && campaigns.length > 0 ? (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="campagne">
            Campagne
          </label>
          <select id="campagne" className="fr-select" value={selected ?? ''} onChange={(e) => setSelected(Number(e.target.value))}>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} — {c.form.title} {c.form.version} (clôture le {dateFr(c.closesAt)})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <WorkListSelect
        lists={lists}
        value={workList}
        onChange={setWorkList}
        hint="Limite l’avancement, les organismes, la recherche et les récépissés à ses organismes."
      />
      {campaign && dashboard ? (
        <>
          <section className="fr-mb-6w" aria-labelledby="avancement-titre">
            <h2 className="fr-h4" id="avancement-titre">
              Avancement
            </h2>
            <p data-testid="totals">
              {dashboard.totals.transmitted} transmises sur {dashboard.totals.total} attendues, {dashboard.totals.in_progress} en cours,{' '}
              {dashboard.totals.not_started} non commencées, {dashboard.totals.late} en retard{dashboard.closed ? ' (campagne close)' : ''}.
            </p>
            <ProgressChart
              title="Avancement par famille d’organisme"
              rows={dashboard.byKind.map((k) => ({ label: k.kind, counts: k.counts }))}
            />
            <ProgressChart title="Avancement par région" rows={dashboard.byRegion.map((r) => ({ label: r.name, counts: r.counts }))} />
          </section>
          <Members campaign={campaign} workList={workList} />
          <Exports campaign={campaign} workList={workList} />
          <Search campaign={campaign} workList={workList} lists={lists} />
        </>
      ) : selected !== null && !error ? (
        <p role="status">Chargement…</p>
      ) : null}
      <ReopenRequests />
    </div>
  );
}
