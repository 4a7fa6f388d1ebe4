/**
 * Publishing a version, opening a campaign on it (audience, opening and closing dates), rule
 * patches mid-campaign, and the downloads for software vendors.
 */
import { useState, type FormEvent } from 'react';
import type { Severity } from '../../../engine';
import { consoleApi, type VersionDetail } from './api';
import { SEVERITY_LABELS, errorText } from './labels';

const KINDS = ['OPH', 'ESH', 'COOP', 'SEM', 'MOI', 'SC'];
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function CampaignForm({ version }: { version: VersionDetail }) {
  const today = new Date();
  const [title, setTitle] = useState(`${version.form.title} — exercice ${version.exercice}`);
  const [audience, setAudience] = useState<string[]>(version.audience);
  const [opensAt, setOpensAt] = useState(isoDay(today));
  const [closesAt, setClosesAt] = useState(isoDay(new Date(today.getTime() + 90 * 86_400_000)));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const campaign = await consoleApi.openCampaign({
        formVersionId: version.id,
        title,
        audience,
        opensAt: new Date(`${opensAt}T00:00:00`).toISOString(),
        closesAt: new Date(`${closesAt}T23:59:59`).toISOString(),
      });
      setMessage({ ok: true, text: `Campagne « ${campaign.title} » ouverte.` });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };
  return (
    <form onSubmit={submit} className="fr-mb-4w" aria-labelledby="campagne-titre">
      <h3 className="fr-h5" id="campagne-titre">
        Ouvrir une campagne
      </h3>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="campagne-intitule">
          Intitulé
        </label>
        <input
          id="campagne-intitule"
          className="fr-input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={300}
        />
      </div>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Organismes concernés</legend>
        {KINDS.map((k) => (
          <div key={k} className="fr-fieldset__element fr-fieldset__element--inline">
            <div className="fr-checkbox-group">
              <input
                type="checkbox"
                id={`audience-${k}`}
                checked={audience.includes(k)}
                onChange={(e) => setAudience(e.target.checked ? [...audience, k] : audience.filter((a) => a !== k))}
              />
              <label className="fr-label" htmlFor={`audience-${k}`}>
                {k}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-6 fr-input-group">
          <label className="fr-label" htmlFor="campagne-ouverture">
            Ouverture
          </label>
          <input
            id="campagne-ouverture"
            type="date"
            className="fr-input"
            value={opensAt}
            onChange={(e) => setOpensAt(e.target.value)}
            required
          />
        </div>
        <div className="fr-col-6 fr-input-group">
          <label className="fr-label" htmlFor="campagne-cloture">
            Date limite de transmission
          </label>
          <input
            id="campagne-cloture"
            type="date"
            className="fr-input"
            value={closesAt}
            onChange={(e) => setClosesAt(e.target.value)}
            required
          />
        </div>
      </div>
      <button type="submit" className="fr-btn" disabled={audience.length === 0}>
        Ouvrir la campagne
      </button>
      {message ? (
        <p className={message.ok ? 'fr-valid-text' : 'fr-error-text'} role="status">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}

function RulePatchForm({ version, onPatched }: { version: VersionDetail; onPatched: (id: number) => void }) {
  const [changes, setChanges] = useState<Record<string, { active?: boolean; severity?: Severity }>>({});
  const [message, setMessage] = useState<string | null>(null);
  const checks = version.rules.filter((r) => r.kind !== 'computed');
  const set = (id: string, change: { active?: boolean; severity?: Severity }) =>
    setChanges({ ...changes, [id]: { ...changes[id], ...change } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const patched = await consoleApi.patch(version.id, changes);
      setMessage(`Correctif ${patched.label} publié : ${patched.movedStatements} déclaration(s) en cours y passent.`);
      onPatched(patched.id);
    } catch (err) {
      setMessage(errorText(err));
    }
  };
  return (
    <form onSubmit={submit} className="fr-mb-4w" aria-labelledby="correctif-titre">
      <h3 className="fr-h5" id="correctif-titre">
        Correctif de règles en cours de campagne
      </h3>
      <p className="fr-text--sm">
        Désactivez une règle ou changez sa gravité sans nouvelle version : les déclarations en cours passent au correctif.
      </p>
      <div className="fr-table fr-table--sm">
        <table>
          <caption>Règles de la version</caption>
          <thead>
            <tr>
              <th scope="col">Règle</th>
              <th scope="col">Active</th>
              <th scope="col">Gravité</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.id}
                  {r.title ? ` — ${r.title}` : ''}
                </th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Règle ${r.id} active`}
                    checked={changes[r.id]?.active ?? r.active}
                    onChange={(e) => set(r.id, { active: e.target.checked })}
                  />
                </td>
                <td>
                  <select
                    className="fr-select"
                    aria-label={`Gravité de la règle ${r.id}`}
                    value={changes[r.id]?.severity ?? r.severity ?? 'blocking'}
                    onChange={(e) => set(r.id, { severity: e.target.value as Severity })}
                  >
                    {Object.entries(SEVERITY_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={Object.keys(changes).length === 0}>
        Publier le correctif
      </button>
      {message ? <p role="status">{message}</p> : null}
    </form>
  );
}

export function PublishPanel({ version, dirty, onChanged }: { version: VersionDetail; dirty: boolean; onChanged: (id: number) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const published = await consoleApi.publish(version.id);
      onChanged(published.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const base = `/api/consoles/versions/${version.id}`;
  return (
    <div data-testid="publish">
      {version.status === 'draft' ? (
        <div className="fr-mb-4w">
          <p>Une version publiée ne change plus : vérifiez l’aperçu, les différences et l’impact avant de publier.</p>
          {dirty ? <p className="fr-error-text">Enregistrez d’abord le brouillon : des modifications ne sont pas enregistrées.</p> : null}
          <button type="button" className="fr-btn" onClick={publish} disabled={busy || dirty}>
            Publier la version {version.label}
          </button>
          {error ? <p className="fr-error-text">{error}</p> : null}
        </div>
      ) : (
        <>
          <p className="fr-badge fr-badge--success fr-mb-2w">Publiée</p>
          <CampaignForm version={version} />
          <RulePatchForm version={version} onPatched={onChanged} />
          <h3 className="fr-h5">Téléchargements pour les éditeurs de logiciels</h3>
          <ul>
            <li>
              <a className="fr-link" href={`${base}/types.d.ts`} download>
                Types TypeScript des réponses (.d.ts)
              </a>
            </li>
            <li>
              <a className="fr-link" href={`${base}/schemas.json`} download>
                Schémas JSON des fiches (.json)
              </a>
            </li>
            <li>
              <a className="fr-link" href={`/api/forms/versions/${version.id}/package`} download>
                Paquet complet du formulaire (bundle JSON)
              </a>
            </li>
          </ul>
        </>
      )}
    </div>
  );
}
