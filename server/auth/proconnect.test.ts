import { Op } from 'sequelize';
import { startFakeOidc, type FakeOidc, type Tamper } from '../../test/support/fake-oidc';
import { startTestServer, type TestServer } from '../../test/support/server';
import { ApiClient, readJson } from '../../test/server/support/client';
import { buildWorld, type World } from '../../test/server/support/world';
import { REQUEST_LIFETIME_MS } from './proconnect';
import { ADDRESS_LIMIT, ADDRESS_WINDOW_MS } from './throttle';

const PUBLIC_URL = 'http://harmonia.test';
/** What a browser sends when it navigates to a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A server configured for the fake OP, and the OP, for one describe block. */
function withProvider(env: Record<string, string> = {}) {
  const running = {} as { op: FakeOidc; server: TestServer; world: World };
  beforeAll(async () => {
    running.op = await startFakeOidc();
    running.server = await startTestServer({
      PUBLIC_URL,
      PROCONNECT_ISSUER: running.op.issuer,
      PROCONNECT_CLIENT_ID: running.op.clientId,
      PROCONNECT_CLIENT_SECRET: running.op.clientSecret,
      ...env,
    });
    running.world = await buildWorld(running.server.state);
  });
  afterAll(async () => {
    await running.server.close();
    await running.op.close();
  });
  return running;
}

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .find((pair) => pair.startsWith(`${name}=`) && pair.length > name.length + 1);

