import { unzipSync } from 'fflate';

/** The attachment kinds accepted, recognised by their content (never by the client's extension). */
export type AttachmentKind = 'pdf' | 'xlsx' | 'ods' | 'csv';

export const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['pdf', 'xlsx', 'ods', 'csv'];

export const MEDIA_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv; charset=utf-8',
};

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/**
 * Recognises a file by its bytes: `%PDF-` for PDF; for the two zip-based spreadsheet formats the
 * entries that define them (OOXML `xl/workbook.xml`, OpenDocument's stored `mimetype`); for CSV
 * valid UTF-8 text without control bytes that does not look like markup. Anything else is null.
 */
export function detectKind(bytes: Buffer): AttachmentKind | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return detectZipKind(bytes);
  return looksLikeCsv(bytes) ? 'csv' : null;
}

function detectZipKind(bytes: Buffer): AttachmentKind | null {
  // OpenDocument puts an uncompressed `mimetype` entry first, so its value sits at a fixed offset.
  if (bytes.subarray(30, 38).toString('latin1') === 'mimetype') {
    const nameLength = bytes.readUInt16LE(26);
    const extraLength = bytes.readUInt16LE(28);
    const start = 30 + nameLength + extraLength;
    if (bytes.subarray(start, start + ODS_MIMETYPE.length).toString('latin1') === ODS_MIMETYPE) return 'ods';
    return null;
  }
  const names = zipEntryNames(bytes);
  if (names === null) return null;
  return names.has('[Content_Types].xml') && names.has('xl/workbook.xml') ? 'xlsx' : null;
}

/** Entry names of a zip without inflating anything (the filter refuses every entry). */
function zipEntryNames(bytes: Buffer): Set<string> | null {
  const names = new Set<string>();
  try {
    unzipSync(bytes, {
      filter(file) {
        names.add(file.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

function looksLikeCsv(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  const sample = bytes.subarray(0, 64 * 1024);
  for (const byte of sample) {
    if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) return false;
  }
  let text: string;
  try {
    // Cut a possibly truncated multi-byte character at the end of the sample before decoding.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.length > sample.length ? trimPartialUtf8(sample) : sample);
  } catch {
    return false;
  }
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 256)
    .toLowerCase();
  if (/^<(!doctype|html|\?xml|svg|script|body|head)/.test(start)) return false;
  return true;
}

function trimPartialUtf8(bytes: Buffer): Buffer {
  let end = bytes.length;
  let back = 0;
  while (back < 4 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
  const lead = bytes[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) {
    const expected = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (back + 1 < expected) end = end - back - 1;
  }
  return bytes.subarray(0, end);
}
