/**
 * npm run bench:ui — the statement page's speed in headless Chromium on a production build:
 * time to first full render and each keystroke's work with the live controls on, for
 * Harmonia's sheet renderer and for plain RJSF with liveValidate on the same schema and data,
 * on the largest real fiche (forms/2025/er-ols) and on a generated fiche of 1,000 fields plus a
 * 200 × 6 table. Not a test: it prints numbers, the last line one JSON object.
 *
 * Each case loads the page RUNS times per renderer, the two alternating so that the machine's
 * load weighs on both alike; the numbers are medians over the loads. A keystroke's cost is the
 * main thread's work for it, read from a Chromium trace (bench/keystroke-trace.ts, decision 0603);
 * the same typing into a page holding one input is the floor. docs/ui.md says exactly what is measured.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/browser';
import { fieldDomId } from '../ui/src/statement/keys';
import { keystrokeCosts, type KeystrokeCost } from './keystroke-trace';

const ROOT = path.resolve(__dirname, '..');
const KEYSTROKES = 60;
/** Between two keys: a brisk typist's pace, and room for each key's work to end before the next. */
const KEY_PAUSE_MS = 80;
/** Page loads per renderer and case (BENCH_RUNS): each gives a render time and 100 keystrokes. */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

type Json = Record<string, unknown>;

/** What ui/bench/main.tsx exposes in the page (reached through globalThis: this file has no DOM types). */
interface BenchPage {
  __bench: {
    renderMs?: number;
    error?: string;
    ready?: boolean;
    phases?: Record<string, number>;
  };
}

function readPackage(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (r !== 'fixtures') walk(r);
      } else files[r] = fs.readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return files;
}

/** The real case: er-ols 2025, its largest fiche by number of fields, filled from a fixture. */
function realCase() {
  const dir = path.join(ROOT, 'forms/2025/er-ols');
  const files = readPackage(dir);
  const fixtureFile = fs.existsSync(path.join(dir, 'fixtures/valid.json')) ? 'valid.json' : fs.readdirSync(path.join(dir, 'fixtures'))[0];
  const fixture = JSON.parse(fs.readFileSync(path.join(dir, 'fixtures', fixtureFile), 'utf8')) as { answers: Json; context: Json };
  let best = { sheet: '', fields: -1 };
  for (const [name, text] of Object.entries(files)) {
    const m = /^sheets\/([A-Z0-9_]+)\.schema\.json$/.exec(name);
    if (!m) continue;
    const count = countLeaves(JSON.parse(text) as Json);
    if (count > best.fields) best = { sheet: m[1], fields: count };
  }
  return {
    files,
    sheet: best.sheet,
    target: middleNumberField(JSON.parse(files[`sheets/${best.sheet}.schema.json`]) as Json),
    answers: fixture.answers,
    context: fixture.context,
    label: `er-ols ${best.sheet} (${best.fields} champs)`,
  };
}

/** The editable number field in the middle of a fiche (fields and fieldsets, not tables), where the typing is measured. */
function middleNumberField(schema: Json): string {
  const paths: string[] = [];
  const visit = (props: Record<string, Json>, prefix: string) => {
    for (const [name, prop] of Object.entries(props)) {
      if (prop.type === 'object') visit((prop.properties ?? {}) as Record<string, Json>, `${prefix}${name}.`);
      else if ((prop.type === 'number' || prop.type === 'integer') && prop.readOnly !== true) paths.push(prefix + name);
    }
  };
  visit((schema.properties ?? {}) as Record<string, Json>, '');
  return paths[Math.floor(paths.length / 2)];
}

function countLeaves(schema: Json): number {
  let n = 0;
  for (const prop of Object.values((schema.properties ?? {}) as Record<string, Json>)) {
    if (prop.type === 'object') n += countLeaves(prop);
    else if (prop.type === 'array') n += countLeaves((prop.items ?? {}) as Json);
    else n += 1;
  }
  return n;
}

