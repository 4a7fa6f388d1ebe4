import type { FieldDef } from '../../engine/package/model';

export type Coerced = { ok: true; value: string | number | boolean } | { ok: false; message: string };

const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:[  \u202f]\d{3})+(?:[.,]\d+)?$/;

/**
 * Turns a value read from a file into the field's type, accepting what French accounting software
 * writes: decimal comma, spaces as thousands separators, dates as JJ/MM/AAAA, oui/non.
 */
export function coerceValue(field: FieldDef, raw: string | number | boolean | Date): Coerced {
  const result = coerceType(field, raw);
  if (result.ok && field.enum && !field.enum.some((allowed) => allowed === result.value)) {
    return { ok: false, message: `valeur « ${String(result.value)} » non autorisée (attendu : ${field.enum.map(String).join(', ')})` };
  }
  return result;
}

function coerceType(field: FieldDef, raw: string | number | boolean | Date): Coerced {
  switch (field.type) {
    case 'number':
    case 'integer': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseFrenchNumber(raw) : undefined;
      if (value === undefined || !Number.isFinite(value)) return { ok: false, message: `nombre attendu, « ${String(raw)} » trouvé` };
      if (field.type === 'integer' && !Number.isInteger(value))
        return { ok: false, message: `nombre entier attendu, « ${String(raw)} » trouvé` };
      return { ok: true, value };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const text = String(raw).trim().toLowerCase();
      if (['oui', 'vrai', 'true', '1', 'o'].includes(text)) return { ok: true, value: true };
      if (['non', 'faux', 'false', '0', 'n'].includes(text)) return { ok: true, value: false };
      return { ok: false, message: `oui ou non attendu, « ${String(raw)} » trouvé` };
    }
    case 'date': {
      const iso = toIsoDate(raw);
      return iso ? { ok: true, value: iso } : { ok: false, message: `date attendue (AAAA-MM-JJ ou JJ/MM/AAAA), « ${String(raw)} » trouvé` };
    }
    case 'string':
      return { ok: true, value: raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw) };
  }
}

export function parseFrenchNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed) && !GROUPED.test(trimmed)) return undefined;
  return Number(trimmed.replace(/[  \u202f]/g, '').replace(',', '.'));
}

function toIsoDate(raw: string | number | boolean | Date): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
  const text = String(raw).trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let [y, m, d] = match ? [match[1], match[2], match[3]] : [];
  if (!match) {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (!match) return undefined;
    [d, m, y] = [match[1].padStart(2, '0'), match[2].padStart(2, '0'), match[3]];
  }
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}`) return undefined;
  return `${y}-${m}-${d}`;
}
