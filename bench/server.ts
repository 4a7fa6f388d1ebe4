/**
 * `npm run bench:server`: the statement server on a throwaway MariaDB database, driven by
 * autocannon on loopback only, for a bounded time:
 *   1. autosave of a realistic sheet (er-ols ER01, the balance sheet's assets) by 200 concurrent
 *      users, each on its own statement, each save based on the revision the previous one returned;
 *   2. transmission of the largest statement (the full er-ols with its attachments), one at a time;
 *   3. the floor: a bare Koa + mysql2 endpoint inserting the same payload, same concurrency.
 * The autosave and the floor are driven in alternating rounds (the machine is shared and noisy): each
 * line gives the median over the rounds, and the ratio is the median of the rounds' ratios. Each round
 * also reads the server's own CPU time (Linux /proc), so "CPU ms per request" stays comparable when
 * other work steals cores. Prints throughput, p50/p95/p99 and the ratio to the floor; the last line
 * is one JSON object.
 * Environment: TEST_MYSQL_URL (server to create the database on), BENCH_SECONDS (per round, default 10),
 * BENCH_ROUNDS (default 3), BENCH_USERS (default 200), BENCH_TRANSMISSIONS (default 40),
 * BENCH_NODE_ARGS (e.g. `--cpu-prof`, for the server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { Answers } from '../engine/api';
import { openSession } from '../server/auth/sessions';
import { boot } from '../server/boot';
import { readConfig } from '../server/config';
import type { AppState } from '../server/context';
import { loadActor } from '../server/policies/actor';
import { publishVersion, uploadDraft } from '../server/publishing/publisher';
import { withLuhnDigit } from '../server/referential/siren';
import { completeStatement, fillStatement, readFixture } from '../server/seed/statements';
import { openStatement } from '../server/statements/opener';
import { mysqlServerUrl } from '../test/support/database';
import { readPackageFolder } from '../test/server/package-folder';

/** The part of autocannon's API used here (the package ships no types). */
type Autocannon = (
  options: Record<string, unknown>,
) => Promise<{ duration: number }> & { on(event: 'response', listener: (...args: never[]) => void): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const USERS = Number(process.env.BENCH_USERS ?? 200);
const TRANSMISSIONS = Number(process.env.BENCH_TRANSMISSIONS ?? 40);
const SHEET = 'ER01';

interface Client {
  statementId: number;
  revision: number;
  cookie: string;
  csrf: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function publish(state: AppState, folder: string) {
  const draft = await uploadDraft(state, null, readPackageFolder(path.join(ROOT, 'forms', folder)));
  return publishVersion(state, null, draft.id);
}

/** Organisations, users, sessions and statements: autosave clients, and statements ready to transmit. */
async function prepare(state: AppState) {
  await publish(state, '2025/dis');
  const version = await publish(state, '2025/er-ols');
  const campaign = await state.models.Campaign.create({
    formVersionId: version.id,
    exercice: 2025,
    title: 'Banc d’essai',
    audience: ['OPH', 'ESH', 'COOP'],
    opensAt: new Date(Date.now() - 86_400_000),
    closesAt: new Date(Date.now() + 86_400_000 * 30),
    status: 'open',
    createdBy: null,
  });
  for (const kind of ['DHUP', 'CDC', 'CGLLS', 'ANCOLS'] as const)
    await state.models.Authority.create({ code: kind, kind, name: kind, departement: null });
  await state.models.Authority.create({ code: 'PREF-69', kind: 'PREFECTURE', name: 'Préfecture du Rhône', departement: '69' });
  const fixture = readFixture(2025, 'er-ols')!;
  const savers: Client[] = [];
  const transmitters: Client[] = [];
  for (let i = 0; i < USERS + TRANSMISSIONS; i++) {
    const organisation = await state.models.Organisation.create({
      siren: withLuhnDigit(String(10_000_000 + i)),
      name: `Office de banc d’essai ${i + 1}`,
      kind: 'OPH',
      federationId: null,
      departement: '69',
      departements: ['69'],
    });
    const transmitter = i >= USERS;
    const user = await state.models.User.create({
      email: `bench${i}@bench.harmonia.fr`,
      name: `Utilisateur ${i + 1}`,
      passwordHash: 'not-used-sessions-are-opened-directly',
      role: transmitter ? 'ORG_SIGNATAIRE' : 'ORG_SAISIE',
      organisationId: organisation.id,
      federationId: null,
      authorityId: null,
      lockedUntil: null,
      mfaSecret: null,
      lastLoginAt: null,
    });
    const actor = (await loadActor(state, user.id))!;
    const opened = await openSession(state, user.id, '127.0.0.1');
    const cookie = `harmonia=${opened.token}`;
    if (transmitter) {
      const { statementId, pkg } = await fillStatement(state, actor, campaign, organisation, fixture);
      await completeStatement(state, actor, statementId, pkg, fixture);
      const statement = (await state.models.Statement.findByPk(statementId))!;
      transmitters.push({ statementId, revision: statement.revision, cookie, csrf: opened.session.csrfToken });
    } else {
      const { statement } = await openStatement(state, actor, organisation.id, campaign.id);
      savers.push({ statementId: statement.id, revision: statement.revision, cookie, csrf: opened.session.csrfToken });
    }
  }
  return { savers, transmitters, sheet: fixture.answers[SHEET] as Answers[string] };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Measure {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  ok: number;
  errors: number;
  /** The server process's CPU time per successful request, when the platform tells it. */
  cpuMsPerRequest?: number;
}

/** user + system CPU time of a process in ms, from /proc (Linux); undefined elsewhere. */
function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state, field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
const TICKS_PER_SECOND = 100;

/** Runs one measure while reading the server's CPU time around it. */
async function withCpu(server: ChildProcess, run: () => Promise<Measure>): Promise<Measure> {
  const before = cpuTimeMs(server.pid);
  const measure = await run();
  const after = cpuTimeMs(server.pid);
  if (before !== undefined && after !== undefined && measure.ok > 0) measure.cpuMsPerRequest = (after - before) / measure.ok;
  return measure;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The median of each figure over the rounds (errors and counts are summed). */
function medianOf(rounds: Measure[]): Measure {
  const cpu = rounds.map((r) => r.cpuMsPerRequest).filter((v): v is number => v !== undefined);
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p95: median(rounds.map((r) => r.p95)),
    p99: median(rounds.map((r) => r.p99)),
    ok: rounds.reduce((n, r) => n + r.ok, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    cpuMsPerRequest: cpu.length === rounds.length ? median(cpu) : undefined,
  };
}

/**
 * One run: one autocannon instance (one connection) per client, so that each connection keeps to
 * its statement and predicts its revisions (autocannon resets its per-sequence context and
 * prepares a request before the previous answer arrives: every save of a client adds one).
 */
async function drive(
  url: string,
  clients: Client[],
  options: {
    pathOf: (c: Client) => string;
    bodyOf: (c: Client, n: number, base: number) => unknown;
    method: 'PUT' | 'POST';
    duration?: number;
    amount?: number;
  },
): Promise<Measure> {
  const times: number[] = [];
  let ok = 0;
  let errors = 0;
  let firstError = '';
  const started = Date.now();
  await Promise.all(
    clients.map((client) => {
      const base = client.revision;
      let n = 0;
      const instance = autocannon({
        url,
        connections: 1,
        ...(options.amount ? { amount: options.amount } : { duration: options.duration }),
        requests: [
          {
            method: options.method,
            setupRequest(req: Record<string, unknown>) {
              n += 1;
              return {
                ...req,
                path: options.pathOf(client),
                headers: { 'content-type': 'application/json', cookie: client.cookie, 'x-csrf-token': client.csrf },
                body: JSON.stringify(options.bodyOf(client, n, base + n - 1)),
              };
            },
            onResponse(status: number, body: string) {
              if (status >= 200 && status < 300) {
                ok += 1;
                const revision = (JSON.parse(body) as { revision?: number }).revision;
                if (typeof revision === 'number') client.revision = revision;
              } else {
                errors += 1;
                if (!firstError) firstError = `${status} ${body.slice(0, 300)}`;
              }
            },
          },
        ],
      });
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
      return instance;
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  times.sort((a, b) => a - b);
  if (firstError) console.log(`  première erreur : ${firstError}`);
  return { rps: ok / elapsed, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), ok, errors };
}

/** Each client once, one after the other (fetch, timed). */
async function driveSequentially(
  url: string,
  clients: Client[],
  options: { pathOf: (c: Client) => string; bodyOf: (c: Client) => unknown; method: 'POST' },
): Promise<Measure> {
  const times: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = Date.now();
  for (const client of clients) {
    const t = performance.now();
    const res = await fetch(url + options.pathOf(client), {
      method: options.method,
      headers: { 'content-type': 'application/json', cookie: client.cookie, 'x-csrf-token': client.csrf },
      body: JSON.stringify(options.bodyOf(client)),
    });
    const body = await res.text();
    times.push(performance.now() - t);
    if (res.ok) ok += 1;
    else {
      errors += 1;
      if (errors === 1) console.log(`  première erreur : ${res.status} ${body.slice(0, 300)}`);
    }
  }
  times.sort((a, b) => a - b);
  return {
    rps: ok / ((Date.now() - started) / 1000),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    ok,
    errors,
  };
}

function start(script: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const nodeArgs = script.startsWith('server/') && process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}): ${output.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`${script} did not start: ${output.slice(-2000)}`)), 60_000).unref();
  });
}

