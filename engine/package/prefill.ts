/** Prefill instructions `TARGET <- SOURCE`: a field of this version takes a value of last year's statement. */
import type { FieldDef } from './model';

const REF = /^([A-Z][A-Z0-9_]{1,15})\.([a-z][a-z0-9_]{0,63}(?:\.[a-z][a-z0-9_]{0,63})?)$/;

export interface PrefillInstruction {
  target: { sheet: string; path: string };
  source: { sheet: string; path: string };
}

export function parsePrefill(text: string): PrefillInstruction | undefined {
  const parts = text.split('<-');
  if (parts.length !== 2) return undefined;
  const target = REF.exec(parts[0].trim());
  const source = REF.exec(parts[1].trim());
  if (!target || !source) return undefined;
  return { target: { sheet: target[1], path: target[2] }, source: { sheet: source[1], path: source[2] } };
}

export function findField(fields: FieldDef[], sheet: string, path: string): FieldDef | undefined {
  return fields.find((f) => f.sheet === sheet && f.path === path);
}
