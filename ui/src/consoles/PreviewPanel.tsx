/**
 * The form exactly as an organisation will see it, from the files being edited (saved or not):
 * the statement workspace's own sheet view and control panel, on answers the editor types here.
 */
import { useMemo, useState } from 'react';
import type { EvaluationContext, OrganisationKind, PackageFiles } from '../../../engine';
import { ControlPanel } from '../statement/ControlPanel';
import { BrowserEngine, compileForm } from '../statement/engineSession';
import { planSheet } from '../statement/layout';
import { SheetView } from '../statement/SheetView';
import { SideNav } from '../statement/SideNav';
import { StatementStore } from '../statement/store';

const KINDS: OrganisationKind[] = ['OPH', 'ESH', 'COOP', 'SEM', 'MOI', 'SC'];

function build(files: PackageFiles, dependencies: Record<string, PackageFiles>, kind: OrganisationKind) {
  const form = compileForm({ files, dependencies });
  const context: EvaluationContext = {
    organisation: { siren: '000000000', name: 'Organisme d’essai', kind, departement: '75', departements: ['75'] },
    campaign: { exercice: form.package.manifest.exercice },
    attachments: {},
  };
  const engine = new BrowserEngine(form, {}, context);
  const store = new StatementStore({}, {}, engine);
  engine.sheetSource = (s) => store.sheetData(s);
  const plans = form.package.sheets.map((s) => planSheet(s.id, s.title, s.schema, s.ui));
  return { form, store, plans };
}

export function PreviewPanel({
  files,
  dependencies,
  ok,
}: {
  files: PackageFiles;
  dependencies: Record<string, PackageFiles>;
  ok: boolean;
}) {
  const audience = useMemo(() => {
    try {
      return (JSON.parse(files['manifest.json'] ?? '{}') as { audience?: OrganisationKind[] }).audience ?? KINDS;
    } catch {
      return KINDS;
    }
  }, [files]);
  const [kind, setKind] = useState<OrganisationKind>(audience[0] ?? 'OPH');
  const [active, setActive] = useState<string | null>(null);
  // Rebuilt only when the content changes: a late answer of the package check carries equal
  // dependencies in a new object, and must not wipe the sample answers being typed.
  const signature = useMemo(() => JSON.stringify([files, dependencies]), [files, dependencies]);
  const built = useMemo(() => {
    if (!ok) return { error: 'Corrigez les erreurs du paquet pour voir l’aperçu.' } as const;
    try {
      const [f, d] = JSON.parse(signature) as [PackageFiles, Record<string, PackageFiles>];
      return { value: build(f, d, kind) } as const;
    } catch (err) {
      return { error: err instanceof Error ? err.message : 'Aperçu impossible.' } as const;
    }
  }, [signature, kind, ok]);

  if ('error' in built) {
    return (
      <div className="fr-alert fr-alert--warning fr-alert--sm">
        <p>{built.error}</p>
      </div>
    );
  }
  const { store, plans } = built.value!;
  const plan = plans.find((p) => p.id === active) ?? plans[0];
  const titles = Object.fromEntries(plans.map((p) => [p.id, p.title]));
  return (
    <div data-testid="preview">
      <p className="fr-text--sm">
        Aperçu du formulaire tel que les organismes le verront. Saisissez des réponses d’exemple : les contrôles s’exécutent comme dans une
        vraie déclaration (rien n’est enregistré).
      </p>
      <div className="fr-select-group fr-mb-2w hm-narrow">
        <label className="fr-label" htmlFor="apercu-famille">
          Famille de l’organisme d’essai
        </label>
        <select id="apercu-famille" className="fr-select" value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
          {audience.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <SideNav store={store} sheets={plans.map((p) => ({ id: p.id, title: p.title }))} active={plan.id} onSelect={setActive} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <h3 className="fr-h5">
            {plan.id} — {plan.title}
          </h3>
          <SheetView key={`${plan.id}-${kind}`} store={store} plan={plan} readOnly={false} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <ControlPanel store={store} sheetTitles={titles} onGoToSheet={setActive} readOnly={false} />
        </div>
      </div>
    </div>
  );
}