/** The generated case: 250 groups of 4 fields (one computed) = 1,000 fields, a total, checks, and a 200 × 6 loans table. */
function generatedCase() {
  const GROUPS = 250;
  const ROWS = 200;
  const properties: Json = {};
  const rules: Json[] = [];
  const data: Json = {};
  for (let g = 0; g < GROUPS; g++) {
    const key = `ligne_${String(g).padStart(3, '0')}`;
    const code = `GEN_${String(g).padStart(3, '0')}`;
    properties[key] = {
      type: 'object',
      title: `Ligne ${g + 1} du bilan`,
      additionalProperties: false,
      properties: {
        brut: { type: 'number', title: 'Brut', minimum: 0, 'x-unit': 'EUR', 'x-code': `${code}_BRUT` },
        amort: { type: 'number', title: 'Amortissements', minimum: 0, 'x-unit': 'EUR', 'x-code': `${code}_AMORT` },
        net: { type: 'number', title: 'Net', readOnly: true, 'x-unit': 'EUR', 'x-code': `${code}_NET` },
        net_n1: { type: 'number', title: 'Net N-1', 'x-unit': 'EUR', 'x-code': `${code}_NET_N1` },
      },
    };
    rules.push({ id: `T_${code}`, kind: 'computed', target: `GEN.${key}.net`, expr: `GEN.${key}.brut - GEN.${key}.amort` });
    if (g % 5 === 0) {
      rules.push({
        id: `W_${code}`,
        kind: 'check',
        severity: 'warning',
        assert: `PROCHE(GEN.${key}.net; GEN.${key}.net_n1; 0; 0.5)`,
        message: `Ligne ${g + 1} : le net varie de plus de moitié par rapport à N-1.`,
      });
    }
    data[key] = { brut: 1000 + g * 17.5, amort: 100 + g, net_n1: 900 + g * 16 };
  }
  properties.total_net = { type: 'number', title: 'Total net', readOnly: true, 'x-unit': 'EUR', 'x-code': 'GEN_TOTAL_NET' };
  rules.push({ id: 'T_GEN_TOTAL', kind: 'computed', target: 'GEN.total_net', expr: 'SOMME(GEN.*.brut) - SOMME(GEN.*.amort)' });
  rules.push({
    id: 'C_GEN_TOTAL',
    kind: 'check',
    severity: 'blocking',
    assert: 'GEN.total_net >= 0',
    message: 'Le total net est négatif.',
  });
  properties.emprunts = {
    type: 'array',
    title: 'Emprunts',
    'x-code': 'GEN_EMPRUNTS',
    items: {
      type: 'object',
      additionalProperties: false,
      properties: {
        numero: { type: 'string', title: 'N° de contrat', maxLength: 30, 'x-code': 'GEN_E_NUMERO' },
        crd_debut: { type: 'number', title: 'CRD début', 'x-unit': 'EUR', 'x-code': 'GEN_E_CRD_DEBUT' },
        mobilisations: { type: 'number', title: 'Mobilisations', minimum: 0, 'x-unit': 'EUR', 'x-code': 'GEN_E_MOBILISATIONS' },
        amort_capital: { type: 'number', title: 'Amortissement', minimum: 0, 'x-unit': 'EUR', 'x-code': 'GEN_E_AMORT' },
        crd_fin: { type: 'number', title: 'CRD fin', 'x-unit': 'EUR', 'x-code': 'GEN_E_CRD_FIN' },
        taux: { type: 'number', title: 'Taux', minimum: 0, maximum: 100, 'x-unit': '%', 'x-code': 'GEN_E_TAUX' },
      },
    },
  };
  rules.push({
    id: 'C_GEN_CRD',
    kind: 'check',
    severity: 'blocking',
    forEach: 'GEN.emprunts',
    assert: 'PROCHE(ligne.crd_fin; ligne.crd_debut + ligne.mobilisations - ligne.amort_capital)',
    message: 'Emprunt {{ligne.numero}} : capital restant dû incohérent.',
  });
  data.emprunts = Array.from({ length: ROWS }, (_, i) => ({
    numero: `E${String(i + 1).padStart(5, '0')}`,
    crd_debut: 100000 + i * 250,
    mobilisations: 1000,
    amort_capital: 5000,
    crd_fin: 96000 + i * 250,
    taux: 2.5,
  }));
  const manifest = {
    id: 'bench-gen',
    version: '2025.1',
    exercice: 2025,
    title: 'Fiche générée pour le banc d’essai',
    owner: 'CGLLS',
    audience: ['OPH'],
    sheets: [{ id: 'GEN', title: 'Fiche générée', schema: 'sheets/GEN.schema.json', ui: 'sheets/GEN.ui.json' }],
    rules: ['rules.json'],
    attachments: [],
    prefill: [],
    templates: {},
  };
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Fiche générée',
    type: 'object',
    additionalProperties: false,
    properties,
  };
  return {
    files: {
      'manifest.json': JSON.stringify(manifest),
      'sheets/GEN.schema.json': JSON.stringify(schema),
      // Drawn like er-ols's bilans: groups with the same columns as one grid.
      'sheets/GEN.ui.json': JSON.stringify({ 'ui:options': { layout: 'grid' } }),
      'rules.json': JSON.stringify({ rules }),
    },
    sheet: 'GEN',
    target: 'ligne_125.brut',
    answers: { GEN: data },
    context: {
      organisation: { siren: '000000000', name: 'Banc', kind: 'OPH', departement: '69', departements: ['69'] },
      campaign: { exercice: 2025, opensAt: '2026-01-15', closesAt: '2026-07-15' },
    },
    label: 'fiche générée (1 000 champs + tableau 200 × 6)',
  };
}

