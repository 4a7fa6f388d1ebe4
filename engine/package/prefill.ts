/** Prefill instructions `TARGET <- SOURCE`: a field of this version takes a value of last year's statement. */
import type { Answers } from '../api';
import type { FieldDef, FormPackage } from './model';

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

/**
 * The draft a new statement starts from: each prefill target takes the value its source field
 * had in last year's transmitted statement, looked up by the source field's stable code.
 */
export function applyPrefill(pkg: FormPackage, previous: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const text of pkg.manifest.prefill) {
    const instruction = parsePrefill(text);
    if (!instruction) continue;
    const source = findField(pkg.fields, instruction.source.sheet, instruction.source.path);
    const target = findField(pkg.fields, instruction.target.sheet, instruction.target.path);
    if (!source || !target || target.table || target.readOnly) continue;
    const value = Object.prototype.hasOwnProperty.call(previous, source.code) ? previous[source.code] : undefined;
    if (value === undefined || value === null) continue;
    const sheet = (answers[target.sheet] ??= {});
    const [head, tail] = target.path.split('.');
    if (target.group) ((sheet[head] ??= {}) as Record<string, unknown>)[tail] = value;
    else sheet[head] = value;
  }
  return answers;
}
