// prettier's CommonJS entry starts a dynamic import() on load, which jest's runtime refuses; the
// types.d.ts download generates with format: false, so prettier is never called.
jest.mock('prettier', () => ({ format: async (code: string) => code }));

import type Router from '@koa/router';
import { capabilityRouters } from '../../server/routes';
import type { PolicyMiddleware } from '../../server/policies';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, readJson } from './support/client';
import { PASSWORD } from './support/world';
import { buildAccessFixtures, type AccessFixtures } from './access/fixtures';
import { PRINCIPALS, type AccessRow, type Principal } from './access/matrix';
import { ACCESS_ROWS, COVERED_ELSEWHERE } from './access/rows';

/** Tables whose row count a GET must never change (the audit log and sessions legitimately do). */
const STATE_TABLES = [
  'federations',
  'authorities',
  'organisations',
  'users',
  'forms',
  'form_versions',
  'campaigns',
  'statements',
  'submissions',
  'attachments',
  'reopen_requests',
  'acknowledgements',
];

function declaredRoutes(routers: Router[]) {
  return routers.flatMap((router) =>
    (router.stack as Array<{ methods: string[]; path: string; stack: Array<Partial<PolicyMiddleware>> }>).flatMap((layer) =>
      layer.methods
        .filter((m) => m !== 'HEAD')
        .map((method) => ({ key: `${method} ${layer.path}`, policies: layer.stack.filter((fn) => fn.policy).map((fn) => fn.policy) })),
    ),
  );
}

describe('access matrix', () => {
  let server: TestServer;
  let fixtures: AccessFixtures;
  const clients = new Map<Principal, ApiClient>();

  beforeAll(async () => {
    server = await startTestServer();
    fixtures = await buildAccessFixtures(server.state);
    for (const who of PRINCIPALS) {
      const client = new ApiClient(server.baseUrl);
      if (who !== 'ANONYMOUS') {
        const res = await client.login(fixtures.users[who].email, PASSWORD);
        if (!res.ok) throw new Error(`login ${who}: ${res.status}`);
      }
      clients.set(who, client);
    }
  }, 120_000);
  afterAll(() => server.close());

  it('every API route declares a policy (allow or publicRoute), exactly one', () => {
    const missing = declaredRoutes(capabilityRouters(server.state)).filter((r) => r.key !== 'GET /api/health' && r.policies.length !== 1);
    expect(missing.map((r) => r.key)).toEqual([]);
  });

  it('every API route has a row in the matrix or a suite of its own', () => {
    const inRows = new Set(ACCESS_ROWS.map((r) => `${r.method} ${r.route}`));
    const uncovered = declaredRoutes(capabilityRouters(server.state))
      .map((r) => r.key)
      .filter((key) => !inRows.has(key) && !(key in COVERED_ELSEWHERE));
    expect([...new Set(uncovered)]).toEqual([]);
  });

  async function stateCounts() {
    const counts: Record<string, number> = {};
    for (const table of STATE_TABLES) {
      const [rows] = await server.state.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`);
      counts[table] = Number((rows as Array<{ n: number }>)[0].n);
    }
    return counts;
  }

  const run = async (row: AccessRow, who: Principal) => {
    const client = clients.get(who)!;
    const body = row.body?.(fixtures, who);
    const res = await client.request(row.method, row.path(fixtures), row.method === 'GET' ? undefined : (body ?? {}));
    const text = await res.text();
    return { status: res.status, text };
  };

  describe('CSRF on every state-changing route', () => {
    const unsafe = [...new Map(ACCESS_ROWS.filter((r) => r.method !== 'GET').map((r) => [`${r.method} ${r.route}`, r])).values()];
    it.each(unsafe.map((row) => [`${row.method} ${row.route}`, row] as const))(
      '%s refuses a missing or wrong token and a foreign origin',
      async (_name, row) => {
        // Whoever passes the policy: the CSRF check must stop the request before it.
        const who =
          PRINCIPALS.find((p) => p !== 'ANONYMOUS' && !row.skip?.includes(p) && (row.expect[p] ?? row.otherwise) < 400) ?? 'PLATFORM_ADMIN';
        const client = clients.get(who)!;
        const body = row.method === 'DELETE' ? undefined : (row.body?.(fixtures, who) ?? {});
        const attempts: Array<Record<string, string>> = [
          { 'X-CSRF-Token': '' },
          { 'X-CSRF-Token': 'A'.repeat(43) },
          { Origin: 'https://ailleurs.example' },
          { 'Sec-Fetch-Site': 'cross-site' },
        ];
        for (const headers of attempts) {
          const res = await client.request(row.method, row.path(fixtures), body, headers);
          expect([res.status, (await readJson(res)).error?.code]).toEqual([403, 'csrf']);
        }
      },
    );
  });

  describe.each(ACCESS_ROWS.map((row) => [`${row.method} ${row.route} — ${row.name}`, row] as const))('%s', (_name, row) => {
    it('answers each principal as the policy says, and leaks nothing on refusal', async () => {
      const before = row.method === 'GET' ? await stateCounts() : undefined;
      const got: Partial<Record<Principal, number>> = {};
      const wanted: Partial<Record<Principal, number>> = {};
      const seen: Partial<Record<Principal, unknown>> = {};
      const visible: Partial<Record<Principal, unknown>> = {};
      for (const who of PRINCIPALS) {
        if (row.skip?.includes(who)) continue;
        wanted[who] = who === 'ANONYMOUS' ? (row.expect.ANONYMOUS ?? 401) : (row.expect[who] ?? row.otherwise);
        const { status, text } = await run(row, who);
        got[who] = status;
        if (row.sees && status === 200) {
          seen[who] = row.sees.read(/^[[{]/.test(text) ? JSON.parse(text) : text);
          visible[who] = row.sees.expect(fixtures)[who] ?? row.sees.otherwise;
        }
        if (status === 401 || status === 403 || status === 404) {
          // Refusals carry the common error shape and nothing else.
          expect(Object.keys(JSON.parse(text))).toEqual(['error']);
        }
      }
      expect(got).toEqual(wanted);
      expect(seen).toEqual(visible);
      if (before) expect(await stateCounts()).toEqual(before);
    });
  });
});