/** BENCH_PROFILE=generated|real (typing) or render-generated|render-real (first render): unminified build, CPU profile by function. */
const PROFILE = process.env.BENCH_PROFILE;
/** BENCH_ONLY=generated or generated-harmonia: measure that case (and mode) only, while investigating. */
const ONLY = process.env.BENCH_ONLY;

function buildBenchPage(outDir: string) {
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  const extra = PROFILE ? ['--minify', 'false'] : [];
  execFileSync(
    process.execPath,
    [viteBin, 'build', '--config', path.join(ROOT, 'ui/bench/vite.config.mts'), '--outDir', outDir, '--logLevel', 'warn', ...extra],
    { stdio: 'inherit' },
  );
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

async function profiled<T>(page: Page, run: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await run();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
  const self = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const name = `${n.callFrame.functionName || '(anonyme)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (n.hitCount ?? 0));
    total += n.hitCount ?? 0;
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [name, hits] of top) console.log(`  ${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  return result;
}

/** What the typing is traced with: the tasks of each thread, and the page's keydown marks. */
const TYPING_CATEGORIES = ['toplevel', 'blink.user_timing'];
/** Added for BENCH_TRACE: what each task did (events, functions, style, layout, paint). */
const DETAIL_CATEGORIES = [
  'devtools.timeline',
  'blink',
  'v8.execute',
  ...(process.env.BENCH_TRACE_INVALIDATIONS ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []),
];

/** BENCH_TRACE=render-<case>-<mode>: a Chromium trace of the first render in BENCH_TRACE_FILE. */
async function traced(browser: Browser, page: Page, run: () => Promise<unknown>) {
  await browser.startTracing(page, {
    path: process.env.BENCH_TRACE_FILE ?? '/tmp/bench-trace.json',
    categories: [...TYPING_CATEGORIES, ...DETAIL_CATEGORIES],
  });
  await run();
  await browser.stopTracing();
}

function serve(dir: string, cases: Record<string, unknown>): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.svg': 'image/svg+xml',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/bench-data.json') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(cases[url.searchParams.get('case') ?? 'real']));
      return;
    }
    const file = path.join(dir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Type', types[path.extname(file)] ?? 'application/octet-stream');
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const median = (v: number[]) => percentile(v, 50);
const round = (n: number) => Math.round(n * 10) / 10;

async function waitReady(page: Page) {
  await page.waitForFunction(
    () => (globalThis as unknown as BenchPage).__bench?.ready || (globalThis as unknown as BenchPage).__bench?.error,
    undefined,
    { timeout: 120000 },
  );
  const error = await page.evaluate(() => (globalThis as unknown as BenchPage).__bench.error);
  if (error) throw new Error(error);
}

/**
 * Types into the same field for both renderers (`target`, in the middle of the fiche): two digits
 * then two Backspaces, so the text never outgrows the field (which would scroll it on every key),
 * at a typist's pace, under a Chromium trace from which each keystroke's work is read
 * (bench/keystroke-trace.ts). Harmonia mounts a large fiche's slices near the viewport, so the
 * page is first scrolled down a screen at a time, as a user would, until the field is drawn.
 */
async function typeKeys(
  browser: Browser,
  page: Page,
  selector: string,
  /** Also write the trace, with the detailed categories, to BENCH_TRACE_FILE (that run's costs are then inflated). */
  keepTrace: boolean,
  /** Wraps the typing alone (not the scrolling to the field): a CPU profile. */
  around: (typing: () => Promise<void>) => Promise<void> = (typing) => typing(),
): Promise<KeystrokeCost[]> {
  const target = page.locator(selector);
  for (let i = 0; i < 200 && (await target.count()) === 0; i++) {
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(50);
  }
  await target.scrollIntoViewIfNeeded();
  await target.click();
  await page.keyboard.press('End');
  // Let what the scrolling started settle (slices mounting), the same pause for both renderers.
  await page.waitForTimeout(300);
  await browser.startTracing(page, { categories: keepTrace ? [...TYPING_CATEGORIES, ...DETAIL_CATEGORIES] : TYPING_CATEGORIES });
  await around(async () => {
    for (let i = 0; i < KEYSTROKES + 1; i++) {
      await page.keyboard.press(i % 4 >= 2 ? 'Backspace' : String((i * 7) % 10));
      await page.waitForTimeout(KEY_PAUSE_MS);
    }
  });
  const buffer = await browser.stopTracing();
  if (keepTrace) fs.writeFileSync(process.env.BENCH_TRACE_FILE ?? '/tmp/bench-trace.json', buffer);
  return keystrokeCosts(JSON.parse(buffer.toString('utf8')) as Parameters<typeof keystrokeCosts>[0]);
}

const MODES: Record<string, string> = {
  harmonia: 'Harmonia (contrôles en direct)',
  rjsf: 'RJSF + liveValidate',
  bare: 'saisie nue (plancher)',
};

/** One page load in one mode: time to first full render, then the typing. */
async function measureRun(
  baseUrl: string,
  browser: Browser,
  caseName: string,
  mode: string,
  c: { sheet: string; target: string },
  run: number,
): Promise<{ renderMs: number; keys: KeystrokeCost[] }> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const load = async () => {
      await page.goto(`${baseUrl}/?mode=${mode}&case=${caseName}`);
      await waitReady(page);
    };
    if (run === 0 && PROFILE === `render-${caseName}` && mode === 'harmonia') await profiled(page, load);
    else if (run === 0 && process.env.BENCH_TRACE === `render-${caseName}-${mode}`) await traced(browser, page, load);
    else await load();
    const renderMs = await page.evaluate(() => (globalThis as unknown as BenchPage).__bench.renderMs ?? 0);
    if (process.env.BENCH_PHASES)
      console.log(caseName, mode, await page.evaluate(() => JSON.stringify((globalThis as unknown as BenchPage).__bench.phases)));
    const last = run === RUNS - 1;
    const around =
      last && PROFILE === caseName && mode === 'harmonia' ? (typing: () => Promise<void>) => profiled(page, typing) : undefined;
    const id = mode === 'bare' ? 'bare' : mode === 'rjsf' ? `rjsf_${c.target.split('.').join('_')}` : fieldDomId(c.sheet, c.target);
    const keepTrace = last && process.env.BENCH_TRACE === `${caseName}-${mode}`;
    return { renderMs, keys: await typeKeys(browser, page, `[id="${id}"]`, keepTrace, around) };
  } finally {
    await context.close();
  }
}

