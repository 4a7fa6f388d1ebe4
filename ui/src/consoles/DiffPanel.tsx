/** What changed since the previous version, in sentences, grouped, with what may break existing statements. */
import { useEffect, useState } from 'react';
import type { PackageChange } from '../../../engine';
import { consoleApi, type VersionSummary } from './api';
import { changeGroup, errorText } from './labels';

export function DiffPanel({ versionId }: { versionId: number }) {
  const [diff, setDiff] = useState<{ from: VersionSummary | null; changes: PackageChange[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    consoleApi.diff(versionId).then(setDiff, (e) => setError(errorText(e)));
  }, [versionId]);
  if (error) return <p className="fr-error-text">{error}</p>;
  if (!diff) return <p role="status">Comparaison en cours…</p>;
  if (!diff.from) return <p>Cette version ne suit aucune version publiée : il n’y a rien à comparer.</p>;
  const groups = new Map<string, PackageChange[]>();
  for (const c of diff.changes) groups.set(changeGroup(c.kind), [...(groups.get(changeGroup(c.kind)) ?? []), c]);
  const breaking = diff.changes.filter((c) => c.breaking).length;
  return (
    <div data-testid="diff">
      <p>
        Comparaison avec la version {diff.from.label} ({diff.from.exercice}) : {diff.changes.length} changement
        {diff.changes.length > 1 ? 's' : ''}
        {breaking
          ? `, dont ${breaking} qui peu${breaking > 1 ? 'vent' : 't'} rendre des déclarations non transmissibles ou perdre des réponses`
          : ''}
        .
      </p>
      {[...groups.entries()].map(([group, changes]) => (
        <section key={group} className="fr-mb-3w">
          <h3 className="fr-h6">
            {group} ({changes.length})
          </h3>
          <ul>
            {changes.map((c, i) => (
              <li key={i}>
                {c.breaking ? <span className="fr-badge fr-badge--sm fr-badge--warning fr-mr-1w">Attention</span> : null}
                {c.description}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
