import { startTestServer, type TestServer } from '../../test/support/server';
import { readJson } from '../../test/server/support/client';
import { buildWorld, clientFor, type World } from '../../test/server/support/world';

describe('#audit routes', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
  });
  afterAll(() => server.close());

  it('lists entries newest first, filtered, and reports a tampered chain', async () => {
    const ancols = await clientFor(server.baseUrl, world, 'ANCOLS');
    await clientFor(server.baseUrl, world, 'DHUP');
    const { entries } = await readJson(await ancols.get('/api/audit'));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0].seq).toBeGreaterThan(entries[1].seq);
    const dhupLogins = await readJson(await ancols.get(`/api/audit?objectType=user&objectId=${world.users.DHUP.id}`));
    expect(dhupLogins.entries.map((e: { action: string }) => e.action)).toEqual(['auth.mfa_enrolled', 'auth.login']);
    expect(await readJson(await ancols.get('/api/audit/verify'))).toEqual({ ok: true, count: expect.any(Number) });
    await server.state.models.AuditEntry.update({ actor: 'quelqu’un d’autre' }, { where: { seq: 1 } });
    expect(await readJson(await ancols.get('/api/audit/verify'))).toMatchObject({ ok: false, seq: 1, reason: 'hash' });
  });

  it('is closed to everyone else', async () => {
    const dhup = await clientFor(server.baseUrl, world, 'DHUP');
    expect((await dhup.get('/api/audit')).status).toBe(403);
    expect((await fetch(`${server.baseUrl}/api/audit`)).status).toBe(401);
  });
});
