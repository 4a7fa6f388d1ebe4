/**
 * The only helpers a message template may call. Each formats for French readers and returns
 * plain text, which handlebars then escapes.
 */
const BLANK = '—';

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const euroCentsFormat = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const places = (p: unknown, fallback: number): number => (isNumber(p) && Number.isInteger(p) && p >= 0 && p <= 10 ? p : fallback);

/** `1 234 567 €` (whole euros), `12,50 €` when there are cents. */
export function euros(x: unknown): string {
  if (!isNumber(x)) return BLANK;
  return Number.isInteger(x) ? euroFormat.format(x) : euroCentsFormat.format(x);
}

/** `1 234,56` (at most 2 decimals unless told: `{{nombre x 3}}`). */
export function nombre(x: unknown, decimals?: unknown): string {
  if (!isNumber(x)) return BLANK;
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: places(decimals, 2) }).format(x);
}

/** A fraction as a percentage: 0.125 → `12,5 %` (1 decimal unless told). */
export function pourcent(x: unknown, decimals?: unknown): string {
  if (!isNumber(x)) return BLANK;
  return new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: places(decimals, 1) }).format(x);
}

/** ISO date → JJ/MM/AAAA. */
export function date(x: unknown): string {
  if (typeof x !== 'string') return BLANK;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(x);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : BLANK;
}

export const MESSAGE_HELPERS = { euros, nombre, pourcent, date } as const;
/** Built-in block helpers that stay allowed: they only read the context. */
export const BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;
