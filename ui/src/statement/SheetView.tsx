/** One fiche: its fields, groups (fieldsets) and open tables, drawn from the sheet's plan. */
import { memo, useMemo } from 'react';
import { FIELDS_PER_CHUNK, LAZY_FROM, chunkItems, type Chunk } from './chunks';
import { LeafField } from './fields';
import { GridBlock, gridRuns } from './GridBlock';
import type { GroupPlan, ItemPlan, LeafPlan, SheetPlan, TablePlan } from './layout';
import type { StatementStore } from './store';
import { TableView } from './TableView';
import { LazyChunk } from './LazyChunk';

export interface SheetViewProps {
  store: StatementStore;
  plan: SheetPlan;
  /** Previous exercice's values by stable field code. */
  previous?: Record<string, unknown>;
  readOnly: boolean;
}

export const SheetView = memo(function SheetView({ store, plan, previous, readOnly }: SheetViewProps) {
  // Large fiches are mounted by slices near the viewport (decision 0601); the others whole.
  const lazy = plan.leaves.length >= LAZY_FROM;
  const runs = useMemo(
    () =>
      plan.layout === 'grid'
        ? gridRuns(plan.items, (item) => (item.kind === 'group' ? item.fields.map((f) => f.name).join(',') : null))
        : plan.items,
    [plan],
  );
  const slices = useMemo(() => (lazy ? sliceRuns(plan.id, runs) : null), [lazy, plan.id, runs]);
  const draw = (run: ItemPlan | ItemPlan[]) =>
    Array.isArray(run) ? (
      <GridBlock key={run[0].path} store={store} sheet={plan.id} groups={run as GroupPlan[]} readOnly={readOnly} lazy={lazy} />
    ) : (
      <Item key={run.path} store={store} sheet={plan.id} item={run} previous={previous} readOnly={readOnly} />
    );
  if (!slices) {
    return (
      <div className="hm-sheet" data-sheet={plan.id}>
        {runs.map(draw)}
      </div>
    );
  }
  return (
    <div className="hm-sheet" data-sheet={plan.id}>
      {slices.map((slice, i) =>
        'chunk' in slice ? (
          <LazyChunk
            key={slice.chunk.items[0].path}
            store={store}
            sheet={plan.id}
            keys={slice.chunk.keys}
            paths={slice.chunk.paths}
            eager={i === 0}
            estimateRem={slice.chunk.keys.length * FIELD_REM}
            label={`Afficher les champs ${slice.chunk.items[0].title} à ${slice.chunk.items[slice.chunk.items.length - 1].title}`}
          >
            {() => slice.chunk.items.map(draw)}
          </LazyChunk>
        ) : 'table' in slice ? (
          <LazyChunk
            key={slice.table.path}
            store={store}
            sheet={plan.id}
            keys={NO_KEYS}
            paths={slice.paths}
            eager={i === 0}
            keepOnceMounted
            estimateRem={TABLE_REM}
            label={`Afficher le tableau ${slice.table.title}`}
          >
            {() => draw(slice.table)}
          </LazyChunk>
        ) : (
          draw(slice.run)
        ),
      )}
    </div>
  );
});

/** Height of a field with its label as drawn, for placeholders (fieldsets hold several per line). */
const FIELD_REM = 3;
/** Height of an open table's page (25 rows, totals, pager, paste area), for its placeholder. */
const TABLE_REM = 100;
const NO_KEYS: readonly string[] = [];

type Slice = { chunk: Chunk<LeafPlan | GroupPlan> } | { run: ItemPlan | ItemPlan[] } | { table: TablePlan; paths: Set<string> };

/**
 * Fields and fieldsets in slices of about FIELDS_PER_CHUNK fields; grids (which slice their own
 * rows) and open tables (paginated) are drawn as they are.
 */
function sliceRuns(sheet: string, runs: Array<ItemPlan | ItemPlan[]>): Slice[] {
  const out: Slice[] = [];
  let pending: Array<LeafPlan | GroupPlan> = [];
  const flush = () => {
    for (const chunk of chunkItems(sheet, pending, (i) => (i.kind === 'group' ? i.fields : [i]), FIELDS_PER_CHUNK)) out.push({ chunk });
    pending = [];
  };
  for (const run of runs) {
    if (Array.isArray(run)) {
      flush();
      out.push({ run });
    } else if (run.kind === 'table') {
      flush();
      out.push({ table: run, paths: new Set(run.columns.map((c) => c.path)) });
    } else pending.push(run);
  }
  flush();
  return out;
}

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