interface Measure {
  renderMs: number;
  /** Main-thread work per keystroke (wall time of its tasks). */
  keyP50Ms: number;
  keyP95Ms: number;
  /** The same tasks' CPU time. */
  keyCpuP95Ms: number;
  /** Keydown to the end of the frame drawn for it, idle waits included. */
  keyFrameP95Ms: number;
  keystrokes: number;
}

/** Medians over the runs: of the render times, and of each run's keystroke percentiles. */
function summarise(runs: Array<Awaited<ReturnType<typeof measureRun>>>): Measure {
  const keys = (p: number, of: (k: KeystrokeCost) => number) => round(median(runs.map((r) => percentile(r.keys.map(of), p))));
  return {
    renderMs: round(median(runs.map((r) => r.renderMs))),
    keyP50Ms: keys(50, (k) => k.busyMs),
    keyP95Ms: keys(95, (k) => k.busyMs),
    keyCpuP95Ms: keys(95, (k) => k.cpuMs),
    keyFrameP95Ms: keys(95, (k) => k.frameMs),
    keystrokes: runs.reduce((n, r) => n + r.keys.length, 0),
  };
}

async function main() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonia-bench-ui-'));
  console.log('Construction de la page de mesure (build de production)…');
  buildBenchPage(out);
  const cases = { real: realCase(), generated: generatedCase() };
  const server = await serve(out, cases);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (process.env.BENCH_SERVE) {
    // BENCH_SERVE=1: only serve the page (e.g. to try it by hand or with a script) until stopped.
    console.log(`${baseUrl}/?mode=harmonia&case=generated`);
    return;
  }
  const browser = await launchBrowser();
  const results: Record<string, Record<string, Measure>> = {};
  const plan: Array<[string, { label: string; sheet: string; target: string }, string[]]> = [
    ['real', cases.real, ['harmonia', 'rjsf']],
    ['generated', cases.generated, ['harmonia', 'rjsf']],
    // The same typing into a page holding one input: what the browser costs whatever the page.
    ['floor', { label: 'une seule saisie', sheet: '', target: '' }, ['bare']],
  ];
  try {
    for (const [name, c, allModes] of plan) {
      const modes = allModes.filter((mode) => !ONLY || ONLY === name || ONLY === `${name}-${mode}`);
      if (!modes.length) continue;
      // The renderers alternate run by run, so that the load of the machine weighs on both alike.
      const runs: Record<string, Array<Awaited<ReturnType<typeof measureRun>>>> = {};
      for (let run = 0; run < RUNS; run++) {
        for (const mode of modes) (runs[mode] ??= []).push(await measureRun(baseUrl, browser, name, mode, c, run));
      }
      results[name] = {};
      for (const mode of modes) results[name][mode] = summarise(runs[mode]);
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
  printTable(plan, results);
  if (ONLY) return;
  const g = results.generated;
  const summary = {
    case: 'generated',
    renderMs: g.harmonia.renderMs,
    rjsfRenderMs: g.rjsf.renderMs,
    renderSpeedup: round(g.rjsf.renderMs / g.harmonia.renderMs),
    keyP50Ms: g.harmonia.keyP50Ms,
    keyP95Ms: g.harmonia.keyP95Ms,
    rjsfKeyP50Ms: g.rjsf.keyP50Ms,
    rjsfKeyP95Ms: g.rjsf.keyP95Ms,
    keySpeedup: round(g.rjsf.keyP95Ms / g.harmonia.keyP95Ms),
    keyCpuP95Ms: g.harmonia.keyCpuP95Ms,
    rjsfKeyCpuP95Ms: g.rjsf.keyCpuP95Ms,
    keyFrameP95Ms: g.harmonia.keyFrameP95Ms,
    rjsfKeyFrameP95Ms: g.rjsf.keyFrameP95Ms,
    floorKeyP95Ms: results.floor.bare.keyP95Ms,
    floorKeyFrameP95Ms: results.floor.bare.keyFrameP95Ms,
    real: {
      sheet: cases.real.sheet,
      ...results.real.harmonia,
      rjsfRenderMs: results.real.rjsf.renderMs,
      rjsfKeyP95Ms: results.real.rjsf.keyP95Ms,
    },
  };
  console.log(JSON.stringify(summary));
}

/** One row per case and renderer, and each Harmonia row's ratio to RJSF measured in the same run. */
function printTable(plan: Array<[string, { label: string }, string[]]>, results: Record<string, Record<string, Measure>>) {
  const header = ['cas', 'rendu', 'rendu ×', 'frappe p50', 'frappe p95', 'frappe ×', 'CPU p95', 'jusqu’à l’image p95'];
  const rows: string[][] = [];
  for (const [name, c, modes] of plan) {
    for (const mode of modes) {
      const r = results[name]?.[mode];
      if (!r) continue;
      const rjsf = mode === 'harmonia' ? results[name].rjsf : undefined;
      rows.push([
        `${c.label} — ${MODES[mode]}`,
        mode === 'bare' ? '' : `${r.renderMs} ms`,
        rjsf ? `${round(rjsf.renderMs / r.renderMs)}` : '',
        `${r.keyP50Ms} ms`,
        `${r.keyP95Ms} ms`,
        rjsf ? `${round(rjsf.keyP95Ms / r.keyP95Ms)}` : '',
        `${r.keyCpuP95Ms} ms`,
        `${r.keyFrameP95Ms} ms`,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(
    `Frappe : travail du fil principal par touche (tâches de la frappe à la suivante, trace Chromium), ${KEYSTROKES} frappes par chargement, médianes de ${RUNS} chargements.`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
