/** Recipient préfectures: several may be chosen; the siège's département is always one of them. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { Prefecture } from '../api/types';

export function PrefecturesSection({
  statementId,
  selected,
  siegeDepartement,
  stockDepartements,
  readOnly,
  onSaved,
}: {
  statementId: string;
  selected: string[];
  siegeDepartement?: string;
  stockDepartements: string[];
  readOnly: boolean;
  onSaved: (chosen: string[]) => void;
}) {
  const [all, setAll] = useState<Prefecture[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set([...selected, ...(siegeDepartement ? [siegeDepartement] : [])]));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    api.prefectures().then(setAll, () => setAll([]));
  }, []);

  const sorted = (all ?? []).slice().sort((a, b) => {
    const rank = (p: Prefecture) => (p.departement === siegeDepartement ? 0 : stockDepartements.includes(p.departement) ? 1 : 2);
    return rank(a) - rank(b) || a.departement.localeCompare(b.departement);
  });
  const shown = sorted.filter(
    (p) => !filter || `${p.departement} ${p.name}`.toLowerCase().includes(filter.toLowerCase()) || chosen.has(p.departement),
  );

  async function save() {
    const list = [...chosen];
    try {
      await api.savePrefectures(statementId, list);
      onSaved(list);
      setStatus({ ok: true, text: `Destinataires enregistrés : ${list.length} préfecture${list.length > 1 ? 's' : ''}.` });
    } catch (err) {
      setStatus({ ok: false, text: err instanceof ApiError ? err.message : 'L’enregistrement a échoué.' });
    }
  }

  return (
    <section aria-labelledby="pref-titre">
      <h2 id="pref-titre" className="fr-h4">
        Préfectures destinataires
      </h2>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="pref-filtre">
          Filtrer les départements
        </label>
        <input id="pref-filtre" className="fr-input" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <fieldset className="fr-fieldset" aria-labelledby="pref-legend">
        <legend className="fr-fieldset__legend" id="pref-legend">
          Préfectures qui recevront la déclaration
          <span className="fr-hint-text">La préfecture du département du siège est toujours destinataire.</span>
        </legend>
        {all === null ? <p role="status">Chargement…</p> : null}
        {shown.map((p) => {
          const locked = p.departement === siegeDepartement;
          const id = `pref-${p.departement}`;
          return (
            <div className="fr-fieldset__element" key={p.departement}>
              <div className="fr-checkbox-group">
                <input
                  type="checkbox"
                  id={id}
                  checked={chosen.has(p.departement)}
                  disabled={locked || readOnly}
                  onChange={(e) =>
                    setChosen((prev) => {
                      const next = new Set(prev);
                      if (e.target.checked) next.add(p.departement);
                      else next.delete(p.departement);
                      return next;
                    })
                  }
                />
                <label className="fr-label" htmlFor={id}>
                  {p.name} ({p.departement})
                  {locked ? ' — siège, toujours destinataire' : stockDepartements.includes(p.departement) ? ' — patrimoine' : ''}
                </label>
              </div>
            </div>
          );
        })}
      </fieldset>
      {readOnly ? null : (
        <button type="button" className="fr-btn" onClick={() => void save()}>
          Enregistrer les destinataires
        </button>
      )}
      {status ? (
        <p className={`fr-message ${status.ok ? 'fr-message--valid' : 'fr-message--error'}`} role="status">
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
