/**
 * Rows pasted from a spreadsheet: tab-separated columns, one row per line, French decimals.
 * Each value is read with the column's type; what cannot be read is reported by line and column.
 */
import { parseNumber } from '../format/number';
import type { LeafPlan } from './layout';

export interface PasteResult {
  rows: Array<Record<string, unknown>>;
  errors: string[];
}

export function parsePastedRows(text: string, columns: LeafPlan[], firstLine = 1): PasteResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  const rows: Array<Record<string, unknown>> = [];
  const errors: string[] = [];
  lines.forEach((line, i) => {
    const cells = line.split('\t');
    const row: Record<string, unknown> = {};
    cells.forEach((raw, c) => {
      const col = columns[c];
      if (!col) return;
      const cell = raw.trim();
      if (cell === '') return;
      const read = readCell(cell, col);
      if (read.ok) row[col.name] = read.value;
      else errors.push(`Ligne ${firstLine + i}, colonne « ${col.title} » : ${read.message}`);
    });
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== '')) {
      errors.push(`Ligne ${firstLine + i} : ${cells.length} colonnes collées, le tableau n’en a que ${columns.length} à saisir.`);
    }
    rows.push(row);
  });
  return { rows, errors };
}

function readCell(cell: string, col: LeafPlan): { ok: true; value: unknown } | { ok: false; message: string } {
  if (col.choices) {
    const match = col.choices.find((o) => String(o.value) === cell || o.label.toLowerCase() === cell.toLowerCase());
    return match ? { ok: true, value: match.value } : { ok: false, message: `valeur « ${cell} » non prévue.` };
  }
  switch (col.type) {
    case 'number':
    case 'integer': {
      const n = parseNumber(cell, { integer: col.type === 'integer' });
      return n.ok ? { ok: true, value: n.value } : { ok: false, message: n.message };
    }
    case 'boolean': {
      const v = cell.toLowerCase();
      if (['oui', 'vrai', 'true', '1', 'x'].includes(v)) return { ok: true, value: true };
      if (['non', 'faux', 'false', '0'].includes(v)) return { ok: true, value: false };
      return { ok: false, message: `« ${cell} » n’est ni oui ni non.` };
    }
    case 'date': {
      const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
      if (fr) return { ok: true, value: `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}` };
      if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) return { ok: true, value: cell };
      return { ok: false, message: `date « ${cell} » illisible (attendu jj/mm/aaaa).` };
    }
    default:
      return { ok: true, value: cell };
  }
}