async function stop(child: ChildProcess) {
  // A child ended by a signal has no exit code: waiting for its 'exit' again would never end, and
  // the bench would quit without dropping its database.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * A round stops with requests in flight whose answers autocannon drops: the server saved them, so
 * each client rereads its statement's revision before the next round.
 */
async function resyncRevisions(url: string, clients: Client[]) {
  for (const client of clients) {
    const res = await fetch(`${url}/api/statements/${client.statementId}`, { headers: { cookie: client.cookie } });
    client.revision = ((await res.json()) as { revision: number }).revision;
  }
}

/** Varies one amount per save, as typing does, so every save really changes the statement. */
function sheetVariant(sheet: Answers[string], n: number): Answers[string] {
  const copy = structuredClone(sheet) as Record<string, Record<string, unknown>>;
  const line = Object.values(copy).find((v) => v && typeof v === 'object' && typeof (v as Record<string, unknown>).brut === 'number');
  if (line) line.brut = (line.brut as number) + (n % 7);
  return copy;
}

const fmt = (m: Measure) =>
  `${m.rps.toFixed(0).padStart(6)} req/s   p50 ${m.p50.toFixed(1).padStart(6)} ms   p95 ${m.p95.toFixed(1).padStart(6)} ms   p99 ${m.p99.toFixed(1).padStart(6)} ms` +
  (m.cpuMsPerRequest === undefined ? '' : `   CPU ${m.cpuMsPerRequest.toFixed(2)} ms/req`) +
  `   (${m.ok} ok, ${m.errors} erreurs)`;

async function main() {
  const server = mysqlServerUrl().replace(/\/$/, '');
  const name = `harmonia_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonia-bench-'));
  const databaseUrl = `${server}/${name}`;
  const children: ChildProcess[] = [];
  try {
    console.log(`Base jetable ${name} ; préparation de ${USERS} déclarations et ${TRANSMISSIONS} déclarations complètes…`);
    const state = await boot(readConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    const { savers, transmitters, sheet } = await prepare(state);
    await state.sequelize.close();

    const port = await freePort();
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'warn' };
    const app = await start('server/main.ts', env, /prêt/);
    children.push(app);
    const floorPort = await freePort();
    const floor = await start('bench/floor-server.ts', { DATABASE_URL: databaseUrl, PORT: String(floorPort) }, /floor ready/);
    children.push(floor);
    const url = `http://127.0.0.1:${port}`;
    const floorUrl = `http://127.0.0.1:${floorPort}`;
    // Warm-up: compiled form cache, connection pool.
    for (const c of savers.slice(0, 20)) await fetch(`${url}/api/statements/${c.statementId}`, { headers: { cookie: c.cookie } });
    const floorClients = savers.map((c) => ({ ...c }));
    const saveRounds: Measure[] = [];
    const floorRounds: Measure[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await resyncRevisions(url, savers);
      const saveRound = await withCpu(app, () =>
        drive(url, savers, {
          method: 'PUT',
          duration: SECONDS,
          pathOf: (c) => `/api/statements/${c.statementId}/sheets/${SHEET}`,
          bodyOf: (_c, n, base) => ({ baseRevision: base, answers: sheetVariant(sheet, n) }),
        }),
      );
      const floorRound = await withCpu(floor, () =>
        drive(floorUrl, floorClients, {
          method: 'PUT',
          duration: SECONDS,
          pathOf: (c) => `/floor/${c.statementId}`,
          bodyOf: (_c, n, base) => ({ baseRevision: base, answers: { [SHEET]: sheetVariant(sheet, n) } }),
        }),
      );
      saveRounds.push(saveRound);
      floorRounds.push(floorRound);
      console.log(`  tour ${round}/${ROUNDS} : Harmonia ${saveRound.rps.toFixed(0)} req/s, plancher ${floorRound.rps.toFixed(0)} req/s`);
    }
    const save = medianOf(saveRounds);
    const floorRun = medianOf(floorRounds);
    const ratio = median(saveRounds.map((r, i) => r.rps / floorRounds[i].rps));
    // One transmission at a time: the latency of one signatory's click, not of a queue.
    const transmit = await driveSequentially(url, transmitters, {
      method: 'POST',
      pathOf: (c) => `/api/statements/${c.statementId}/transmit`,
      bodyOf: (c) => ({ revision: c.revision }),
    });
    await stop(app);
    await stop(floor);

    console.log(`\nEnregistrement automatique (${USERS} utilisateurs, feuille ${SHEET}, médianes de ${ROUNDS} tours de ${SECONDS} s)`);
    console.log(`  Harmonia  ${fmt(save)}`);
    console.log(`  plancher  ${fmt(floorRun)}`);
    console.log(`  rapport au plancher : ${ratio.toFixed(2)} (objectif ≥ 0,5)`);
    console.log(`Transmission de la plus grande déclaration (er-ols complète, ${transmitters.length} transmissions)`);
    console.log(`  ${fmt(transmit)} (objectif p95 < 300 ms)`);
    console.log(
      JSON.stringify({
        saveRps: Math.round(save.rps),
        saveP50Ms: save.p50,
        saveP95Ms: save.p95,
        saveP99Ms: save.p99,
        saveErrors: save.errors,
        floorRps: Math.round(floorRun.rps),
        floorP95Ms: floorRun.p95,
        ratioToFloor: Number(ratio.toFixed(3)),
        saveCpuMsPerRequest: save.cpuMsPerRequest,
        floorCpuMsPerRequest: floorRun.cpuMsPerRequest,
        rounds: ROUNDS,
        transmitP50Ms: transmit.p50,
        transmitP95Ms: transmit.p95,
        transmitP99Ms: transmit.p99,
        transmitErrors: transmit.errors,
      }),
    );
  } finally {
    for (const child of children) await stop(child);
    const conn = await mysql.createConnection(server);
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('Le banc d’essai a échoué :', err);
  process.exit(1);
});
