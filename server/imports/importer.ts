import type { Answers } from '../../engine/api';

import type { Statement } from '../db/models';
import type { StatementBundle } from '../statements/statement-bundle';
import type { Actor } from '../policies/actor';
import type { AppState } from '../context';
import { unprocessable } from '../http/errors';
import { loadStatement } from '../statements/loaded-statement';
import { replaceSheets, type SaveResult } from '../statements/saver';
import { ImportFileError, type ImportLine } from './import-line';
import { parseCsv } from './parse-csv';
import { parseXlsx } from './parse-xlsx';
import { resolveLines } from './resolve-lines';

export type ImportFormat = 'json' | 'csv' | 'xlsx';
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The format of an uploaded file, by its bytes first (zip → XLSX, `{` → JSON), else CSV. */
export function importFormat(bytes: Buffer): ImportFormat {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  const start = bytes
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('{') ? 'json' : 'csv';
}

function parseJsonAnswers(bytes: Buffer): Answers {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportFileError([{ message: `Le fichier JSON est mal formé : ${(err as Error).message}.` }]);
  }
  const answers = typeof parsed === 'object' && parsed !== null && 'answers' in parsed ? (parsed as { answers: unknown }).answers : parsed;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    throw new ImportFileError([{ message: 'Le fichier JSON doit contenir un objet « answers » : feuille → réponses.' }]);
  }
  return answers as Answers;
}

/**
 * Loads a statement from a file as accounting software produces it. The whole file is checked
 * against the statement's form version first; any error (listed per line, in French) means nothing
 * is applied. A valid file becomes one new revision, through the same conditional save as typing.
 */
export async function importFile(
  state: AppState,
  user: Actor,
  statementOrId: number | Statement | StatementBundle,
  baseRevision: number,
  bytes: Buffer,
): Promise<SaveResult & { format: ImportFormat; cells: number }> {
  const format = importFormat(bytes);
  let sheets: Answers;
  let cells: number;
  try {
    if (format === 'json') {
      sheets = parseJsonAnswers(bytes);
      cells = Object.keys(sheets).length;
    } else {
      const lines: ImportLine[] = format === 'csv' ? parseCsv(bytes) : await parseXlsx(bytes);
      if (lines.length === 0) throw new ImportFileError([{ message: 'Le fichier ne contient aucune valeur.' }]);
      const { pkg } = (await loadStatement(state, statementOrId)).runtime;
      const resolved = resolveLines(pkg, lines);
      if (resolved.errors.length > 0) throw new ImportFileError(resolved.errors);
      sheets = resolved.answers;
      cells = lines.length;
    }
  } catch (err) {
    if (err instanceof ImportFileError) {
      throw unprocessable(`Le fichier n’a pas été importé : ${err.errors.length} erreur(s). Rien n’a été modifié.`, {
        format,
        errors: err.errors,
      });
    }
    throw err;
  }
  const result = await replaceSheets(state, user, statementOrId, baseRevision, sheets, null);
  return { ...result, format, cells };
}