describe('ProConnect (OIDC) for agents', () => {
  const running = withProvider();
  let op: FakeOidc;
  let server: TestServer;
  let world: World;
  beforeAll(() => {
    ({ op, server, world } = running);
  });
  // Every request comes from 127.0.0.1 and each start (and refused callback) is a login attempt of
  // that address (see 'ProConnect address throttle' below): clear the counters, as auth.test.ts does.
  beforeEach(async () => {
    await server.state.models.LoginAttempt.destroy({ where: {} });
  });

  /** The browser's round trip: Harmonia → the OP (which signs `op.nextUser` in at once) → Harmonia's callback. */
  async function startLogin() {
    const start = await fetch(`${server.baseUrl}/api/auth/proconnect/login`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const binding = cookieOf(start, 'harmonia-oidc')!;
    const authorized = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    expect(authorized.status).toBe(302);
    const callback = new URL(authorized.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${PUBLIC_URL}/api/auth/proconnect/callback`);
    return { binding, callback: `${callback.pathname}${callback.search}` };
  }

  const callBack = (callback: string, binding?: string) =>
    fetch(`${server.baseUrl}${callback}`, { redirect: 'manual', headers: binding ? { Cookie: binding } : {} });

  async function logIn(email: string, amr: string[], tamper: Tamper = 'none') {
    op.nextUser = { sub: `sub-${email}`, email, amr, given_name: 'Camille', usual_name: 'Agent' };
    op.tamper = tamper;
    const { binding, callback } = await startLogin();
    return { res: await callBack(callback, binding), binding, callback };
  }

  async function expectRefused(res: Response) {
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/connexion?erreur=proconnect');
    expect(cookieOf(res, 'harmonia')).toBeUndefined();
  }

  async function sessionOf(res: Response) {
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const client = new ApiClient(server.baseUrl);
    client.cookie = cookieOf(res, 'harmonia');
    expect(client.cookie).toBeDefined();
    const me = await readJson(await client.get('/api/auth/me'));
    client.csrf = me.csrfToken;
    return { client, me };
  }

  it('says it is configured, so the login page shows its button', async () => {
    expect(await readJson(await fetch(`${server.baseUrl}/api/auth/providers`))).toEqual({ proConnect: true });
  });

  it('signs an agent in: state and nonce of 43 characters, PKCE, amr asked for; a new session', async () => {
    const { res } = await logIn(world.users.PREFECTURE.email, ['pwd']);
    const request = op.authorizeRequests.at(-1)!;
    expect(request.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(request.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    expect(request.get('state')).not.toBe(request.get('nonce'));
    expect(request.get('code_challenge_method')).toBe('S256');
    expect(JSON.parse(request.get('claims')!)).toEqual({ id_token: { amr: { essential: true } } });
    expect(request.get('scope')).toContain('email');
    expect(request.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/auth/proconnect/callback`);
    const { client, me } = await sessionOf(res);
    expect(me.user.email).toBe(world.users.PREFECTURE.email);
    expect(me.mfa).toBeNull();
    expect((await client.get('/api/statements')).status).toBe(200);
    const entry = await server.state.models.AuditEntry.findOne({ where: { action: 'auth.login' }, order: [['seq', 'DESC']] });
    expect(entry!.details).toMatchObject({ via: 'proconnect', mfa: false });
  });

  describe('rejects, and opens no session', () => {
    it('a wrong state', async () => {
      op.nextUser = { sub: 's', email: world.users.PREFECTURE.email };
      const { binding, callback } = await startLogin();
      const url = new URL(callback, PUBLIC_URL);
      url.searchParams.set('state', 'x'.repeat(43));
      await expectRefused(await callBack(`${url.pathname}${url.search}`, binding));
    });

    it('a replayed state (the same callback twice)', async () => {
      const { res, binding, callback } = await logIn(world.users.PREFECTURE_B.email, ['pwd']);
      await sessionOf(res);
      await expectRefused(await callBack(callback, binding));
    });

    it('a state started in another browser (no binding cookie, or another one)', async () => {
      op.nextUser = { sub: 's', email: world.users.PREFECTURE.email };
      const { callback } = await startLogin();
      await expectRefused(await callBack(callback));
      const other = await startLogin();
      const mine = await startLogin();
      await expectRefused(await callBack(mine.callback, other.binding));
    });

    it.each<[string, Tamper]>([
      ['a wrong nonce', 'wrong-nonce'],
      ['an unsigned id_token (alg: none)', 'alg-none'],
      ['an id_token for another client (aud)', 'wrong-aud'],
      ['an expired id_token', 'expired'],
      ['an id_token signed with a key not in the JWKS', 'foreign-key'],
    ])('%s', async (_name, tamper) => {
      const { res } = await logIn(world.users.PREFECTURE.email, ['pwd'], tamper);
      await expectRefused(res);
    });

    it('an e-mail with no account, or the account of a non-agent role: nothing is created', async () => {
      const users = await server.state.models.User.count();
      await expectRefused((await logIn('inconnu@example.gouv.fr', ['pwd', 'mfa'])).res);
      await expectRefused((await logIn(world.users.ORG_SIGNATAIRE.email, ['pwd', 'mfa'])).res);
      expect(await server.state.models.User.count()).toBe(users);
    });
  });

  it('leaves a privileged agent without mfa in amr at the local second factor; with mfa, the session is complete', async () => {
    const withoutMfa = await sessionOf((await logIn(world.users.DHUP.email, ['pwd'])).res);
    expect(withoutMfa.me.mfa).toBe('enrol');
    expect((await withoutMfa.client.get('/api/statements')).status).toBe(403);
    const withMfa = await sessionOf((await logIn(world.users.DHUP.email, ['pwd', 'mfa'])).res);
    expect(withMfa.me.mfa).toBeNull();
    expect((await withMfa.client.get('/api/statements')).status).toBe(200);
  });

  it('sends the browser to the provider’s end_session endpoint at logout', async () => {
    const { client } = await sessionOf((await logIn(world.users.PREFECTURE.email, ['pwd'])).res);
    const res = await client.post('/api/auth/logout');
    expect(res.status).toBe(200);
    const url = new URL((await readJson(res)).endSessionUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${op.issuer}/session/end`);
    expect(url.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/connexion`);
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });
});

