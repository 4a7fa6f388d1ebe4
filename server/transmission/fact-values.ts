import type { FieldType } from '../../engine/package/model';
import type { Cell } from '../statements/cells';

/** How a cell is stored as a fact: text always, and the exact number for numeric cells. */
export function encodeFact(value: Cell['value']): { value: string; numericValue: string | null } {
  if (typeof value === 'number') return { value: String(value), numericValue: String(value) };
  if (typeof value === 'boolean') return { value: value ? 'true' : 'false', numericValue: null };
  return { value, numericValue: null };
}

/** Back from a stored fact to a typed value; the field type decides (facts carry no type of their own). */
export function decodeFact(value: string | null, numericValue: unknown, type?: FieldType): Cell['value'] | null {
  if (value === null) return null;
  if (type === 'number' || type === 'integer' || (type === undefined && numericValue !== null && numericValue !== undefined)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (type === 'boolean') return value === 'true';
  return value;
}
