import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { detectKind } from './file-types';
import { contentDisposition } from './storage';

async function xlsxBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('a').addRow([1, 2]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function odsBytes(): Buffer {
  return Buffer.from(
    zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<x/>') }),
  );
}

describe('detectKind', () => {
  it('recognises each accepted format by its bytes', async () => {
    expect(detectKind(Buffer.from('%PDF-1.7\n...'))).toBe('pdf');
    expect(detectKind(await xlsxBytes())).toBe('xlsx');
    expect(detectKind(odsBytes())).toBe('ods');
    expect(detectKind(Buffer.from('\uFEFFfeuille;code;ligne;valeur\nER01;X;;1\n'))).toBe('csv');
  });

  it.each([
    ['HTML named .pdf', Buffer.from('<!DOCTYPE html><script>alert(1)</script>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')],
    ['a binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])],
    [
      'a zip that is not a spreadsheet',
      Buffer.from(zipSync({ 'word/document.xml': strToU8('<x/>'), '[Content_Types].xml': strToU8('<x/>') })),
    ],
    ['an empty file', Buffer.alloc(0)],
    ['Latin-1 text', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x3b, 0x31])],
  ])('refuses %s', (_name, bytes) => {
    expect(detectKind(bytes)).toBeNull();
  });
});

describe('contentDisposition', () => {
  it('is always an attachment with a sanitised name', () => {
    const header = contentDisposition('../../etc/pass"wd\r\nSet-Cookie: x=1', 'pdf');
    expect(header).toMatch(/^attachment; filename="/);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).not.toContain('../');
    expect(contentDisposition('Comptes été 2025.pdf', 'pdf')).toContain("filename*=UTF-8''Comptes%20%C3%A9t%C3%A9%202025.pdf");
    expect(contentDisposition('', 'pdf')).toContain('filename="piece.pdf"');
  });
});
