/**
 * The editor console's workspace for one version: edit its files (JSON Schema sheets, UI schemas,
 * rules) with live diagnostics, preview the form, compare with the previous version, measure the
 * impact of the rules, publish and open a campaign.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Diagnostic, PackageFiles } from '../../../engine';
import { ApiError } from '../api/errors';
import { Link, navigate, setTitle } from '../app/router';
import { consoleApi, type CheckResult, type VersionDetail } from './api';
import { CodeEditor } from './CodeEditor';
import { localSyntaxDiagnostic } from './diagnostics';
import { DiffPanel } from './DiffPanel';
import { ImpactPanel } from './ImpactPanel';
import { FileActions } from './FileActions';
import { errorText } from './labels';
import { nextVersionFiles, orderedFiles } from './nextVersion';
import { PreviewPanel } from './PreviewPanel';
import { PublishPanel } from './PublishPanel';
import { Tabs } from './Tabs';
import './consoles.css';

const CHECK_DELAY_MS = 400;
type Tab = 'fichiers' | 'apercu' | 'differences' | 'impact' | 'publication';

/** `/editeur/versions/:id` edits a stored version; `/editeur/nouvelle/:fromId` starts the next one from a published version. */
export function VersionPage({ versionId, fromId }: { versionId?: number; fromId?: number }) {
  const [version, setVersion] = useState<VersionDetail | null>(null);
  const [files, setFiles] = useState<PackageFiles | null>(null);
  const [saved, setSaved] = useState<PackageFiles | null>(null);
  const [selected, setSelected] = useState('manifest.json');
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [tab, setTab] = useState<Tab>('fichiers');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const sequence = useRef(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        if (versionId) {
          const [detail, stored] = await Promise.all([consoleApi.version(versionId), consoleApi.packageFiles(versionId)]);
          if (cancelled) return;
          setVersion(detail);
          setFiles(stored);
          setSaved(stored);
        } else if (fromId) {
          const stored = await consoleApi.packageFiles(fromId);
          if (!cancelled) setFiles(nextVersionFiles(stored));
        }
      } catch (e) {
        if (!cancelled) setError(errorText(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [versionId, fromId]);

  useEffect(
    () => setTitle(version ? `${version.form.title} ${version.label} — console d’édition` : 'Nouvelle version — console d’édition'),
    [version],
  );

  // The server checks the package a moment after the editor stops typing; older answers are dropped.
  useEffect(() => {
    if (!files) return;
    const mine = ++sequence.current;
    setChecking(true);
    const timer = setTimeout(() => {
      consoleApi.check(files).then(
        (result) => {
          if (mine !== sequence.current) return;
          setCheck(result);
          setChecking(false);
        },
        (e) => {
          if (mine !== sequence.current) return;
          setChecking(false);
          setNotice(errorText(e));
        },
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [files]);

  const dirty = useMemo(() => files !== null && JSON.stringify(files) !== JSON.stringify(saved), [files, saved]);
  const readOnly = version?.status === 'published';
  const fieldsRef = useRef(check?.fields ?? []);
  fieldsRef.current = check?.fields ?? fieldsRef.current;
  const fields = useCallback(() => fieldsRef.current, []);

  const fileDiagnostics = useMemo((): Diagnostic[] => {
    if (!files) return [];
    const local = localSyntaxDiagnostic(selected, files[selected] ?? '');
    if (local) return [local];
    return (check?.diagnostics ?? []).filter((d) => d.file === selected);
  }, [files, selected, check]);

  const allDiagnostics = useMemo((): Diagnostic[] => {
    if (!files) return [];
    const local = Object.entries(files)
      .map(([path, text]) => localSyntaxDiagnostic(path, text))
      .filter((d): d is Diagnostic => d !== null);
    return local.length ? local : (check?.diagnostics ?? []);
  }, [files, check]);

  const save = async () => {
    if (!files) return;
    setSaving(true);
    setNotice(null);
    try {
      const stored = await consoleApi.saveDraft(files);
      setSaved(files);
      setNotice(`Brouillon ${stored.label} enregistré.`);
      if (stored.id !== versionId) navigate(`/editeur/versions/${stored.id}`);
      else setVersion(await consoleApi.version(stored.id));
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { diagnostics?: Diagnostic[] } | undefined) : undefined;
      if (details?.diagnostics)
        setCheck((c) => ({ ...(c ?? { fields: [], sheets: [], dependencies: {} }), ok: false, diagnostics: details.diagnostics! }));
      setNotice(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  if (error) {
    return (
      <div className="fr-container fr-py-4w">
        <h1>Version indisponible</h1>
        <p className="fr-error-text">{error}</p>
        <Link className="fr-link" to="/editeur">
          Revenir aux formulaires
        </Link>
      </div>
    );
  }
  if (!files) {
    return (
      <div className="fr-container fr-py-4w">
        <h1>Console d’édition</h1>
        <p role="status">Chargement…</p>
      </div>
    );
  }

  const stored = version !== null && !dirty;
  const tabs: Array<{ id: Tab; label: string; disabled?: boolean }> = [
    { id: 'fichiers', label: 'Fichiers' },
    { id: 'apercu', label: 'Aperçu' },
    { id: 'differences', label: 'Différences', disabled: !stored },
    { id: 'impact', label: 'Impact', disabled: !stored },
    { id: 'publication', label: 'Publication', disabled: !version },
  ];

  return (
    <div className="fr-container fr-container--fluid fr-px-2w fr-py-3w">
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/editeur">
              Formulaires
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              {version ? `${version.form.title} ${version.label}` : 'Nouvelle version'}
            </a>
          </li>
        </ol>
      </nav>
      <h1 className="fr-h3">
        {version ? `${version.form.title} — version ${version.label}` : 'Nouvelle version'}{' '}
        <span className={`fr-badge ${readOnly ? 'fr-badge--success' : 'fr-badge--info'}`}>
          {readOnly ? 'Publiée' : version ? 'Brouillon' : 'Non enregistrée'}
        </span>
      </h1>
      <div className="hm-toolbar fr-mb-2w">
        {!readOnly ? (
          <button type="button" className="fr-btn" onClick={save} disabled={saving || !dirty}>
            {saving ? 'Enregistrement…' : 'Enregistrer le brouillon'}
          </button>
        ) : null}
        <p className="fr-text--sm fr-mb-0" role="status" data-testid="check-status">
          {checking
            ? 'Vérification…'
            : check
              ? allDiagnostics.length
                ? `${allDiagnostics.length} problème${allDiagnostics.length > 1 ? 's' : ''} à corriger`
                : 'Aucun problème détecté'
              : ''}
          {dirty ? ' — modifications non enregistrées' : ''}
        </p>
        {notice ? (
          <p className="fr-text--sm fr-mb-0" role="alert">
            {notice}
          </p>
        ) : null}
      </div>
      <Tabs tabs={tabs} active={tab} onSelect={setTab} label="Sections de la version">
        {tab === 'fichiers' ? (
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-3">
              <nav aria-label="Fichiers du paquet">
                <ul className="hm-file-list">
                  {orderedFiles(files).map((path) => {
                    const count =
                      (check?.diagnostics ?? []).filter((d) => d.file === path).length + (localSyntaxDiagnostic(path, files[path]) ? 1 : 0);
                    return (
                      <li key={path}>
                        <button
                          type="button"
                          className={`hm-file${path === selected ? ' hm-file--active' : ''}`}
                          aria-current={path === selected ? 'true' : undefined}
                          onClick={() => setSelected(path)}
                        >
                          {path}
                          {count ? <span className="fr-badge fr-badge--sm fr-badge--error fr-ml-1w">{count}</span> : null}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </nav>
              {!readOnly ? (
                <FileActions
                  files={files}
                  selected={selected}
                  onChange={(next, path) => {
                    setFiles(next);
                    setSelected(path);
                  }}
                />
              ) : null}
            </div>
            <div className="fr-col-12 fr-col-md-9">
              <h2 className="fr-h6" id="fichier-titre">
                {selected}
              </h2>
              <CodeEditor
                key={selected}
                label={`Contenu du fichier ${selected}`}
                value={files[selected] ?? ''}
                onChange={(text) => setFiles((f) => ({ ...f!, [selected]: text }))}
                diagnostics={fileDiagnostics}
                fields={selected.endsWith('.json') && !selected.startsWith('sheets/') && selected !== 'manifest.json' ? fields : undefined}
                readOnly={readOnly}
              />
              {allDiagnostics.length ? (
                <section className="fr-mt-2w" aria-labelledby="problemes-titre">
                  <h3 className="fr-h6" id="problemes-titre">
                    Problèmes
                  </h3>
                  <ul data-testid="diagnostics">
                    {allDiagnostics.slice(0, 100).map((d, i) => (
                      <li key={i}>
                        <button type="button" className="fr-link" onClick={() => setSelected(d.file)}>
                          {d.file}
                          {d.pointer ? ` ${d.pointer}` : ''}
                        </button>{' '}
                        {d.ruleId ? `${d.ruleId} : ` : ''}
                        {d.message}
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </div>
          </div>
        ) : null}
        {tab === 'apercu' ? <PreviewPanel files={files} dependencies={check?.dependencies ?? {}} ok={check?.ok ?? false} /> : null}
        {tab === 'differences' && version ? <DiffPanel versionId={version.id} /> : null}
        {tab === 'impact' && version ? <ImpactPanel versionId={version.id} /> : null}
        {tab === 'publication' && version ? (
          <PublishPanel
            version={version}
            dirty={dirty}
            onChanged={(id) => (id === version.id ? consoleApi.version(id).then(setVersion) : navigate(`/editeur/versions/${id}`))}
          />
        ) : null}
      </Tabs>
    </div>
  );
}
