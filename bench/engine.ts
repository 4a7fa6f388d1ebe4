/**
 * Rule engine benchmark: ours vs json-logic-js and json-rules-engine on the same deterministic
 * workloads (bench/engine/workload.ts). Measures setup, full evaluation, re-evaluation after one
 * cell change (p50/p95) and retained heap; checks that all engines agree on every rule outcome.
 * Usage: npm run bench:engine [-- small|medium|large ...]. Exit 1 on disagreement.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compileRules, createSession, evaluate } from '../engine/rules';
import type { Report } from '../engine/api';
import { buildRulesEngine, jsonLogicRules, runJsonLogic, runRulesEngine } from './engine/competitors';
import type { Outcomes } from './engine/competitors';
import { SIZES, generate } from './engine/workload';
import type { Workload } from './engine/workload';
import { testContext } from '../engine/rules/testing';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const time = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
};
const timeAsync = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
};
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

interface Measure {
  setupMs: number;
  fullMs: number;
  incrementalP50Ms: number;
  incrementalP95Ms: number;
  heapMb: number;
}

function ourOutcomes(report: Report, workload: Workload): Outcomes {
  const out: Outcomes = new Map();
  for (const c of report.controls) {
    const previous = out.get(c.ruleId);
    out.set(c.ruleId, previous === 'fail' ? 'fail' : (c.status as 'pass'));
  }
  for (const spec of workload.specs) {
    if (spec.kind !== 'computed') continue;
    const [sheet, ...path] = spec.target.split('.');
    out.set(spec.id, report.computed[sheet][path.join('.')] as number);
  }
  return out;
}

function disagreements(a: Outcomes, b: Outcomes): string[] {
  const out: string[] = [];
  for (const [id, value] of a) {
    const other = b.get(id);
    const same = typeof value === 'number' && typeof other === 'number' ? Math.abs(value - other) < 1e-6 : value === other;
    if (!same) out.push(`${id}: ${String(value)} ≠ ${String(other)}`);
  }
  return out;
}

function measureOurs(w: Workload, runs: number): { measure: Measure; outcomes: Outcomes } {
  const ctx = testContext();
  const before = heap();
  const [compiled, setupMs] = time(() => compileRules(w.pkg));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics.slice(0, 5)));
  const full: number[] = [];
  let report: Report | undefined;
  for (let i = 0; i < runs; i++) {
    const answers = clone(w.answers);
    const [r, ms] = time(() => evaluate(compiled.value!, answers, ctx));
    report = r;
    full.push(ms);
  }
  const session = createSession(compiled.value!, w.answers, ctx);
  const heapMb = (heap() - before) / 1e6;
  // One warm-up round, then timed rounds; each round writes new values so every edit is a change.
  const p50: number[] = [];
  const p95: number[] = [];
  for (let round = 0; round < 4; round++) {
    const incremental: number[] = [];
    for (const edit of w.edits) {
      const value = edit.row === undefined ? edit.value + round + 1 : Math.round(edit.value * 100 + round + 1) / 100;
      const [, ms] = time(() => {
        session.set(edit.sheet, edit.path, edit.row, value);
        return session.report();
      });
      incremental.push(ms);
    }
    if (round === 0) continue;
    p50.push(percentile(incremental, 0.5));
    p95.push(percentile(incremental, 0.95));
  }
  return {
    measure: { setupMs, fullMs: median(full), incrementalP50Ms: median(p50), incrementalP95Ms: median(p95), heapMb },
    outcomes: ourOutcomes(report!, w),
  };
}

function measureJsonLogic(w: Workload, runs: number): { measure: Measure; outcomes: Outcomes } {
  const before = heap();
  const [rules, setupMs] = time(() => jsonLogicRules(w.specs));
  const full: number[] = [];
  let outcomes: Outcomes = new Map();
  for (let i = 0; i < runs; i++) {
    const data = clone(w.answers);
    const [o, ms] = time(() => runJsonLogic(rules, data));
    outcomes = o;
    full.push(ms);
  }
  const heapMb = (heap() - before) / 1e6;
  // No incremental mode: a change means evaluating everything again.
  return {
    measure: { setupMs, fullMs: median(full), incrementalP50Ms: median(full), incrementalP95Ms: percentile(full, 0.95), heapMb },
    outcomes,
  };
}

async function measureRulesEngine(w: Workload, runs: number): Promise<{ measure: Measure; outcomes: Outcomes }> {
  const before = heap();
  const [engine, setupMs] = time(() => buildRulesEngine(w.specs));
  const full: number[] = [];
  let outcomes: Outcomes = new Map();
  for (let i = 0; i < runs; i++) {
    const [o, ms] = await timeAsync(() => runRulesEngine(engine, w));
    outcomes = o;
    full.push(ms);
  }
  const heapMb = (heap() - before) / 1e6;
  return {
    measure: { setupMs, fullMs: median(full), incrementalP50Ms: median(full), incrementalP95Ms: percentile(full, 0.95), heapMb },
    outcomes,
  };
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3));

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const sizes = SIZES.filter((s) => wanted.length === 0 || wanted.includes(s.name));
  const summary: Record<string, unknown> = {};
  let agree = true;
  for (const size of sizes) {
    const w = generate(size);
    const runs = size.name === 'large' ? 5 : 7;
    const ours = measureOurs(w, runs);
    const logic = measureJsonLogic(w, size.name === 'large' ? 3 : 5);
    const engine = await measureRulesEngine(w, size.name === 'large' ? 3 : 5);
    const problems = [
      ...disagreements(ours.outcomes, logic.outcomes).map((d) => `json-logic ${d}`),
      ...disagreements(ours.outcomes, engine.outcomes).map((d) => `json-rules-engine ${d}`),
    ];
    if (problems.length > 0) {
      agree = false;
      console.error(`${size.name}: ${problems.length} disagreements, e.g.\n  ${problems.slice(0, 10).join('\n  ')}`);
    }
    const fails = [...ours.outcomes.values()].filter((o) => o === 'fail').length;
    console.log(
      `\n${size.name}: ${size.sheets} sheets × ${size.groups * 10 + 10} fields, ${size.rows}-row table, ${w.specs.length} rules (${fails} failing); outcomes agree: ${problems.length === 0}`,
    );
    console.log('engine             setup ms   full ms   1-cell p50 ms   1-cell p95 ms   retained heap MB   full vs ours');
    for (const [name, m] of [
      ['ours', ours.measure],
      ['json-logic-js', logic.measure],
      ['json-rules-engine', engine.measure],
    ] as const) {
      console.log(
        `${name.padEnd(18)} ${fmt(m.setupMs).padStart(8)} ${fmt(m.fullMs).padStart(9)} ${fmt(m.incrementalP50Ms).padStart(15)} ${fmt(m.incrementalP95Ms).padStart(15)} ${fmt(Math.max(0, m.heapMb)).padStart(18)}   ${(m.fullMs / ours.measure.fullMs).toFixed(1)}×`,
      );
    }
    summary[size.name] = {
      compileMs: +ours.measure.setupMs.toFixed(1),
      fullMs: +ours.measure.fullMs.toFixed(2),
      fullSpeedupVsJsonLogic: +(logic.measure.fullMs / ours.measure.fullMs).toFixed(1),
      fullSpeedupVsRulesEngine: +(engine.measure.fullMs / ours.measure.fullMs).toFixed(1),
      incrementalP50Ms: +ours.measure.incrementalP50Ms.toFixed(3),
      incrementalP95Ms: +ours.measure.incrementalP95Ms.toFixed(3),
      incrementalSpeedupVsJsonLogic: +(logic.measure.fullMs / ours.measure.incrementalP95Ms).toFixed(0),
    };
  }
  const headline = (summary.large ?? summary[sizes[sizes.length - 1].name]) as Record<string, number>;
  console.log(JSON.stringify({ ...headline, agree, sizes: summary }));
  if (!agree) process.exitCode = 1;
}

void main();
