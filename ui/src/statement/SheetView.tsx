/** One fiche: its fields, groups (fieldsets) and open tables, drawn from the sheet's plan. */
import { memo } from 'react';
import { LeafField } from './fields';
import { GridBlock, gridRuns } from './GridBlock';
import type { GroupPlan, ItemPlan, LeafPlan, SheetPlan } from './layout';
import type { StatementStore } from './store';
import { TableView } from './TableView';

export interface SheetViewProps {
  store: StatementStore;
  plan: SheetPlan;
  /** Previous exercice's values by stable field code. */
  previous?: Record<string, unknown>;
  readOnly: boolean;
}

export const SheetView = memo(function SheetView({ store, plan, previous, readOnly }: SheetViewProps) {
  if (plan.layout === 'grid') {
    const runs = gridRuns(plan.items, (item) => (item.kind === 'group' ? item.fields.map((f) => f.name).join(',') : null));
    return (
      <div className="hm-sheet" data-sheet={plan.id}>
        {runs.map((run) =>
          Array.isArray(run) ? (
            <GridBlock key={run[0].path} store={store} sheet={plan.id} groups={run as GroupPlan[]} readOnly={readOnly} />
          ) : (
            <Item key={run.path} store={store} sheet={plan.id} item={run} previous={previous} readOnly={readOnly} />
          ),
        )}
      </div>
    );
  }
  return (
    <div className="hm-sheet" data-sheet={plan.id}>
      {plan.items.map((item) => (
        <Item key={item.path} store={store} sheet={plan.id} item={item} previous={previous} readOnly={readOnly} />
      ))}
    </div>
  );
});

function Item({
  store,
  sheet,
  item,
  previous,
  readOnly,
}: {
  store: StatementStore;
  sheet: string;
  item: ItemPlan;
  previous?: Record<string, unknown>;
  readOnly: boolean;
}) {
  switch (item.kind) {
    case 'table':
      return <TableView store={store} sheet={sheet} table={item} readOnly={readOnly} />;
    case 'group':
      return <Group store={store} sheet={sheet} group={item} previous={previous} readOnly={readOnly} />;
    default:
      return (
        <div className="fr-mb-2w hm-field-wrap">
          <LeafField store={store} sheet={sheet} leaf={item} previous={previousOf(item, previous)} readOnly={readOnly} />
        </div>
      );
  }
}

function previousOf(leaf: LeafPlan, previous?: Record<string, unknown>): unknown {
  return leaf.code && previous ? previous[leaf.code] : undefined;
}

const Group = memo(function Group({
  store,
  sheet,
  group,
  previous,
  readOnly,
}: {
  store: StatementStore;
  sheet: string;
  group: GroupPlan;
  previous?: Record<string, unknown>;
  readOnly: boolean;
}) {
  const legendId = `g-${sheet}-${group.path}`;
  const wide = group.fields.length <= 4 ? 'fr-col-md-3' : 'fr-col-md-4';
  return (
    <fieldset className="fr-fieldset hm-group" aria-labelledby={legendId}>
      <legend className="fr-fieldset__legend" id={legendId}>
        {group.title}
        {group.hint ? <span className="fr-hint-text">{group.hint}</span> : null}
      </legend>
      {group.fields.map((f) => (
        <div className={`fr-fieldset__element fr-fieldset__element--inline hm-group__cell fr-col-12 ${wide}`} key={f.path}>
          <LeafField store={store} sheet={sheet} leaf={f} previous={previousOf(f, previous)} readOnly={readOnly} />
        </div>
      ))}
    </fieldset>
  );
});
