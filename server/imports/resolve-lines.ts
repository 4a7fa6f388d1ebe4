import type { Answers } from '../../engine/api';
import type { FieldDef, FormPackage } from '../../engine/package/model';
import { writeCell } from '../statements/cells';
import { coerceValue } from './coerce';
import type { ImportError, ImportLine } from './import-line';

const MAX_ROWS = 10_000;

/**
 * Checks cell lines against a form version and builds the sheets they fill. Every line is checked
 * and every problem reported with its line number; the answers are returned only when none fails.
 * Sheets named in the file are rebuilt from the file alone (an export of the accounting software
 * replaces what was there); other sheets are left to the caller to keep.
 */
export function resolveLines(pkg: FormPackage, lines: ImportLine[]): { answers: Answers; errors: ImportError[] } {
  const byCode = new Map<string, FieldDef>(pkg.fields.map((field) => [field.code, field]));
  const sheetIds = new Set(pkg.sheets.map((sheet) => sheet.id));
  const seen = new Map<string, number>();
  const answers: Answers = {};
  const errors: ImportError[] = [];
  const fail = (line: ImportLine, message: string) =>
    errors.push({ line: line.line, code: line.code || undefined, message: `Ligne ${line.line} : ${message}.` });

  for (const line of lines) {
    if (!sheetIds.has(line.sheet)) {
      fail(line, `feuille « ${line.sheet} » inconnue dans ${pkg.manifest.id} ${pkg.manifest.version}`);
      continue;
    }
    const field = byCode.get(line.code);
    if (!field) {
      fail(line, `code « ${line.code} » inconnu dans ${pkg.manifest.id} ${pkg.manifest.version}`);
      continue;
    }
    if (field.sheet !== line.sheet) {
      fail(line, `le code ${line.code} appartient à la feuille ${field.sheet}, pas à ${line.sheet}`);
      continue;
    }
    if (field.readOnly) {
      fail(line, `le champ ${line.code} est calculé et ne peut pas être importé`);
      continue;
    }
    let row: number | null = null;
    if (field.table) {
      row = /^\d+$/.test(line.row) ? Number(line.row) : NaN;
      if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) {
        fail(line, `numéro de ligne de tableau attendu (1 à ${MAX_ROWS}) pour ${line.code}, « ${line.row} » trouvé`);
        continue;
      }
    } else if (line.row !== '') {
      fail(line, `le champ ${line.code} n’est pas une colonne de tableau : laissez la colonne « ligne » vide`);
      continue;
    }
    const key = `${line.code}#${row ?? ''}`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      fail(line, `${line.code}${row ? ` ligne ${row}` : ''} figure déjà ligne ${previous}`);
      continue;
    }
    seen.set(key, line.line);
    answers[field.sheet] ??= {};
    if (line.value === null || line.value === '') continue;
    const coerced = coerceValue(field, line.value);
    if (!coerced.ok) {
      fail(line, `${line.code} : ${coerced.message}`);
      continue;
    }
    writeCell(answers[field.sheet], field, row, coerced.value);
  }
  return { answers, errors };
}
