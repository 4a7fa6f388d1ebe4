/**
 * A statement: the fiches (side menu with counts), one fiche at a time, the controls panel, the
 * save status; then attachments, recipients, import, history, transmission and reopening.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormPackage } from '../../../engine/package/model';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { StatementDetail } from '../api/types';
import { Link, navigate, setTitle } from '../app/router';
import { canEdit, canTransmit, useSession } from '../app/session';
import { formatDate, formatDateTime } from '../format/number';
import { AttachmentsSection } from '../statement/AttachmentsSection';
import { Autosaver, type ConflictInfo, type JustificationConflict } from '../statement/autosave';
import { ConflictDialog } from '../statement/ConflictDialog';
import { JustificationConflictDialog } from '../statement/JustificationConflictDialog';
import { ControlPanel } from '../statement/ControlPanel';
import { openStatementEngine, type BrowserEngine } from '../statement/engineSession';
import { HistorySection } from '../statement/HistorySection';
import { ImportSection } from '../statement/ImportSection';
import { planSheet, type SheetPlan } from '../statement/layout';
import { writePending } from '../statement/pendingStore';
import { PrefecturesSection } from '../statement/PrefecturesSection';
import { ReopenSection } from '../statement/ReopenSection';
import { SheetForm } from '../rjsf/SheetForm';
import { SaveStatusView } from '../statement/SaveStatusView';
import { SideNav } from '../statement/SideNav';
import { StatementStore } from '../statement/store';
import { TransmitDialog } from '../statement/TransmitDialog';
import { STATE_BADGES, STATE_LABELS, isEditable } from './labels';

type Section = 'saisie' | 'pieces' | 'destinataires' | 'import' | 'historique';
const SECTIONS: Array<[Section, string]> = [
  ['saisie', 'Saisie des fiches'],
  ['pieces', 'Pièces jointes'],
  ['destinataires', 'Destinataires'],
  ['import', 'Import'],
  ['historique', 'Historique'],
];

interface Loaded {
  /** Previous exercice's values by stable code, shown beside the fields. */
  previous?: Record<string, unknown>;
  detail: StatementDetail;
  engine: BrowserEngine;
  pkg: FormPackage;
  plans: SheetPlan[];
  store: StatementStore;
  saver: Autosaver | null;
}

interface OpenConflict {
  sheet: string;
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
  revision: number;
  by?: string;
}

