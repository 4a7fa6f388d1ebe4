import { startFakeOidc, type FakeOidc, type Tamper } from '../../test/support/fake-oidc';
import { startTestServer, type TestServer } from '../../test/support/server';
import { ApiClient, readJson } from '../../test/server/support/client';
import { buildWorld, type World } from '../../test/server/support/world';

const PUBLIC_URL = 'http://harmonia.test';

describe('ProConnect (OIDC) for agents', () => {
  let op: FakeOidc;
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    op = await startFakeOidc();
    server = await startTestServer({
      PUBLIC_URL,
      PROCONNECT_ISSUER: op.issuer,
      PROCONNECT_CLIENT_ID: op.clientId,
      PROCONNECT_CLIENT_SECRET: op.clientSecret,
    });
    world = await buildWorld(server.state);
  });
  afterAll(async () => {
    await server.close();
    await op.close();
  });

  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .find((pair) => pair.startsWith(`${name}=`) && pair.length > name.length + 1);

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
