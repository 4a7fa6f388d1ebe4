import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LONG_COLUMNS, STATEMENT_COLUMNS, statementCells, wideKey, type ExportedStatement, type StatementPages } from './export-model';

type Layout = { columns: string[]; rows(statement: ExportedStatement): Array<Array<string | number | boolean | null>> };

export function longXlsx(pages: StatementPages): Readable {
  return xlsx(pages, {
    columns: LONG_COLUMNS,
    rows: (statement) => statement.facts.map((fact) => [...statementCells(statement), fact.sheet, fact.code, fact.row, fact.value]),
  });
}

export function wideXlsx(columns: string[], pages: StatementPages): Readable {
  return xlsx(pages, {
    columns: [...STATEMENT_COLUMNS, ...columns],
    rows(statement) {
      const values = new Map(statement.facts.map((fact) => [wideKey(fact.code, fact.row), fact.value]));
      return [[...statementCells(statement), ...columns.map((column) => values.get(column) ?? null)]];
    },
  });
}

/**
 * Streams a workbook with exceljs's streaming writer: rows are committed (and leave memory) as
 * they are written, and the next page is fetched only once the output has drained.
 */
function xlsx(pages: StatementPages, layout: Layout): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('export');
  void (async () => {
    try {
      sheet.addRow(layout.columns).commit();
      for await (const page of pages) {
        for (const statement of page) for (const row of layout.rows(statement)) sheet.addRow(row).commit();
        if (out.destroyed) return;
        if (out.writableNeedDrain) await drainedOrClosed(out);
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** Waits for the consumer to catch up; a closed response (client gone) also ends the wait. */
function drainedOrClosed(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}
