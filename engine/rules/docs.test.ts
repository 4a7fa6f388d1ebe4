/**
 * Runs every example of docs/forms/rules.md: `exemple` blocks (expression → expected value) and
 * `regle` blocks (a rule and its expected results), against the declaration given in the
 * document's `json fixture` block.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluationContext, Report } from '../api';
import type { FieldType, RuleDef } from '../package/model';
import { compileRules, evaluate } from '.';
import { computed, packageBuilder } from './testing';
import type { FieldSpec } from './testing';

const doc = readFileSync(join(__dirname, '../../docs/forms/rules.md'), 'utf8');
const blocks = [...doc.matchAll(/```(\w+)(?: (\w[\w-]*))?\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], tag: m[2], body: m[3] }));

interface Fixture {
  fields: Record<string, Record<string, string>>;
  tables: Record<string, Record<string, string>>;
  rules: Array<Omit<RuleDef, 'file' | 'pointer' | 'origin'>>;
  attachments: string[];
  answers: Record<string, Record<string, unknown>>;
  context: EvaluationContext;
}
const fixture: Fixture = JSON.parse(blocks.find((b) => b.lang === 'json' && b.tag === 'fixture')!.body);
const spec = (type: string): FieldSpec => (type === 'computed' ? computed() : (type as FieldType));

function build(
  extraRules: Array<Omit<RuleDef, 'file' | 'pointer' | 'origin'>>,
  without?: string,
  extraFields: Record<string, FieldSpec> = {},
) {
  const b = packageBuilder();
  for (const [sheet, fields] of Object.entries(fixture.fields))
    b.fields(sheet, Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, spec(t)])));
  for (const [table, columns] of Object.entries(fixture.tables))
    b.table(table, Object.fromEntries(Object.entries(columns).map(([k, t]) => [k, spec(t)])), undefined);
  for (const [ref, s] of Object.entries(extraFields)) b.field(ref, s);
  for (const category of fixture.attachments) b.attachmentCategory(category);
  for (const rule of [...fixture.rules.filter((r) => r.id !== without), ...extraRules]) b.rule(rule);
  return compileRules(b.build());
}

type Outcome = { kind: 'value'; value: unknown } | { kind: 'error' } | { kind: 'rejected' };

/** Evaluates an expression through a computed field, trying each result type in turn. */
function run(expr: string): Outcome {
  for (const type of ['number', 'boolean', 'string', 'date'] as const) {
    const compiled = build([{ id: 'EXEMPLE', kind: 'computed', target: 'OUT.v', expr }], undefined, { 'OUT.v': computed(type) });
    if (!compiled.ok) continue;
    const report: Report = evaluate(compiled.value!, fixture.answers, fixture.context);
    if (report.controls.some((c) => c.ruleId === 'EXEMPLE' && c.status === 'error')) return { kind: 'error' };
    return { kind: 'value', value: report.computed.OUT.v };
  }
  return { kind: 'rejected' };
}

function expected(text: string): Outcome {
  if (text === 'ERREUR') return { kind: 'error' };
  if (text === 'ERREUR_CONTROLE') return { kind: 'rejected' };
  return run(text);
}

const examples = blocks
  .filter((b) => b.lang === 'exemple')
  .flatMap((b) =>
    b.body
      .trim()
      .split('\n')
      .map((line) => line.split(' → ').map((s) => s.trim())),
  );
const rules = blocks.filter((b) => b.lang === 'regle').map((b) => JSON.parse(b.body));
const spaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('docs/forms/rules.md', () => {
  it('has a fixture and many examples', () => {
    expect(build([]).diagnostics).toEqual([]);
    expect(examples.length).toBeGreaterThan(70);
    expect(rules.length).toBeGreaterThanOrEqual(12);
  });

  it.each(examples)('%s → %s', (expr, result) => {
    expect(run(expr)).toEqual(expected(result));
  });

  it.each(rules.map((r, i) => [r.rule?.id ?? `#${i}`, r]))('rule %s', (_id, example) => {
    const compiled = build(example.rule ? [example.rule] : [], example.replaces);
    expect(compiled.diagnostics).toEqual([]);
    const report = evaluate(compiled.value!, fixture.answers, fixture.context, example.justifications);
    if (example.transmissible !== undefined) expect(report.transmissible).toBe(example.transmissible);
    if (example.unjustified) expect(report.unjustified).toEqual(example.unjustified);
    if (example.results) {
      const actual = report.controls
        .filter((c) => c.ruleId === example.rule.id)
        .map((c) => ({
          ...(c.row === undefined ? {} : { row: c.row }),
          status: c.status,
          ...(c.message === undefined ? {} : { message: spaces(c.message) }),
        }));
      expect(actual).toEqual(example.results);
    }
    if (example.computed) expect(report.computed).toMatchObject(example.computed);
  });
});
