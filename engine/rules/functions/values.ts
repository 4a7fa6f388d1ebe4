/**
 * Runtime values. Blank is `null`; dates are ISO strings `YYYY-MM-DD` (ordered like dates);
 * lists only flow into aggregates; a runtime problem is an error value, never an exception.
 */
export type Scalar = number | string | boolean | null;
export type Value = Scalar | Value[] | RuleError;

export type RuleErrorCode = 'DIV_ZERO' | 'INVALID_DATE' | 'INVALID_ARGUMENT';

export class RuleError {
  constructor(readonly code: RuleErrorCode) {}
}

export const isError = (v: unknown): v is RuleError => v instanceof RuleError;

/** Static types used by the checker. `blank` is the type of VIDE; `unknown` accepts anything. */
export type ScalarType = 'number' | 'string' | 'boolean' | 'date' | 'blank' | 'unknown';
export type ListType = `list<${ScalarType}>`;
export type Type = ScalarType | ListType;

export const isListType = (t: Type): t is ListType => t.startsWith('list<');
export const elementType = (t: ListType): ScalarType => t.slice(5, -1) as ScalarType;
export const listOf = (t: ScalarType): ListType => `list<${t}>`;

/** Whether a value of type `actual` may be used where `expected` is required. */
export function assignable(actual: Type, expected: Type): boolean {
  if (actual === expected || actual === 'unknown' || actual === 'blank' || expected === 'unknown') return true;
  if (isListType(actual) && isListType(expected)) return assignable(elementType(actual), elementType(expected));
  return false;
}

/** French names of types, for diagnostics. */
export const TYPE_LABELS: Record<ScalarType, string> = {
  number: 'nombre',
  string: 'texte',
  boolean: 'booléen',
  date: 'date',
  blank: 'vide',
  unknown: 'inconnu',
};

export function typeLabel(t: Type): string {
  return isListType(t) ? `liste de ${TYPE_LABELS[elementType(t)]}` : TYPE_LABELS[t];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates and normalises a calendar date; undefined when it does not exist. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const inMonth = month === 2 ? (isLeap(year) ? 29 : 28) : days;
  if (day > inMonth) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isoDate(year, month, day) ? { year, month, day } : undefined;
}
