import fs from 'node:fs';
import path from 'node:path';
import { evaluate, loadForm } from '../../engine';
import { readPackageDir } from '../../engine/cli/disk';
import type { EvaluationContext } from '../../engine/api';
import { otherFormValues, type OtherFormFact } from './other-forms';

const FORMS = path.resolve(__dirname, '../../forms/2025');
const load = (form: string) => {
  const result = loadForm(readPackageDir(path.join(FORMS, form)), {
    resolveShared: (f) => readPackageDir(path.join(FORMS, f)),
  });
  if (!result.ok || !result.value) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
};
const fixture = (form: string, name: string) => JSON.parse(fs.readFileSync(path.join(FORMS, form, 'fixtures', name), 'utf8'));

describe('values of the organisation’s other forms, as rules read them', () => {
  const dis = load('dis');
  const er = load('er-ols');
  const disField = (p: string) => dis.package.fields.find((f) => `${f.sheet}.${f.path}` === p)!;

  /** Facts as transmission stores them: by stable code. */
  const factsOf = (entries: Record<string, number>): OtherFormFact[] =>
    Object.entries(entries).map(([p, v]) => ({
      form_code: 'dis',
      form_version_id: 7,
      sheet: disField(p).sheet,
      code: disField(p).code,
      value: String(v),
      numeric_value: v,
    }));

  it('keys each fact by its field path in the version it was transmitted with', () => {
    const values = otherFormValues(factsOf({ 'DIS02.total_logements': 10300 }), () => dis.package.fields);
    expect(values).toEqual({ dis: { 'DIS02.total_logements': 10300 } });
  });

  it('lets a cross-form control fire when the DIS disagrees with the ER', () => {
    const valid = fixture('er-ols', 'valid.json');
    const context: EvaluationContext = { ...valid.context, otherForms: undefined };
    const logements = valid.answers.ER11.logements_fin as number;
    context.otherForms = otherFormValues(
      factsOf({ 'DIS02.total_logements': logements + 5, 'DIS04.potentiel_financier': 1 }),
      () => dis.package.fields,
    );
    const report = evaluate(er.rules, valid.answers, context, valid.justifications);
    const failing = report.controls.filter((c) => c.status === 'fail').map((c) => c.ruleId);
    expect(failing).toEqual(expect.arrayContaining(['C20e', 'C20f']));

    context.otherForms = otherFormValues(
      factsOf({ 'DIS02.total_logements': logements, 'DIS04.potentiel_financier': valid.answers.ER17?.potentiel_financier ?? 0 }),
      () => dis.package.fields,
    );
    const agreeing = evaluate(er.rules, valid.answers, context, valid.justifications);
    expect(agreeing.controls.find((c) => c.ruleId === 'C20e')?.status).toBe('pass');
  });
});
