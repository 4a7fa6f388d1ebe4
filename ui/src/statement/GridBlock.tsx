/**
 * Consecutive groups with the same columns (bilan lines: brut, amortissements, net, net N-1) drawn
 * as one table: a row per line, a cell per field. Each cell is labelled « line — column » for
 * screen readers and subscribed to its own value, like every other field.
 */
import { memo, useCallback, useMemo } from 'react';
import { Messages, describedBy } from '../rjsf/primitives';
import { ROWS_PER_CHUNK, chunkItems } from './chunks';
import { renderInput } from './fields';
import { LazyChunk } from './LazyChunk';
import { useFieldState } from './hooks';
import { fieldDomId } from './keys';
import type { GroupPlan, LeafPlan } from './layout';
import type { StatementStore } from './store';

export const GridBlock = memo(function GridBlock({
  store,
  sheet,
  groups,
  readOnly,
  lazy,
}: {
  store: StatementStore;
  sheet: string;
  groups: GroupPlan[];
  readOnly: boolean;
  /** Large fiche: rows are mounted by slices near the viewport (decision 0601). */
  lazy: boolean;
}) {
  const columns = groups[0].fields;
  const titleId = `grid-${sheet}-${groups[0].path}`;
  // Rows are independent boxes (CSS grid), not one <table>: typing in a cell then lays out one row,
  // where a 250-row table would be laid out again as a whole on every key.
  const template = useMemo(
    () => ({ gridTemplateColumns: `minmax(12rem, 2fr) repeat(${columns.length}, minmax(8rem, 1fr))` }),
    [columns.length],
  );
  const chunks = useMemo(
    () => (lazy ? chunkItems(sheet, groups, (g) => g.fields, ROWS_PER_CHUNK * columns.length) : null),
    [lazy, sheet, groups, columns.length],
  );
  const row = (g: GroupPlan) => <GridRow key={g.path} store={store} sheet={sheet} group={g} readOnly={readOnly} template={template} />;
  return (
    <div className="hm-grid fr-mb-3w" role="group" aria-labelledby={titleId}>
      <p className="fr-sr-only" id={titleId}>
        Postes {groups[0].title} à {groups[groups.length - 1].title}
      </p>
      <div className="hm-grid__row hm-grid__head" style={template} aria-hidden="true">
        <div>Poste</div>
        {columns.map((c) => (
          <div key={c.name}>
            {c.title}
            {c.unit === 'EUR' ? ' (€)' : ''}
          </div>
        ))}
      </div>
      {chunks
        ? chunks.map((c, i) => (
            <LazyChunk
              key={c.items[0].path}
              store={store}
              sheet={sheet}
              keys={c.keys}
              paths={c.paths}
              eager={i === 0}
              estimateRem={c.items.length * GRID_ROW_REM}
              label={`Afficher les postes ${c.start + 1} à ${c.start + c.items.length} (${c.items[0].title} à ${c.items[c.items.length - 1].title})`}
            >
              {() => c.items.map(row)}
            </LazyChunk>
          ))
        : groups.map(row)}
    </div>
  );
});

/** Height of a grid row as drawn (one line of inputs and its borders), for placeholders. */
const GRID_ROW_REM = 3.6;

const GridRow = memo(function GridRow({
  store,
  sheet,
  group,
  readOnly,
  template,
}: {
  store: StatementStore;
  sheet: string;
  group: GroupPlan;
  readOnly: boolean;
  template: { gridTemplateColumns: string };
}) {
  return (
    <div className="hm-grid__row" style={template} data-group={group.path}>
      <div className="hm-grid__title">
        {group.title}
        {group.hint ? <span className="fr-hint-text">{group.hint}</span> : null}
      </div>
      {group.fields.map((f) => (
        <GridCell key={f.name} store={store} sheet={sheet} leaf={f} rowTitle={group.title} readOnly={readOnly} />
      ))}
    </div>
  );
});

const GridCell = memo(function GridCell({
  store,
  sheet,
  leaf,
  rowTitle,
  readOnly,
}: {
  store: StatementStore;
  sheet: string;
  leaf: LeafPlan;
  rowTitle: string;
  readOnly: boolean;
}) {
  const { value, messages } = useFieldState(store, sheet, leaf.path);
  const id = fieldDomId(sheet, leaf.path);
  const onValue = useCallback((v: unknown) => store.setValue(sheet, leaf.path, undefined, v), [store, sheet, leaf.path]);
  const onInputError = useCallback((m: string | null) => store.setInputError(sheet, leaf.path, undefined, m), [store, sheet, leaf.path]);
  const invalid = messages.some((m) => m.severity === 'blocking' || m.severity === 'input');
  return (
    <div className={`hm-grid__cell${messages.length ? ' hm-cell--flagged' : ''}`} data-field-id={id}>
      <label className="fr-sr-only" htmlFor={id}>
        {rowTitle} — {leaf.title}
        {leaf.readOnly ? ' (calculé)' : ''}
      </label>
      {renderInput(leaf, id, value, readOnly, invalid, describedBy(id, false, messages.length > 0), onValue, onInputError)}
      {messages.length ? <Messages id={id} messages={messages} /> : null}
    </div>
  );
});

/** Splits a sheet's items into runs: consecutive groups with identical columns become one grid. */
export function gridRuns<T extends { kind: string }>(items: T[], columnsOf: (item: T) => string | null): Array<T | T[]> {
  const out: Array<T | T[]> = [];
  let run: T[] = [];
  let sig: string | null = null;
  const flush = () => {
    if (run.length) out.push(run);
    run = [];
    sig = null;
  };
  for (const item of items) {
    const s = columnsOf(item);
    if (s === null) {
      flush();
      out.push(item);
    } else {
      if (sig !== null && s !== sig) flush();
      run.push(item);
      sig = s;
    }
  }
  flush();
  return out;
}
