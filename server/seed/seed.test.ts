import { boot } from '../boot';
import { readConfig } from '../config';
import type { AppState } from '../context';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { ApiClient } from '../../test/server/support/client';
import { createApp } from '../app';
import { ROLES } from '../db/models';
import { isValidSiren } from '../referential/siren';
import { DEMO_PASSWORD, demoLogins, seedDemo } from '.';

// The statements' own seed is tested in test/server/seed-statements.test.ts: here, only that it is called.
const seedStatements = jest.fn(async () => ({ stubbed: true }));
jest.mock('./statements', () => ({ seedStatements: (...args: unknown[]) => seedStatements(...(args as [])) }));

describe('demo seed', () => {
  let database: TestDatabase;
  let state: AppState;
  beforeAll(async () => {
    database = await createTestDatabase();
    state = await boot(readConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => {
    await state.sequelize.close();
    await database.drop();
  });

  it('does nothing with SEED_DEMO=0', async () => {
    expect(await seedDemo({ ...state, config: { ...state.config, seedDemo: false } })).toBeNull();
    expect(await state.models.User.count()).toBe(0);
  });

  it('loads the referential, accounts for every role, the catalogue and campaigns on an empty database', async () => {
    const report = (await seedDemo(state))!;
    const { Authority, Federation, Organisation, User, FormVersion, Campaign } = state.models;
    expect((await Authority.findAll()).map((a) => a.code).sort()).toEqual([
      'ANCOLS',
      'CDC',
      'CGLLS',
      'DHUP',
      'PREF-13',
      'PREF-69',
      'PREF-75',
    ]);
    expect((await Federation.findAll()).map((f) => f.code).sort()).toEqual(['FEDEPL', 'FESH', 'FNSCHLM', 'FOPH', 'USH']);
    const organisations = await Organisation.findAll();
    expect(organisations).toHaveLength(72);
    expect(organisations.every((o) => isValidSiren(o.siren))).toBe(true);
    for (const kind of ['OPH', 'ESH', 'COOP', 'SEM', 'MOI', 'SC']) expect(organisations.filter((o) => o.kind === kind)).toHaveLength(12);
    for (const dep of ['69', '75', '13']) expect(organisations.some((o) => o.departement === dep)).toBe(true);
    expect(new Set((await User.findAll()).map((u) => u.role))).toEqual(new Set(ROLES));
    expect(report.logins.map((l) => l.role)).toEqual(expect.arrayContaining([...ROLES]));
    expect(report.skipped).toEqual([]);
    expect(report.published.length).toBeGreaterThanOrEqual(2);
    expect(await FormVersion.count({ where: { status: 'published' } })).toBe(report.published.length);
    const campaigns = await Campaign.findAll();
    expect(campaigns).toHaveLength(report.published.length);
    const latest = Math.max(...campaigns.map((c) => c.exercice));
    for (const c of campaigns) {
      if (c.exercice === latest) {
        expect(c.status).toBe('open');
        expect(c.opensAt.getTime()).toBeLessThan(Date.now());
        expect(c.closesAt.getTime()).toBeGreaterThan(Date.now());
      } else expect(c.status).toBe('closed');
    }
    expect(seedStatements).toHaveBeenCalledTimes(1);
    expect(report.statements).toEqual({ stubbed: true });
  }, 180_000);

  it('runs only once', async () => {
    const users = await state.models.User.count();
    expect(await seedDemo(state)).toBeNull();
    expect(await state.models.User.count()).toBe(users);
    expect(seedStatements).toHaveBeenCalledTimes(1);
  });

  it('lists the demo logins, which work with the documented password', async () => {
    const logins = await demoLogins(state);
    expect(logins.length).toBeGreaterThanOrEqual(ROLES.length);
    const server = createApp(state).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as { port: number };
      for (const role of ['DHUP', 'ORG_SIGNATAIRE', 'PLATFORM_ADMIN']) {
        const login = logins.find((l) => l.role === role)!;
        expect((await new ApiClient(`http://127.0.0.1:${port}`).login(login.email, DEMO_PASSWORD)).status).toBe(200);
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
