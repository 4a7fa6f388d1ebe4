/** The "Liste de travail" selector shared by the follow-up and the inbox: none, or one of the authority's lists. */
import type { WorkListSummary } from './api';

export function WorkListSelect({
  lists,
  value,
  onChange,
  hint,
}: {
  lists: WorkListSummary[] | null;
  value: number | undefined;
  onChange: (workList: number | undefined) => void;
  /** What the list narrows on this page. */
  hint: string;
}) {
  if (!lists || lists.length === 0) return null;
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor="liste-travail">
        Liste de travail
        <span className="fr-hint-text">{hint}</span>
      </label>
      <select
        id="liste-travail"
        className="fr-select"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}
      >
        <option value="">Aucune : tous les organismes de mon périmètre</option>
        {lists.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({l.size})
          </option>
        ))}
      </select>
    </div>
  );
}
