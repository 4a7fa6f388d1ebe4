import type { Answers } from '../../engine/api';
import { findField, parsePrefill } from '../../engine/package/prefill';
import type { FormPackage } from '../../engine/package/model';
import { writeCell } from './cells';
import { decodeFactForField } from './fact-decoding';

/**
 * First answers of a new draft: for each `TARGET <- SOURCE` of the manifest, the value of SOURCE in
 * last year's transmitted statement. SOURCE is matched by stable code (the code the field has in
 * this version), so a field moved or renamed between years still finds its value.
 */
export function prefillAnswers(pkg: FormPackage, previous: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const line of pkg.manifest.prefill ?? []) {
    const instruction = parsePrefill(line);
    if (!instruction) continue;
    const target = findField(pkg.fields, instruction.target.sheet, instruction.target.path);
    const source = findField(pkg.fields, instruction.source.sheet, instruction.source.path);
    if (!target || target.table || target.readOnly || !source) continue;
    const value = decodeFactForField(previous[source.code], target.type);
    if (value === undefined) continue;
    writeCell((answers[target.sheet] ??= {}), target, null, value);
  }
  return answers;
}
