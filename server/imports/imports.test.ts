import ExcelJS from 'exceljs';
import { DEMO_PACKAGE_DIR, loadPackageFolder } from '../../test/server/package-folder';
import { parseFrenchNumber } from './coerce';
import { ImportFileError } from './import-line';
import { importFormat } from './importer';
import { parseCsv } from './parse-csv';
import { parseXlsx } from './parse-xlsx';
import { resolveLines } from './resolve-lines';

const pkg = loadPackageFolder(DEMO_PACKAGE_DIR);

describe('parseCsv', () => {
  it('reads sheet;code;row;value with or without BOM and header, quotes and CRLF', () => {
    const text = 'feuille;code;ligne;valeur\r\nER01;ER01_0020_BRUT;;"1 234,50"\r\nER09;ER09_NUMERO;1;"A;1 ""bis"""\r\n';
    for (const bytes of [Buffer.from(text), Buffer.from('\uFEFF' + text)]) {
      expect(parseCsv(bytes)).toEqual([
        { line: 2, sheet: 'ER01', code: 'ER01_0020_BRUT', row: '', value: '1 234,50' },
        { line: 3, sheet: 'ER09', code: 'ER09_NUMERO', row: '1', value: 'A;1 "bis"' },
      ]);
    }
  });

  it('reports lines with the wrong number of columns, and non-UTF-8 files', () => {
    expect(() => parseCsv(Buffer.from('ER01;X;;1\nER01;Y\n'))).toThrow(ImportFileError);
    try {
      parseCsv(Buffer.from('ER01;X;;1\nER01;Y\n'));
    } catch (err) {
      expect((err as ImportFileError).errors).toEqual([
        { line: 2, message: 'Ligne 2 : 4 colonnes attendues (feuille;code;ligne;valeur), 2 trouvée(s).' },
      ]);
    }
    expect(() => parseCsv(Buffer.from([0x45, 0x52, 0xe9, 0x3b]))).toThrow(/UTF-8/);
  });
});

describe('parseFrenchNumber', () => {
  it.each([
    ['1234,5', 1234.5],
    ['1 234 567,89', 1234567.89],
    ['-12.5', -12.5],
    ['1\u202f000', 1000],
  ])('reads %s', (text, value) => expect(parseFrenchNumber(text)).toBe(value));
  it.each(['12a', '1,2,3', '', '1e5', '12 34'])('refuses %s', (text) => expect(parseFrenchNumber(text)).toBeUndefined());
});

describe('resolveLines', () => {
  const line = (n: number, sheet: string, code: string, row: string, value: string | number | null) => ({
    line: n,
    sheet,
    code,
    row,
    value,
  });

  it('builds the sheets named in the file, typed, tables by row', () => {
    const { answers, errors } = resolveLines(pkg, [
      line(1, 'ER01', 'ER01_0020_BRUT', '', '1 000,5'),
      line(2, 'ER09', 'ER09_NUMERO', '2', 'B'),
      line(3, 'ER09', 'ER09_NUMERO', '1', 'A'),
      line(4, 'ER09', 'ER09_CRD_FIN', '1', 900),
      line(5, 'ER00', 'ER00_DATE_APPROBATION', '', '30/04/2026'),
    ]);
    expect(errors).toEqual([]);
    expect(answers).toEqual({
      ER01: { terrains: { brut: 1000.5 } },
      ER09: { emprunts: [{ numero: 'A', crd_fin: 900 }, { numero: 'B' }] },
      ER00: { date_approbation: '2026-04-30' },
    });
  });

  it('reports every bad line with its number, in French', () => {
    const { errors } = resolveLines(pkg, [
      line(2, 'ER01', 'ER01_XXXX', '', '1'),
      line(3, 'ER01', 'ER01_0020_BRUT', '', 'beaucoup'),
      line(4, 'ER01', 'ER01_0020_NET', '', '1'),
      line(5, 'ER09', 'ER09_CRD_FIN', '', '1'),
      line(6, 'ER01', 'ER01_0020_BRUT', '3', '1'),
      line(7, 'ZZ99', 'ER01_0020_BRUT', '', '1'),
      line(8, 'ER09', 'ER01_0020_BRUT', '', '1'),
      line(9, 'ER00', 'ER00_FAMILLE', '', 'HLM'),
      line(10, 'ER01', 'ER01_0030_BRUT', '', '1'),
      line(11, 'ER01', 'ER01_0030_BRUT', '', '2'),
    ]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11]);
    expect(errors[0].message).toBe('Ligne 2 : code « ER01_XXXX » inconnu dans er-demo 2025.1.');
    expect(errors[1].message).toMatch(/^Ligne 3 : ER01_0020_BRUT : nombre attendu, « beaucoup » trouvé\.$/);
    expect(errors[2].message).toMatch(/calculé/);
    expect(errors[8].message).toMatch(/figure déjà ligne 10/);
  });
});

describe('parseXlsx', () => {
  it('reads the first worksheet with the same columns, native numbers and dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('import');
    sheet.addRow(['sheet', 'code', 'row', 'value']);
    sheet.addRow(['ER01', 'ER01_0020_BRUT', null, 1500.25]);
    sheet.addRow(['ER00', 'ER00_DATE_APPROBATION', null, new Date(Date.UTC(2026, 3, 30))]);
    sheet.addRow(['ER09', 'ER09_NUMERO', 1, 'A1']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(importFormat(bytes)).toBe('xlsx');
    const lines = await parseXlsx(bytes);
    expect(lines.map((l) => [l.line, l.code, l.row])).toEqual([
      [2, 'ER01_0020_BRUT', ''],
      [3, 'ER00_DATE_APPROBATION', ''],
      [4, 'ER09_NUMERO', '1'],
    ]);
    const { answers, errors } = resolveLines(pkg, lines);
    expect(errors).toEqual([]);
    expect(answers).toEqual({
      ER01: { terrains: { brut: 1500.25 } },
      ER00: { date_approbation: '2026-04-30' },
      ER09: { emprunts: [{ numero: 'A1' }] },
    });
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(parseXlsx(Buffer.from('PK\u0003\u0004garbage'))).rejects.toThrow(ImportFileError);
  });
});
