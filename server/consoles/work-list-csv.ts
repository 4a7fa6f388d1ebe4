import { unprocessable } from '../http/errors';

/** One line of a SIREN list that cannot be applied: where, what it held, and why (French). */
export interface SirenLineError {
  line: number;
  value: string;
  reason: string;
}

export interface SirenLine {
  line: number;
  siren: string;
}

/** Largest list accepted: a few times the number of organisations of the sector (~900). */
export const MAX_SIREN_LINES = 10_000;

/** The first cell of a line: the SIREN (other columns, such as a name, are ignored), unquoted, without spaces. */
function firstCell(text: string): string {
  const cell = text.split(/[;,]/)[0].trim();
  const unquoted = cell.startsWith('"') && cell.endsWith('"') && cell.length >= 2 ? cell.slice(1, -1) : cell;
  return unquoted.replace(/[\s\u00a0\u202f]/g, '');
}

/**
 * Reads a list of SIRENs: one per line, first column of `;` or `,` separated values, UTF-8 with or
 * without BOM, an optional header (a first line without any digit). Blank lines are skipped.
 * The lines are returned as written: checking them is the caller's job.
 */
export function parseSirenList(bytes: Buffer): SirenLine[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unprocessable('Le fichier n’est pas encodé en UTF-8.', { lines: [] });
  }
  const lines: SirenLine[] = [];
  let first = true;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const value = firstCell(raw);
      if (value === '') return;
      const header = first && !/\d/.test(value);
      first = false;
      if (header) return;
      lines.push({ line: index + 1, siren: value });
    });
  if (lines.length === 0) throw unprocessable('Le fichier ne contient aucun SIREN.', { lines: [] });
  if (lines.length > MAX_SIREN_LINES) {
    throw unprocessable(`Le fichier contient ${lines.length} lignes : ${MAX_SIREN_LINES} au plus.`, { lines: [] });
  }
  return lines;
}
