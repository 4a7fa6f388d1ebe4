import ExcelJS from 'exceljs';
import { ImportFileError, isHeader, type ImportLine } from './import-line';

/** Reads the first worksheet of an XLSX file with the same four columns as the CSV format. */
export async function parseXlsx(bytes: Buffer): Promise<ImportLine[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError([{ message: 'Le fichier n’est pas un classeur XLSX lisible.' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError([{ message: 'Le classeur ne contient aucune feuille.' }]);
  const lines: ImportLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = [1, 2, 3, 4].map((col) => cellValue(row.getCell(col).value));
    if (rowNumber === 1 && isHeader(cells)) return;
    if (cells.every((c) => c === null || c === '')) return;
    lines.push({
      line: rowNumber,
      sheet: String(cells[0] ?? '').trim(),
      code: String(cells[1] ?? '').trim(),
      row: cells[2] === null ? '' : String(cells[2]).trim(),
      value: cells[3] === '' ? null : cells[3],
    });
  });
  return lines;
}

/** Plain value of an exceljs cell: formulas give their cached result, rich text its text. */
function cellValue(value: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
  }
  return null;
}
