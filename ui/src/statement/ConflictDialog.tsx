/**
 * Someone else saved the same sheet meanwhile: every field where the two versions differ is
 * listed with both values, and the user picks one per field. The merged sheet is then saved on
 * top of the other person's revision: nothing is lost either way.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatWithUnit } from '../format/number';
import type { LeafPlan, SheetPlan } from './layout';
import { readPath, writePath } from './layout';

type Json = Record<string, unknown>;

export interface Difference {
  id: string;
  label: string;
  leaf: LeafPlan;
  row?: number;
  mine: unknown;
  theirs: unknown;
}

function same(a: unknown, b: unknown) {
  return (a ?? null) === (b ?? null) || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function differences(plan: SheetPlan, mine: Json, theirs: Json): Difference[] {
  const out: Difference[] = [];
  for (const item of plan.items) {
    if (item.kind === 'table') {
      const a = (Array.isArray(mine[item.path]) ? mine[item.path] : []) as Json[];
      const b = (Array.isArray(theirs[item.path]) ? theirs[item.path] : []) as Json[];
      for (let r = 0; r < Math.max(a.length, b.length); r++) {
        for (const col of item.columns) {
          if (col.readOnly) continue;
          const x = a[r]?.[col.name];
          const y = b[r]?.[col.name];
          if (!same(x, y))
            out.push({
              id: `${col.path}#${r}`,
              label: `${item.title}, ligne ${r + 1} — ${col.title}`,
              leaf: col,
              row: r,
              mine: x,
              theirs: y,
            });
        }
      }
    } else {
      const leaves = item.kind === 'group' ? item.fields : [item];
      for (const leaf of leaves) {
        if (leaf.readOnly) continue;
        const x = readPath(mine, leaf.path);
        const y = readPath(theirs, leaf.path);
        if (!same(x, y))
          out.push({
            id: leaf.path,
            label: item.kind === 'group' ? `${item.title} — ${leaf.title}` : leaf.title,
            leaf,
            mine: x,
            theirs: y,
          });
      }
    }
  }
  return out;
}

/** The other person's sheet with the user's value wherever they chose theirs-not. */
export function merge(plan: SheetPlan, mine: Json, theirs: Json, keepMine: Set<string>): Json {
  const merged = structuredClone(theirs);
  for (const d of differences(plan, mine, theirs)) {
    if (!keepMine.has(d.id)) continue;
    if (d.row === undefined) writePath(merged, d.leaf.path, d.mine);
    else {
      const table = d.leaf.path.slice(0, d.leaf.path.indexOf('.'));
      const rows = (Array.isArray(merged[table]) ? merged[table] : (merged[table] = [])) as Json[];
      while (rows.length <= d.row) rows.push({});
      if (d.mine === undefined || d.mine === null) delete rows[d.row][d.leaf.name];
      else rows[d.row][d.leaf.name] = d.mine;
    }
  }
  return merged;
}

function show(v: unknown, leaf: LeafPlan): string {
  if (v === undefined || v === null || v === '') return '(vide)';
  if (leaf.type === 'number' || leaf.type === 'integer') return formatWithUnit(v, leaf.unit);
  if (typeof v === 'boolean') return v ? 'Oui' : 'Non';
  const choice = leaf.choices?.find((c) => c.value === v);
  return choice ? choice.label : String(v);
}

export function ConflictDialog({
  plan,
  mine,
  theirs,
  theirsBy,
  typed,
  onResolve,
}: {
  plan: SheetPlan;
  mine: Json;
  theirs: Json;
  theirsBy?: string;
  /** Fields the user typed in (`path` or `path#row`): their own value is proposed there, the other person's elsewhere. */
  typed: Set<string>;
  onResolve: (merged: Json) => void;
}) {
  const diffs = useMemo(() => differences(plan, mine, theirs), [plan, mine, theirs]);
  const [keepMine, setKeepMine] = useState<Set<string>>(() => new Set(diffs.filter((d) => typed.has(d.id)).map((d) => d.id)));
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const toggle = (id: string, mineChosen: boolean) =>
    setKeepMine((prev) => {
      const next = new Set(prev);
      if (mineChosen) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <dialog ref={ref} className="hm-dialog" aria-labelledby="conflit-titre" onCancel={(e) => e.preventDefault()}>
      <div className="fr-container fr-container--fluid">
        <h2 id="conflit-titre" className="fr-h4">
          Fiche {plan.id} modifiée par {theirsBy ?? 'une autre personne'} entre-temps
        </h2>
        <p>
          Pour chaque valeur qui diffère, choisissez la version à garder. Votre saisie est proposée pour les champs que vous avez modifiés,
          la version enregistrée pour les autres. Rien n’est perdu : la version non retenue reste dans l’historique des révisions.
        </p>
        {diffs.length === 0 ? <p>Les deux versions sont identiques pour les champs saisis.</p> : null}
        <div className="hm-conflict-list">
          {diffs.map((d) => (
            <fieldset className="fr-fieldset" key={d.id} aria-labelledby={`c-${d.id}`} data-conflict-field={d.id}>
              <legend className="fr-fieldset__legend fr-text--regular" id={`c-${d.id}`}>
                {d.label}
              </legend>
              <div className="fr-fieldset__element fr-fieldset__element--inline">
                <div className="fr-radio-group">
                  <input
                    type="radio"
                    id={`c-${d.id}-mine`}
                    name={`c-${d.id}`}
                    checked={keepMine.has(d.id)}
                    onChange={() => toggle(d.id, true)}
                  />
                  <label className="fr-label" htmlFor={`c-${d.id}-mine`}>
                    Ma saisie : {show(d.mine, d.leaf)}
                  </label>
                </div>
              </div>
              <div className="fr-fieldset__element fr-fieldset__element--inline">
                <div className="fr-radio-group">
                  <input
                    type="radio"
                    id={`c-${d.id}-theirs`}
                    name={`c-${d.id}`}
                    checked={!keepMine.has(d.id)}
                    onChange={() => toggle(d.id, false)}
                  />
                  <label className="fr-label" htmlFor={`c-${d.id}-theirs`}>
                    Version enregistrée : {show(d.theirs, d.leaf)}
                  </label>
                </div>
              </div>
            </fieldset>
          ))}
        </div>
        <ul className="fr-btns-group fr-btns-group--inline fr-mt-2w">
          <li>
            <button
              type="button"
              className="fr-btn"
              onClick={() => {
                ref.current?.close();
                onResolve(merge(plan, mine, theirs, keepMine));
              }}
            >
              Enregistrer ces choix
            </button>
          </li>
          <li>
            <button type="button" className="fr-btn fr-btn--secondary" onClick={() => setKeepMine(new Set(diffs.map((d) => d.id)))}>
              Tout garder de ma saisie
            </button>
          </li>
          <li>
            <button type="button" className="fr-btn fr-btn--secondary" onClick={() => setKeepMine(new Set())}>
              Tout prendre de la version enregistrée
            </button>
          </li>
        </ul>
      </div>
    </dialog>
  );
}
