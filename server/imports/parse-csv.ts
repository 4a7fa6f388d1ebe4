import { ImportFileError, isHeader, type ImportError, type ImportLine } from './import-line';

/**
 * Parses `sheet;code;row;value` CSV (UTF-8, with or without BOM; `;` separator; double quotes
 * for values containing `;`, quotes or line breaks). A header line is optional.
 */
export function parseCsv(bytes: Buffer): ImportLine[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError([{ message: 'Le fichier CSV n’est pas encodé en UTF-8.' }]);
  }
  text = text.replace(/^\uFEFF/, '');
  const records = splitRecords(text);
  const lines: ImportLine[] = [];
  const errors: ImportError[] = [];
  records.forEach(({ line, cells }, index) => {
    if (cells.length === 1 && cells[0].trim() === '') return;
    if (index === 0 && isHeader(cells)) return;
    if (cells.length !== 4) {
      errors.push({ line, message: `Ligne ${line} : 4 colonnes attendues (feuille;code;ligne;valeur), ${cells.length} trouvée(s).` });
      return;
    }
    const [sheet, code, row, value] = cells;
    lines.push({ line, sheet: sheet.trim(), code: code.trim(), row: row.trim(), value: value === '' ? null : value });
  });
  if (errors.length > 0) throw new ImportFileError(errors);
  return lines;
}

function splitRecords(text: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ';') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += ch;
  }
  if (quoted) throw new ImportFileError([{ line: recordLine, message: `Ligne ${recordLine} : guillemet ouvrant sans guillemet fermant.` }]);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  return records;
}