describe('ProConnect not configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('hides the button and answers 404 on its routes', async () => {
    expect(await readJson(await fetch(`${server.baseUrl}/api/auth/providers`))).toEqual({ proConnect: false });
    expect((await fetch(`${server.baseUrl}/api/auth/proconnect/login`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/api/auth/proconnect/callback?state=x&code=y`, { redirect: 'manual' })).status).toBe(404);
  });
});

/**
 * The address throttle of the ProConnect routes (ASVS 2.2.1, 11.1.4; docs/decisions/0505): a login
 * start writes a row, so it is a login attempt of its address; so is a refused callback. Behind a
 * trusted proxy, so that X-Forwarded-For gives each test its own addresses.
 */
describe('ProConnect address throttle', () => {
  const running = withProvider({ TRUST_PROXY: 'true' });
  let op: FakeOidc;
  let server: TestServer;
  let world: World;
  beforeAll(() => {
    ({ op, server, world } = running);
  });

  const models = () => server.state.models;

  const get = (path: string, address: string, cookie?: string) =>
    fetch(`${server.baseUrl}${path}`, {
      redirect: 'manual',
      headers: { 'X-Forwarded-For': address, 'X-Forwarded-Proto': 'https', ...(cookie ? { Cookie: cookie } : {}) },
    });
  const startFrom = (address: string) => get('/api/auth/proconnect/login', address);
  const bindingOf = (res: Response) => cookieOf(res, '__Host-harmonia-oidc');

  /** Harmonia → the OP (which signs the PREFECTURE agent in at once) → the callback to follow. */
  async function authorizedFrom(address: string) {
    op.nextUser = { sub: 'sub-prefecture', email: world.users.PREFECTURE.email, amr: ['pwd'] };
    const start = await startFrom(address);
    expect(start.status).toBe(302);
    const authorized = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callback = new URL(authorized.headers.get('location')!);
    return { binding: bindingOf(start)!, callback: `${callback.pathname}${callback.search}` };
  }
  const refusedCallback = (address: string) => get(`/api/auth/proconnect/callback?code=x&state=${'x'.repeat(43)}`, address);

  /** What the user is told over the limit, and how long to wait. */
  async function expectThrottled(res: Response): Promise<number> {
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(ADDRESS_WINDOW_MS / 1000);
    expect(await readJson(res)).toEqual({
      error: {
        code: 'too_many_requests',
        message: expect.stringMatching(/^Trop de tentatives de connexion depuis cette adresse\. Réessayez dans \d+ secondes?\.$/),
        details: { retryAfter },
      },
    });
    expect(res.headers.get('location')).toBeNull();
    expect(bindingOf(res)).toBeUndefined();
    return retryAfter;
  }

  /** The clock moves on: the address's attempts are made older, as if `seconds` had passed. */
  async function wait(address: string, seconds: number) {
    for (const attempt of await models().LoginAttempt.findAll({ where: { address } })) {
      await attempt.update({ at: new Date(attempt.at.getTime() - seconds * 1000) });
    }
  }

  it(`lets ${ADDRESS_LIMIT} logins start from one address, then answers 429 and writes nothing, until Retry-After has passed`, async () => {
    const address = '198.51.100.1';
    for (let i = 0; i < ADDRESS_LIMIT; i += 1) {
      const res = await startFrom(address);
      expect({ i, status: res.status }).toEqual({ i, status: 302 });
    }
    const rows = await models().OidcLogin.count();
    const attempts = await models().LoginAttempt.count();
    const retryAfter = await expectThrottled(await startFrom(address));
    expect(await models().OidcLogin.count()).toBe(rows);
    expect(await models().LoginAttempt.count()).toBe(attempts);

    // Another address is not affected.
    const other = await startFrom('198.51.100.2');
    expect(other.status).toBe(302);
    expect(bindingOf(other)).toBeDefined();
    expect(await models().OidcLogin.count()).toBe(rows + 1);

    await expectThrottled(await startFrom(address));
    await wait(address, retryAfter);
    const again = await startFrom(address);
    expect(again.status).toBe(302);
    expect(new URL(again.headers.get('location')!).origin).toBe(op.issuer);
  });

  it('counts refused callbacks: over the limit even a valid callback waits (429, no audit entry), then signs in', async () => {
    const address = '198.51.100.3';
    const { binding, callback } = await authorizedFrom(address);
    for (let i = 1; i < ADDRESS_LIMIT; i += 1) {
      const res = await refusedCallback(address);
      expect({ i, location: res.headers.get('location') }).toEqual({ i, location: '/connexion?erreur=proconnect' });
    }
    const audited = await models().AuditEntry.count();
    const retryAfter = await expectThrottled(await get(callback, address, binding));
    expect(await models().AuditEntry.count()).toBe(audited);
    expect((await refusedCallback('198.51.100.4')).headers.get('location')).toBe('/connexion?erreur=proconnect');

    await wait(address, retryAfter);
    const signedIn = await get(callback, address, binding);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('location')).toBe('/');
  });

  it('sends a browser over the limit back to the login page with the wait, writing nothing', async () => {
    const address = '198.51.100.7';
    for (let i = 0; i < ADDRESS_LIMIT; i += 1) expect((await startFrom(address)).status).toBe(302);
    const rows = await models().OidcLogin.count();
    const navigate = (path: string) =>
      fetch(`${server.baseUrl}${path}`, {
        redirect: 'manual',
        headers: { 'X-Forwarded-For': address, 'X-Forwarded-Proto': 'https', Accept: BROWSER_ACCEPT },
      });
    for (const path of ['/api/auth/proconnect/login', '/api/auth/proconnect/callback?code=x&state=y']) {
      const res = await navigate(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toMatch(/^\/connexion\?erreur=proconnect-attente&delai=([1-9]|1[0-5])$/);
      expect(bindingOf(res)).toBeUndefined();
    }
    expect(await models().OidcLogin.count()).toBe(rows);
  });

  it('counts a successful login once, at its start', async () => {
    const address = '198.51.100.5';
    const { binding, callback } = await authorizedFrom(address);
    expect((await get(callback, address, binding)).headers.get('location')).toBe('/');
    expect(await models().LoginAttempt.count({ where: { address } })).toBe(1);
  });

  it('deletes authorization requests older than their lifetime at the next start', async () => {
    const old = new Date(Date.now() - REQUEST_LIFETIME_MS - 1000);
    await models().OidcLogin.create({ id: 'e'.repeat(64), browser: 'b'.repeat(64), nonce: 'n', codeVerifier: 'v', createdAt: old });
    expect((await startFrom('198.51.100.6')).status).toBe(302);
    expect(await models().OidcLogin.findByPk('e'.repeat(64))).toBeNull();
    expect(await models().OidcLogin.count({ where: { createdAt: { [Op.lt]: new Date(Date.now() - REQUEST_LIFETIME_MS) } } })).toBe(0);
  });
});

describe('ProConnect unreachable', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Nothing listens on port 9 of the loopback: discovery fails at once.
    server = await startTestServer({
      PUBLIC_URL,
      PROCONNECT_ISSUER: 'http://127.0.0.1:9/',
      PROCONNECT_CLIENT_ID: 'harmonia',
      PROCONNECT_CLIENT_SECRET: 'secret',
    });
  });
  afterAll(() => server.close());

  it('sends a browser back to the login page with a message, and answers a JSON client 500', async () => {
    const page = await fetch(`${server.baseUrl}/api/auth/proconnect/login`, { redirect: 'manual', headers: { Accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/connexion?erreur=proconnect-indisponible');
    const api = await fetch(`${server.baseUrl}/api/auth/proconnect/login`, { redirect: 'manual' });
    expect(api.status).toBe(500);
    expect((await readJson(api)).error.code).toBe('internal');
    expect(await server.state.models.OidcLogin.count()).toBe(0);
  });
});
