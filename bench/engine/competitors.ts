/**
 * The same workload for json-logic-js and json-rules-engine, written the way each is meant to be
 * used: json-logic rules as JSON evaluated against the nested answers (computed fields written back
 * in dependency order), json-rules-engine rules over facts with computed facts and one custom
 * operator (its per-run fact cache shares column sums, as our shared aggregates do).
 */
import jsonLogic from 'json-logic-js';
import { Engine } from 'json-rules-engine';
import type { Operand, Spec, Workload } from './workload';
import { TABLE } from './workload';

export type Status = 'pass' | 'fail' | 'not_applicable';
export type Outcomes = Map<string, Status | number | null>;

type Logic = jsonLogic.RulesLogic;
const v = (ref: string): Logic => ({ var: ref });
const sumLogic = (column: string): Logic =>
  ({
    reduce: [{ var: TABLE }, { '+': [{ var: 'accumulator' }, { var: `current.${column}` }] }, 0],
  }) as unknown as Logic;
const operandLogic = (o: Operand): Logic => ('ref' in o ? v(o.ref) : sumLogic(o.sum));

interface CompiledLogic {
  id: string;
  target?: string;
  when?: Logic;
  assert?: Logic;
  expr?: Logic;
}

export function jsonLogicRules(specs: Spec[]): CompiledLogic[] {
  return specs.map((spec): CompiledLogic => {
    switch (spec.kind) {
      case 'computed':
        return {
          id: spec.id,
          target: spec.target,
          expr: { '+': spec.terms.map((t) => (t.coef === 1 ? v(t.ref) : { '*': [t.coef, v(t.ref)] })) } as Logic,
        };
      case 'close': {
        const a = operandLogic(spec.left);
        const b = operandLogic(spec.right);
        return { id: spec.id, assert: { '<=': [{ max: [{ '-': [a, b] }, { '-': [b, a] }] }, 1] } as Logic };
      }
      case 'greater':
        return { id: spec.id, assert: { '>': [v(spec.left), v(spec.right)] } };
      case 'ratio':
        return { id: spec.id, assert: { '<=': [spec.lo, { '/': [v(spec.num), v(spec.den)] }, spec.hi] } as Logic };
      case 'required':
        return { id: spec.id, when: { '>': [v(spec.when), 0] }, assert: { '!=': [v(spec.field), null] } };
    }
  });
}

function setPath(data: Record<string, unknown>, ref: string, value: unknown): void {
  const parts = ref.split('.');
  let current = data;
  for (const p of parts.slice(0, -1)) current = (current[p] ??= {}) as Record<string, unknown>;
  current[parts[parts.length - 1]] = value;
}

/** Computed rules first (they come in dependency order), then every check. */
export function runJsonLogic(rules: CompiledLogic[], answers: Record<string, unknown>): Outcomes {
  const data = answers;
  const out: Outcomes = new Map();
  for (const rule of rules) {
    if (rule.expr) {
      const value = jsonLogic.apply(rule.expr, data) as number;
      setPath(data, rule.target!, value);
      out.set(rule.id, value);
      continue;
    }
    if (rule.when && !jsonLogic.apply(rule.when, data)) {
      out.set(rule.id, 'not_applicable');
      continue;
    }
    out.set(rule.id, jsonLogic.apply(rule.assert!, data) ? 'pass' : 'fail');
  }
  return out;
}

export function buildRulesEngine(specs: Spec[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('closeTo', (a: unknown, b: unknown) => Math.abs((a as number) - (b as number)) <= 1);
  const columns = new Set<string>();
  const factOf = (o: Operand) => ('ref' in o ? o.ref : (columns.add(o.sum), `sum:${o.sum}`));
  for (const spec of specs) {
    switch (spec.kind) {
      case 'computed':
        engine.addFact(spec.target, async (_params, almanac) => {
          let total = 0;
          for (const t of spec.terms) total += t.coef * ((await almanac.factValue(t.ref)) as number);
          return total;
        });
        engine.addRule({
          name: spec.id,
          conditions: { all: [{ fact: spec.target, operator: 'notEqual', value: null }] },
          event: { type: spec.id },
        });
        break;
      case 'close':
        engine.addRule({
          name: spec.id,
          conditions: { all: [{ fact: factOf(spec.left), operator: 'closeTo', value: { fact: factOf(spec.right) } }] },
          event: { type: spec.id },
        });
        break;
      case 'greater':
        engine.addRule({
          name: spec.id,
          conditions: { all: [{ fact: spec.left, operator: 'greaterThan', value: { fact: spec.right } }] },
          event: { type: spec.id },
        });
        break;
      case 'ratio':
        engine.addFact(
          `ratio:${spec.id}`,
          async (_params, almanac) => ((await almanac.factValue(spec.num)) as number) / ((await almanac.factValue(spec.den)) as number),
        );
        engine.addRule({
          name: spec.id,
          conditions: {
            all: [
              { fact: `ratio:${spec.id}`, operator: 'greaterThanInclusive', value: spec.lo },
              { fact: `ratio:${spec.id}`, operator: 'lessThanInclusive', value: spec.hi },
            ],
          },
          event: { type: spec.id },
        });
        break;
      case 'required':
        engine.addRule({
          name: `${spec.id}:when`,
          conditions: { all: [{ fact: spec.when, operator: 'greaterThan', value: 0 }] },
          event: { type: `${spec.id}:when` },
        });
        engine.addRule({
          name: spec.id,
          conditions: { all: [{ fact: spec.field, operator: 'notEqual', value: null }] },
          event: { type: spec.id },
        });
        break;
    }
  }
  for (const column of columns) {
    engine.addFact(`sum:${column}`, async (_params, almanac) => {
      const rows = (await almanac.factValue('rows')) as Array<Record<string, number>>;
      let total = 0;
      for (const r of rows) total += r[column];
      return total;
    });
  }
  return engine;
}

export async function runRulesEngine(engine: Engine, workload: Workload): Promise<Outcomes> {
  const facts: Record<string, unknown> = { ...workload.flat, rows: workload.rows };
  const { results, failureResults, almanac } = await engine.run(facts);
  const passed = new Set(results.map((r) => r.name as string));
  const out: Outcomes = new Map();
  for (const spec of workload.specs) {
    if (spec.kind === 'computed') out.set(spec.id, (await almanac.factValue(spec.target)) as number);
    else if (spec.kind === 'required' && !passed.has(`${spec.id}:when`)) out.set(spec.id, 'not_applicable');
    else out.set(spec.id, passed.has(spec.id) ? 'pass' : 'fail');
  }
  void failureResults;
  return out;
}
