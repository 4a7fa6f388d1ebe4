/**
 * An open table (loans, subsidiaries): paginated rows, each row memoised and each cell subscribed
 * to its own value, so typing re-renders one cell; add, remove, paste from a spreadsheet; a totals
 * row for the numeric columns.
 */
import { memo, useCallback, useEffect, useState } from 'react';
import { formatWithUnit } from '../format/number';
import { Messages, describedBy } from '../rjsf/primitives';
import { renderInput } from './fields';
import { exactSum } from './exactSum';
import { onFocusRequest, pendingFocus } from './focus';
import { useFieldState, useKeyVersion } from './hooks';
import { fieldDomId } from './keys';
import type { LeafPlan, TablePlan } from './layout';
import { parsePastedRows } from './paste';
import type { StatementStore } from './store';

export const PAGE_SIZE = 25;

interface TableProps {
  store: StatementStore;
  sheet: string;
  table: TablePlan;
  readOnly: boolean;
}

export function TableView({ store, sheet, table, readOnly }: TableProps) {
  useKeyVersion(store, `table:${sheet}:${table.path}`);
  const rows = store.rows(sheet, table.path);
  // Mounted by a focus request (a large fiche's table, decision 0601): open at the requested row's page.
  const [page, setPage] = useState(() => {
    const t = pendingFocus();
    return t && t.sheet === sheet && t.row !== undefined && t.path.startsWith(table.path + '.') ? Math.floor(t.row / PAGE_SIZE) : 0;
  });
  const [pasteText, setPasteText] = useState('');
  const [pasteErrors, setPasteErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState('');
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const editable = table.columns.filter((c) => !c.readOnly);
  const captionId = `t-${sheet}-${table.path}-caption`;

  useEffect(
    () =>
      onFocusRequest((t) => {
        if (t.sheet === sheet && t.row !== undefined && t.path.startsWith(table.path + '.')) setPage(Math.floor(t.row / PAGE_SIZE));
      }),
    [sheet, table.path],
  );

  const addPasted = useCallback(
    (text: string, at?: { row: number; col: number }) => {
      const cols = at ? editable.slice(at.col) : editable;
      const { rows: parsed, errors } = parsePastedRows(text, cols);
      setPasteErrors(errors);
      if (!parsed.length) return;
      const all = store.rows(sheet, table.path);
      const start = at ? at.row : all.length;
      const added: Array<Record<string, unknown>> = [];
      parsed.forEach((r, i) => {
        const target = all[start + i];
        if (target) Object.assign(target, r);
        else added.push(r);
      });
      store.addRows(sheet, table.path, added);
      setNotice(
        `${parsed.length} ligne${parsed.length > 1 ? 's' : ''} collée${parsed.length > 1 ? 's' : ''}${errors.length ? `, ${errors.length} valeur(s) non lue(s)` : ''}.`,
      );
      setPage(Math.floor((start + parsed.length - 1) / PAGE_SIZE));
    },
    [editable, sheet, store, table.path],
  );

  const onPaste = (e: React.ClipboardEvent) => {
    const text = e.clipboardData.getData('text/plain');
    if (readOnly || !/[\t\n]/.test(text.trim())) return; // a single value: let the input take it
    const cell = (e.target as HTMLElement).closest('[data-row]') as HTMLElement | null;
    e.preventDefault();
    const colName = cell?.dataset.col;
    const colIndex = colName ? editable.findIndex((c) => c.name === colName) : -1;
    addPasted(text, cell && colIndex >= 0 ? { row: Number(cell.dataset.row), col: colIndex } : undefined);
  };

  return (
    <section className="hm-table fr-mb-4w" aria-labelledby={captionId}>
      <h3 className="fr-h5" id={captionId}>
        {table.title}
      </h3>
      {table.hint ? <p className="fr-hint-text">{table.hint}</p> : null}
      <p className="fr-text--sm" aria-live="polite">
        {rows.length} ligne{rows.length > 1 ? 's' : ''}
        {pages > 1 ? ` — page ${current + 1} sur ${pages}` : ''}
        {notice ? ` — ${notice}` : ''}
      </p>
      <div className="fr-table fr-table--no-caption fr-table--bordered hm-table__wrap">
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table
                onPaste={onPaste}
                aria-labelledby={captionId}
                style={{ minWidth: `${4 + table.columns.length * 10 + (readOnly ? 0 : 8)}rem` }}
              >
                <colgroup>
                  <col style={{ width: '4rem' }} />
                  {table.columns.map((c) => (
                    <col key={c.name} />
                  ))}
                  {readOnly ? null : <col style={{ width: '8rem' }} />}
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">N°</th>
                    {table.columns.map((c) => (
                      <th scope="col" key={c.name}>
                        {c.title}
                        {c.unit ? ` (${c.unit === 'EUR' ? '€' : c.unit})` : ''}
                      </th>
                    ))}
                    {readOnly ? null : (
                      <th scope="col">
                        <span className="fr-sr-only">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((_, i) => {
                    const index = current * PAGE_SIZE + i;
                    return <Row key={index} store={store} sheet={sheet} table={table} index={index} readOnly={readOnly} />;
                  })}
                </tbody>
                <TotalsRow store={store} sheet={sheet} table={table} readOnly={readOnly} />
              </table>
            </div>
          </div>
        </div>
      </div>
      {pages > 1 ? <Pager page={current} pages={pages} onPage={setPage} label={table.title} /> : null}
      {readOnly ? null : (
        <div className="fr-grid-row fr-grid-row--gutters fr-mt-1w">
          <div className="fr-col-12 fr-col-md-4">
            <button
              type="button"
              className="fr-btn fr-btn--secondary fr-btn--sm"
              onClick={() => {
                store.addRows(sheet, table.path, [{}]);
                setPage(Math.floor(rows.length / PAGE_SIZE));
                setNotice('Ligne ajoutée.');
              }}
            >
              Ajouter une ligne
            </button>
          </div>
          <div className="fr-col-12 fr-col-md-8">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor={`paste-${sheet}-${table.path}`}>
                Coller des lignes depuis un tableur
                <span className="fr-hint-text">
                  Colonnes dans l’ordre : {editable.map((c) => c.title).join(', ')}. Séparateur tabulation, décimales à la virgule.
                </span>
              </label>
              <textarea
                id={`paste-${sheet}-${table.path}`}
                className="fr-input"
                rows={2}
                value={pasteText}
                onChange={(e) => setPasteText(e.target.value)}
              />
            </div>
            <button
              type="button"
              className="fr-btn fr-btn--tertiary fr-btn--sm"
              disabled={!pasteText.trim()}
              onClick={() => {
                addPasted(pasteText);
                setPasteText('');
              }}
            >
              Ajouter les lignes collées
            </button>
          </div>
        </div>
      )}
      {pasteErrors.length ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mt-1w" role="alert">
          <p>Certaines valeurs collées n’ont pas pu être lues :</p>
          <ul>
            {pasteErrors.slice(0, 20).map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

const Row = memo(function Row({
  store,
  sheet,
  table,
  index,
  readOnly,
}: {
  store: StatementStore;
  sheet: string;
  table: TablePlan;
  index: number;
  readOnly: boolean;
}) {
  return (
    <tr>
      <th scope="row">{index + 1}</th>
      {table.columns.map((c) => (
        <Cell key={c.name} store={store} sheet={sheet} column={c} row={index} readOnly={readOnly} />
      ))}
      {readOnly ? null : (
        <td>
          <button
            type="button"
            className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
            onClick={() => store.removeRow(sheet, table.path, index)}
          >
            Supprimer<span className="fr-sr-only"> la ligne {index + 1}</span>
          </button>
        </td>
      )}
    </tr>
  );
});

const Cell = memo(function Cell({
  store,
  sheet,
  column,
  row,
  readOnly,
}: {
  store: StatementStore;
  sheet: string;
  column: LeafPlan;
  row: number;
  readOnly: boolean;
}) {
  const { value, messages } = useFieldState(store, sheet, column.path, row);
  const id = fieldDomId(sheet, column.path, row);
  const onValue = useCallback((v: unknown) => store.setValue(sheet, column.path, row, v), [store, sheet, column.path, row]);
  const onInputError = useCallback((m: string | null) => store.setInputError(sheet, column.path, row, m), [store, sheet, column.path, row]);
  const invalid = messages.some((m) => m.severity === 'blocking' || m.severity === 'input');
  return (
    <td data-row={row} data-col={column.name} className={messages.length ? 'hm-cell--flagged' : undefined}>
      <label className="fr-sr-only" htmlFor={id}>
        {column.title}, ligne {row + 1}
      </label>
      {renderInput(column, id, value, readOnly, invalid, describedBy(id, false, messages.length > 0), onValue, onInputError)}
      {messages.length ? <Messages id={id} messages={messages} /> : null}
    </td>
  );
});

function TotalsRow({ store, sheet, table, readOnly }: { store: StatementStore; sheet: string; table: TablePlan; readOnly: boolean }) {
  useKeyVersion(store, `cells:${sheet}:${table.path}`);
  const count = store.rows(sheet, table.path).length;
  const numeric = table.columns.some((c) => c.type === 'number' || c.type === 'integer');
  if (!numeric) return null;
  return (
    <tfoot>
      <tr className="hm-table__totals">
        <th scope="row">Total</th>
        {table.columns.map((c) => {
          if (c.type !== 'number' && c.type !== 'integer') return <td key={c.name} />;
          const values: unknown[] = [];
          for (let r = 0; r < count; r++) values.push(store.value(sheet, c.path, r));
          return (
            <td key={c.name} className="hm-num" data-total={c.name}>
              {formatWithUnit(exactSum(values), c.unit)}
            </td>
          );
        })}
        {readOnly ? null : <td />}
      </tr>
    </tfoot>
  );
}

function Pager({ page, pages, onPage, label }: { page: number; pages: number; onPage: (p: number) => void; label: string }) {
  const around = [...new Set([0, page - 1, page, page + 1, pages - 1])].filter((p) => p >= 0 && p < pages).sort((a, b) => a - b);
  return (
    <nav role="navigation" className="fr-pagination fr-mt-1w" aria-label={`Pages du tableau ${label}`}>
      <ul className="fr-pagination__list">
        <li>
          <button
            type="button"
            className="fr-pagination__link fr-pagination__link--prev"
            disabled={page === 0}
            onClick={() => onPage(page - 1)}
          >
            Page précédente
          </button>
        </li>
        {around.map((p) => (
          <li key={p}>
            <button
              type="button"
              className="fr-pagination__link"
              aria-current={p === page ? 'page' : undefined}
              title={`Page ${p + 1}`}
              onClick={() => onPage(p)}
            >
              {p + 1}
            </button>
          </li>
        ))}
        <li>
          <button
            type="button"
            className="fr-pagination__link fr-pagination__link--next"
            disabled={page === pages - 1}
            onClick={() => onPage(page + 1)}
          >
            Page suivante
          </button>
        </li>
      </ul>
    </nav>
  );
}
