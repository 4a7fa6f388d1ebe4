import { startTestServer, type TestServer } from '../../test/support/server';
import { ApiClient, readJson } from '../../test/server/support/client';
import { PASSWORD, buildWorld, clientFor, type World } from '../../test/server/support/world';
import { verifyAuditChain } from '../audit/log';
import { IDLE_TIMEOUT_MS } from './sessions';
import { ACCOUNT_MAX_FAILURES, ADDRESS_LIMIT, throttledAddress } from './throttle';

describe('authentication', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
  });
  afterAll(() => server.close());

  const email = (key: string) => world.users[key].email;
  // Each test uses its own client address (X-Forwarded-For is ignored without TRUST_PROXY), so clear the address counters.
  beforeEach(async () => {
    await server.state.models.LoginAttempt.destroy({ where: {} });
  });

  describe('#auth.login', () => {
    it('opens a session with an httpOnly, SameSite=Lax cookie and answers who is connected', async () => {
      const client = new ApiClient(server.baseUrl);
      const res = await client.login(email('ORG_SAISIE'), PASSWORD);
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie()[0];
      expect(cookie).toMatch(/^harmonia=[A-Za-z0-9_-]{43}; /);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
      expect(cookie).not.toMatch(/Domain=/i);
      const body = await readJson(res);
      expect(body.user).toEqual({ id: world.users.ORG_SAISIE.id, email: email('ORG_SAISIE'), name: 'ORG_SAISIE', role: 'ORG_SAISIE' });
      expect(body.organisation.siren).toBe('732829320');
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body).not.toHaveProperty('user.passwordHash');
    });

    it('stores only a hash of the session id', async () => {
      const client = await clientFor(server.baseUrl, world, 'DHUP');
      const token = client.cookie!.split('=')[1];
      const rows = await server.state.models.Session.findAll({ where: { userId: world.users.DHUP.id } });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.id)).not.toContain(token);
    });

    it('answers the same 401 for an unknown account and a wrong password', async () => {
      const unknown = await new ApiClient(server.baseUrl).login('personne@test.harmonia.fr', PASSWORD);
      const wrong = await new ApiClient(server.baseUrl).login(email('PARTNER'), 'mauvais mot de passe');
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(await readJson(unknown)).toEqual(await readJson(wrong));
    });

    it('refuses unknown keys (422) and prototype keys in the body, and nothing is polluted', async () => {
      const res = await new ApiClient(server.baseUrl).post('/api/auth/login', {
        email: email('PARTNER'),
        password: PASSWORD,
        role: 'PLATFORM_ADMIN',
      });
      expect(res.status).toBe(422);
      // A __proto__ key makes the whole body invalid (400); constructor/prototype keys are stripped.
      const proto = await new ApiClient(server.baseUrl).post(
        '/api/auth/login',
        `{"email":"${email('PARTNER')}","password":"${PASSWORD}","__proto__":{"polluted":true}}`,
      );
      expect(proto.status).toBe(400);
      const ctor = await new ApiClient(server.baseUrl).post(
        '/api/auth/login',
        `{"email":"${email('PARTNER')}","password":"${PASSWORD}","constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}`,
      );
      expect(ctor.status).toBe(200);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('gives a new session id at every login and the pre-login cookie no longer works (no fixation)', async () => {
      const client = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
      const before = client.cookie!;
      await client.login(email('ORG_SAISIE'), PASSWORD);
      expect(client.cookie).not.toBe(before);
      expect((await client.get('/api/auth/me')).status).toBe(200);
      const replay = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { Cookie: before } });
      expect(replay.status).toBe(401);
    });

    it('keeps the session a mistyped password was sent with', async () => {
      const client = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
      const session = client.cookie!;
      expect((await client.login(email('ORG_SAISIE'), 'pas le bon')).status).toBe(401);
      const me = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { Cookie: session } });
      expect(me.status).toBe(200);
    });

    it('locks an account after 6 failures with the bad-password message, even for the right password', async () => {
      const key = 'ORG_SAISIE_B';
      const attempts: Response[] = [];
      for (let i = 0; i < ACCOUNT_MAX_FAILURES; i += 1) attempts.push(await new ApiClient(server.baseUrl).login(email(key), 'faux'));
      const badBody = await attempts[0].json();
      const locked = await new ApiClient(server.baseUrl).login(email(key), PASSWORD);
      expect(locked.status).toBe(401);
      expect(await readJson(locked)).toEqual(badBody);
      const user = await server.state.models.User.findByPk(world.users[key].id);
      expect(user!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 59 * 60 * 1000);
      // After the hour, the right password works again.
      await user!.update({ lockedUntil: new Date(Date.now() - 1000) });
      expect((await new ApiClient(server.baseUrl).login(email(key), PASSWORD)).status).toBe(200);
    });

    it(`throttles an address after ${ADDRESS_LIMIT} attempts in 15 s with 429 and Retry-After`, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < ADDRESS_LIMIT; i += 1)
        statuses.push((await new ApiClient(server.baseUrl).login(`x${i}@test.harmonia.fr`, 'faux')).status);
      expect(new Set(statuses)).toEqual(new Set([401]));
      const throttled = await new ApiClient(server.baseUrl).login(email('DHUP'), PASSWORD);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await readJson(throttled)).error.code).toBe('too_many_requests');
    });
  });

  describe('#auth.me', () => {
    it('answers 401 without a session', async () => {
      const res = await fetch(`${server.baseUrl}/api/auth/me`);
      expect(res.status).toBe(401);
      expect((await readJson(res)).error.code).toBe('unauthenticated');
    });

    it('ends a session idle for more than an hour', async () => {
      const client = await clientFor(server.baseUrl, world, 'FED_AGENT');
      await server.state.models.Session.update(
        { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) },
        { where: { userId: world.users.FED_AGENT.id } },
      );
      expect((await client.get('/api/auth/me')).status).toBe(401);
    });

    it('ends a session past its absolute lifetime even when active', async () => {
      const client = await clientFor(server.baseUrl, world, 'FED_EDITOR');
      await server.state.models.Session.update(
        { expiresAt: new Date(Date.now() - 1000) },
        { where: { userId: world.users.FED_EDITOR.id } },
      );
      expect((await client.get('/api/auth/me')).status).toBe(401);
    });

    it('ends every session of a disabled user at the next request', async () => {
      const client = await clientFor(server.baseUrl, world, 'ANCOLS');
      await server.state.models.User.update({ disabled: true }, { where: { id: world.users.ANCOLS.id } });
      try {
        expect((await client.get('/api/auth/me')).status).toBe(401);
      } finally {
        await server.state.models.User.update({ disabled: false }, { where: { id: world.users.ANCOLS.id } });
      }
    });
  });

  describe('#auth.logout', () => {
    it('needs the CSRF token, then invalidates the session server-side', async () => {
      const client = await clientFor(server.baseUrl, world, 'PREFECTURE');
      const cookie = client.cookie!;
      const withoutToken = await fetch(`${server.baseUrl}/api/auth/logout`, { method: 'POST', headers: { Cookie: cookie } });
      expect(withoutToken.status).toBe(403);
      expect((await readJson(withoutToken)).error.code).toBe('csrf');
      const res = await client.post('/api/auth/logout');
      expect(res.status).toBe(204);
      expect(res.headers.getSetCookie()[0]).toMatch(/^harmonia=; Max-Age=0/);
      const replay = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { Cookie: cookie } });
      expect(replay.status).toBe(401);
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing request from another site even with the right token', async () => {
      const client = await clientFor(server.baseUrl, world, 'PREFECTURE_B');
      expect((await client.post('/api/auth/logout', {}, { Origin: 'https://evil.example' })).status).toBe(403);
      expect((await client.post('/api/auth/logout', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
      expect((await client.post('/api/auth/logout', {}, { 'X-CSRF-Token': 'x'.repeat(43) })).status).toBe(403);
      expect((await client.get('/api/auth/me')).status).toBe(200);
    });

    it('refuses a cross-site login (login CSRF)', async () => {
      const res = await new ApiClient(server.baseUrl).post(
        '/api/auth/login',
        { email: email('DHUP'), password: PASSWORD },
        { Origin: 'https://evil.example' },
      );
      expect(res.status).toBe(403);
    });
  });

  it('records logins, failures and locks in a valid audit chain', async () => {
    const actions = (await server.state.models.AuditEntry.findAll()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'auth.account_locked', 'auth.logout']));
    expect(await verifyAuditChain(server.state)).toEqual({ ok: true, count: actions.length });
  });
});

