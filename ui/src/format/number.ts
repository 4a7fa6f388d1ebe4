/**
 * French number formatting and parsing for amounts typed by accountants.
 * Formatting never rounds: every digit of the stored number is shown, amounts in euros are padded
 * to two decimals. Parsing accepts what people paste from spreadsheets: spaces (also non-breaking)
 * as thousands separators, a comma or a point as decimal separator, a leading minus or parentheses.
 */

const THIN = '\u202f';
const NBSP = '\u00a0';

/** Plain decimal digits of a finite number, without exponent notation. */
function plainDigits(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Very large or tiny values: let Intl expand the exponent without grouping or rounding.
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

export interface NumberFormatOptions {
  /** `EUR` pads to two decimals and adds the euro sign; other units are appended as is. */
  unit?: string;
  integer?: boolean;
}

/** `1234567.5` → `1 234 567,50 €` for EUR (non-breaking spaces), `1 234 567,5` otherwise. */
export function formatNumber(value: unknown, options: NumberFormatOptions = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const digits = plainDigits(Math.abs(n));
  const [intPart, fracPart = ''] = digits.split('.');
  const frac = options.unit === 'EUR' ? fracPart.padEnd(2, '0') : fracPart;
  const body = groupThousands(intPart) + (frac ? ',' + frac : '');
  const sign = n < 0 ? '-' : '';
  return sign + body;
}

/** The unit shown after a number, in French. */
export function unitSuffix(unit: string | undefined): string {
  switch (unit) {
    case undefined:
    case '':
      return '';
    case 'EUR':
      return '€';
    case 'm2':
      return 'm²';
    default:
      return unit;
  }
}

export function formatWithUnit(value: unknown, unit?: string): string {
  const text = formatNumber(value, { unit });
  const suffix = unitSuffix(unit);
  return text && suffix ? `${text}${NBSP}${suffix}` : text;
}

export type ParseResult = { ok: true; value: number | null } | { ok: false; message: string };

/**
 * Parses a French (or spreadsheet) number. Blank gives null. A string that is not exactly a
 * number is refused rather than guessed: « 12,5 » is 12.5, « 1.234,5 » is 1234.5, « 1,234 » is
 * 1.234 (French reading), « 12abc » is an error.
 */
export function parseNumber(input: string, options: { integer?: boolean } = {}): ParseResult {
  let s = input
    .trim()
    .replace(/[\s\u00a0\u202f']/g, '')
    .replace(/€$/, '');
  if (s === '') return { ok: true, value: null };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  const comma = s.lastIndexOf(',');
  const point = s.lastIndexOf('.');
  if (comma >= 0 && point >= 0) {
    // Both present: the last one is the decimal separator, the other groups thousands.
    s = comma > point ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma >= 0) {
    s = s.replace(',', '.');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) {
    return { ok: false, message: 'Saisissez un nombre, par exemple 1 234,56.' };
  }
  if (options.integer && s.includes('.') && !/\.0*$/.test(s)) {
    return { ok: false, message: 'Saisissez un nombre entier, sans décimales.' };
  }
  const value = Number(s);
  if (!Number.isFinite(value)) return { ok: false, message: 'Ce nombre est trop grand.' };
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/** Formats an ISO date (yyyy-mm-dd or a timestamp) as `28/11/2026`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Formats a timestamp as `28/11/2026 à 14:32` in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleDateString('fr-FR')} à ${formatTime(d)}`;
}

export function formatTime(d: Date): string {
  return d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
}

export { THIN, NBSP };
