import { Readable } from 'node:stream';
import { LONG_COLUMNS, STATEMENT_COLUMNS, statementCells, wideKey, type StatementPages } from './export-model';

const BOM = '\uFEFF';

/** A CSV field for French spreadsheets: `;` separated, decimal comma, quoted when needed. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  // A text starting like a formula would be run by the spreadsheet (CSV injection): neutralise it.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: Array<string | number | boolean | null | undefined>) => `${cells.map(csvField).join(';')}\r\n`;

/** Long layout: one line per fact. Pulled page by page, so memory stays bounded by one page. */
export function longCsv(pages: StatementPages): Readable {
  return Readable.from(
    (async function* lines() {
      yield BOM + csvLine(LONG_COLUMNS);
      for await (const page of pages) {
        let chunk = '';
        for (const statement of page) {
          const head = statementCells(statement);
          for (const fact of statement.facts) chunk += csvLine([...head, fact.sheet, fact.code, fact.row, fact.value]);
        }
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
}

/** Wide layout: one line per organisation, one column per stable code (`CODE#n` for table rows). */
export function wideCsv(columns: string[], pages: StatementPages): Readable {
  return Readable.from(
    (async function* lines() {
      yield BOM + csvLine([...STATEMENT_COLUMNS, ...columns]);
      for await (const page of pages) {
        let chunk = '';
        for (const statement of page) {
          const values = new Map(statement.facts.map((fact) => [wideKey(fact.code, fact.row), fact.value]));
          chunk += csvLine([...statementCells(statement), ...columns.map((column) => values.get(column))]);
        }
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
}