describe('authentication behind a TLS proxy', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    world = await buildWorld(server.state);
  });
  afterAll(() => server.close());

  it('names the cookie __Host-harmonia and marks it Secure', async () => {
    const res = await new ApiClient(server.baseUrl).post(
      '/api/auth/login',
      { email: world.users.DHUP.email, password: PASSWORD },
      { 'X-Forwarded-Proto': 'https' },
    );
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^__Host-harmonia=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
  });
});

describe('the address budget of IPv6 clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server.close());

  it('counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    expect(throttledAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttledAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttledAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(throttledAddress('192.0.2.7')).toBe('192.0.2.7');
    expect(throttledAddress('not an address')).toBe('not an address');
  });

  it('refuses a /64 whose addresses shared the attempts, not the next /64', async () => {
    const from = (address: string) =>
      new ApiClient(server.baseUrl).post(
        '/api/auth/login',
        { email: 'x@test.harmonia.fr', password: 'faux' },
        { 'X-Forwarded-For': address },
      );
    for (let i = 0; i < ADDRESS_LIMIT; i += 1) expect((await from(`2001:db8:1:2::${(i + 1).toString(16)}`)).status).toBe(401);
    expect((await from('2001:db8:1:2:ffff::99')).status).toBe(429);
    expect((await from('2001:db8:1:3::1')).status).toBe(401);
  });
});
