import type { FieldType } from '../../engine/package/model';

/** A value from last year's facts, converted to the type of the field it now fills (undefined when it does not fit). */
export function decodeFactForField(value: unknown, type: FieldType): string | number | boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (type) {
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n))) return undefined;
      return n;
    }
    case 'boolean':
      return value === true || value === 'true';
    default:
      return String(value);
  }
}