export function StatementPage({ id, sheet }: { id: string; sheet?: string }) {
  const { me } = useSession();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [section, setSection] = useState<Section>('saisie');
  const [conflicts, setConflicts] = useState<OpenConflict[]>([]);
  const [justificationConflict, setJustificationConflict] = useState<JustificationConflict | null>(null);
  const [transmitOpen, setTransmitOpen] = useState(false);
  const [prefectures, setPrefectures] = useState<string[]>([]);
  const [attachmentCounts, setAttachmentCounts] = useState<Record<string, number>>({});
  const [historyKey, setHistoryKey] = useState(0);
  const [reloadKey, setReloadKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const loadedRef = useRef<Loaded | null>(null);
  const onConflict = useCallback(
    async (info: ConflictInfo) => {
      if (info.justification) {
        setJustificationConflict(info.justification);
        return;
      }
      // What the other person saved: the statement as it is now.
      const now = await api.statement(id);
      if (info.sheet && info.mine) {
        setConflicts([
          {
            sheet: info.sheet,
            mine: info.mine,
            theirs: (now.answers[info.sheet] ?? {}) as Record<string, unknown>,
            revision: now.revision,
          },
        ]);
      } else {
        // Justifications only: ours are resent on top of the new revision.
        loadedRef.current?.saver?.resolveConflict(null, now.revision);
      }
    },
    [id],
  );

  useEffect(() => {
    let cancelled = false;
    let saver: Autosaver | null = null;
    (async () => {
      try {
        const detail = await api.statement(id);
        const opened = await openStatementEngine(detail);
        if (cancelled) return;
        const { pkg, engine, previous } = opened;
        const plans = pkg.sheets.map((s) => planSheet(s.id, s.title, s.schema, s.ui));
        const titles = Object.fromEntries(pkg.rules.filter((r) => r.title).map((r) => [r.id, r.title!]));
        const store = new StatementStore(detail.answers ?? {}, detail.justifications ?? {}, engine, titles);
        store.applyServerMessages(detail.report);
        engine.sheetSource = (s) => store.sheetData(s);
        if (!engine && detail.report) store.applyReport(detail.report);
        const editable = isEditable(detail.state) && canEdit(me?.user.role);
        if (editable) {
          saver = new Autosaver(
            id,
            store,
            detail.revision,
            {
              saveSheet: (s, data, base) => api.saveSheet(id, s, data, base),
              saveJustification: (key, text, previous) => api.saveJustification(id, key, text, previous),
            },
            (info) => void onConflict(info),
            (result) => {
              store.applyServerMessages(result.report);
              setHistoryKey((k) => k + 1);
            },
          );
          const pending = Autosaver.pendingFor(id);
          if (pending) {
            const stale = pending.baseRevision !== detail.revision;
            const found: OpenConflict[] = [];
            for (const [s, data] of Object.entries(pending.sheets)) {
              if (!plans.some((p) => p.id === s)) continue;
              if (stale)
                found.push({
                  sheet: s,
                  mine: data,
                  theirs: (detail.answers[s] ?? {}) as Record<string, unknown>,
                  revision: detail.revision,
                });
              else store.replaceSheet(s, data, true);
            }
            if (pending.justifications) for (const [k, v] of Object.entries(pending.justifications)) store.setJustification(k, v);
            if (found.length) setConflicts(found);
            else if (!Object.keys(pending.sheets).length && !pending.justifications) writePending(id, null);
            setNotice(
              'Des saisies non enregistrées lors de votre dernière visite ont été retrouvées dans ce navigateur ; elles vont être enregistrées.',
            );
          }
        }
        setPrefectures((detail.prefectures ?? []).map((p) => p.departement));
        const counts: Record<string, number> = {};
        for (const a of detail.attachments ?? []) counts[a.category] = (counts[a.category] ?? 0) + 1;
        setAttachmentCounts(counts);
        const value = { detail, engine, pkg, plans, store, saver, previous };
        loadedRef.current = value;
        setLoaded(value);
      } catch (err) {
        if (!cancelled) setError(err instanceof ApiError ? err.message : err instanceof Error ? err.message : 'Chargement impossible.');
      }
    })();
    return () => {
      cancelled = true;
      saver?.dispose();
    };
  }, [id, me?.user.role, onConflict, reloadKey]);

  // Warn before leaving with unsaved edits (they are kept in localStorage anyway).
  useEffect(() => {
    const handler = (e: BeforeUnloadEvent) => {
      if (loadedRef.current?.saver?.hasUnsaved()) e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, []);

  const activeSheet = sheet && loaded?.plans.some((p) => p.id === sheet) ? sheet : loaded?.plans[0]?.id;
  const activePlan = loaded?.plans.find((p) => p.id === activeSheet);
  const sheetTitles = useMemo(() => Object.fromEntries((loaded?.plans ?? []).map((p) => [p.id, p.title])), [loaded]);
  const goToSheet = useCallback(
    (s: string) => {
      setSection('saisie');
      if (s !== activeSheet) navigate(`/declarations/${encodeURIComponent(id)}/fiches/${encodeURIComponent(s)}`);
    },
    [activeSheet, id],
  );

  useEffect(() => {
    if (loaded && activePlan) setTitle(`${activePlan.id} ${activePlan.title} — ${loaded.detail.form.title}`);
    else if (error) setTitle('Déclaration indisponible');
    else setTitle('Chargement de la déclaration');
  }, [loaded, activePlan, error]);

  const onAttachmentCounts = useCallback((counts: Record<string, number>) => {
    setAttachmentCounts(counts);
    const l = loadedRef.current;
    // Attachment rules (NBPIECES) read the counts from the context.
    if (l) l.store.contextChanged((answers) => l.engine.setAttachments(counts, answers));
  }, []);

  if (error) {
    return (
      <div className="fr-container fr-py-4w">
        <h1>Déclaration indisponible</h1>
        <div className="fr-alert fr-alert--error" role="alert">
          <p>{error}</p>
        </div>
        <Link className="fr-link" to="/">
          Revenir à mes déclarations
        </Link>
      </div>
    );
  }
  if (!loaded || !activePlan) {
    return (
      <div className="fr-container fr-py-4w">
        <h1>Déclaration</h1>
        <p role="status">Chargement de la déclaration…</p>
      </div>
    );
  }

  const { detail, pkg, plans, store, saver } = loaded;
  const editable = saver !== null;
  const role = me?.user.role;
  const transmitted = detail.state === 'transmitted' || detail.state === 'acknowledged';
  const org = detail.organisation;
  const attachmentsTotal = Object.values(attachmentCounts).reduce((a, b) => a + b, 0);

  return (
    <div className="fr-container fr-container--fluid fr-px-2w fr-py-3w">
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/">
              Mes déclarations
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              {detail.form.title}
            </a>
          </li>
        </ol>
      </nav>
      <div className="hm-statement-head">
        <div>
          <h1 className="fr-h2 fr-mb-1w">
            {detail.form.title} — exercice {detail.campaign.exercice}
          </h1>
          <p className="fr-mb-1w">
            <span className={`fr-badge fr-badge--sm ${STATE_BADGES[detail.state] ?? ''}`}>
              {STATE_LABELS[detail.state] ?? detail.state}
            </span>{' '}
            Échéance : {formatDate(detail.campaign.closesAt)}
            {detail.transmittedAt ? ` — transmis le ${formatDateTime(detail.transmittedAt)}` : ''}
          </p>
        </div>
        <div className="hm-statement-actions">
          {saver ? <SaveStatusView saver={saver} /> : <p className="fr-badge fr-badge--no-icon">Lecture seule</p>}
          {editable ? (
            <button type="button" className="fr-btn" onClick={() => setTransmitOpen(true)}>
              Transmettre…
            </button>
          ) : null}
          {transmitted ? (
            <a className="fr-btn fr-btn--secondary" href={api.receiptUrl(id, 'pdf', detail.submissions?.[0]?.number)} download>
              Télécharger l’accusé de réception (PDF)
            </a>
          ) : null}
        </div>
      </div>
      {notice ? (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" role="status">
          <p>{notice}</p>
        </div>
      ) : null}

      <nav className="hm-sections fr-mb-2w" aria-label="Sections de la déclaration">
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {SECTIONS.map(([key, label]) => (
            <li key={key}>
              <button
                type="button"
                className={`fr-btn fr-btn--sm ${section === key ? '' : 'fr-btn--tertiary'}`}
                aria-current={section === key ? 'true' : undefined}
                onClick={() => setSection(key)}
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      {section === 'saisie' ? (
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-3 fr-col-lg-2">
            <SideNav store={store} sheets={plans.map((p) => ({ id: p.id, title: p.title }))} active={activePlan.id} onSelect={goToSheet} />
          </div>
          <div className="fr-col-12 fr-col-md-9 fr-col-lg-7">
            <h2 className="fr-h3" id="fiche-titre" tabIndex={-1} ref={headingRef}>
              {activePlan.id} — {activePlan.title}
            </h2>
            <SheetForm key={activePlan.id} pkg={pkg} store={store} plan={activePlan} previous={loaded.previous} readOnly={!editable} />
          </div>
          <aside className="fr-col-12 fr-col-lg-3" aria-label="Contrôles de la déclaration">
            <ControlPanel
              store={store}
              sheetTitles={sheetTitles}
              onGoToSheet={goToSheet}
              onGoToAttachments={() => setSection('pieces')}
              readOnly={!editable}
            />
          </aside>
        </div>
      ) : null}
      {section === 'pieces' ? (
        <AttachmentsSection
          statementId={id}
          initial={detail.attachments ?? []}
          categories={pkg.manifest.attachments ?? []}
          readOnly={!editable}
          onChange={onAttachmentCounts}
        />
      ) : null}
      {section === 'destinataires' ? (
        <PrefecturesSection
          statementId={id}
          selected={prefectures}
          siegeDepartement={org?.departement ?? me?.organisation?.departement}
          stockDepartements={org?.departements ?? []}
          readOnly={!editable}
          onSaved={setPrefectures}
        />
      ) : null}
      {section === 'import' ? (
        <ImportSection
          statementId={id}
          readOnly={!editable}
          baseRevision={() => saver?.revision ?? detail.revision}
          beforeImport={() => (saver ? saver.flush() : Promise.resolve(true))}
          onImported={() => {
            saver?.dispose();
            setReloadKey((k) => k + 1);
          }}
        />
      ) : null}
      {section === 'historique' ? (
        <>
          <HistorySection statementId={id} detail={detail} refreshKey={historyKey} />
          {transmitted ? <ReopenSection statementId={id} onRequested={() => setHistoryKey((k) => k + 1)} /> : null}
        </>
      ) : null}

      {transmitOpen ? (
        <TransmitDialog
          store={store}
          prefectures={prefectures}
          attachmentsCount={attachmentsTotal}
          canSign={canTransmit(role)}
          onClose={() => setTransmitOpen(false)}
          onGoToSheet={goToSheet}
          transmit={async () => {
            if (saver && !(await saver.flush()))
              throw new Error('Les dernières saisies ne sont pas encore enregistrées : réessayez dans un instant.');
            await api.transmit(id, saver?.revision ?? detail.revision);
            saver?.dispose();
            setReloadKey((k) => k + 1);
          }}
        />
      ) : null}
      {justificationConflict ? (
        <JustificationConflictDialog
          key={justificationConflict.key}
          conflict={justificationConflict}
          ruleTitle={pkg.rules.find((r) => r.id === justificationConflict.key.split('#')[0])?.title ?? justificationConflict.key}
          onKeep={(text) => {
            store.setJustification(justificationConflict.key, text);
            saver?.resolveJustification(justificationConflict, text);
            setJustificationConflict(null);
          }}
        />
      ) : null}
      {conflicts.length ? (
        <ConflictDialog
          key={conflicts[0].sheet}
          plan={plans.find((p) => p.id === conflicts[0].sheet)!}
          mine={conflicts[0].mine}
          theirs={conflicts[0].theirs}
          theirsBy={conflicts[0].by}
          typed={store.touchedPaths(conflicts[0].sheet)}
          onResolve={(merged) => {
            const c = conflicts[0];
            store.replaceSheet(c.sheet, merged, true);
            saver?.resolveConflict(c.sheet, c.revision);
            setConflicts((list) => list.slice(1));
          }}
        />
      ) : null}
    </div>
  );
}
