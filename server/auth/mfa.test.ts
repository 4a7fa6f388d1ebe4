import type Router from '@koa/router';
import { startTestServer, type TestServer } from '../../test/support/server';
import { ApiClient, readJson, rememberSecondFactor } from '../../test/server/support/client';
import { PASSWORD, buildWorld, clientFor, type World } from '../../test/server/support/world';
import { verifyAuditChain } from '../audit/log';
import type { PolicyMiddleware } from '../policies/middleware';
import { capabilityRouters } from '../routes';
import { PRIVILEGED_ROLES } from './mfa';
import { STEP_MS, T0, realNow, useTotpClock } from './mfa-test-clock';
import { ACCOUNT_MAX_FAILURES, ADDRESS_LIMIT } from './throttle';
import { codeAt, decryptSecret, encryptSecret } from './totp';

describe('second factor (TOTP) for privileged roles', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
  });
  afterAll(() => server.close());
  const clock = useTotpClock();
  beforeEach(async () => {
    await server.state.models.LoginAttempt.destroy({ where: {} });
  });

  const email = (key: string) => world.users[key].email;
  const userRow = (key: string) => server.state.models.User.findByPk(world.users[key].id);

  /** The password step only, and the enrolment the server offers. */
  async function enrolling(key: string) {
    const client = new ApiClient(server.baseUrl);
    const res = await client.passwordLogin(email(key), PASSWORD);
    expect(res.status).toBe(200);
    expect((await readJson(res)).mfa).toBe('enrol');
    const enrolment = await readJson(await client.post('/api/auth/mfa/enrolment'));
    return { client, secret: enrolment.secret as string, enrolment };
  }

  async function enrolled(key: string, at = clock.now) {
    const { client, secret } = await enrolling(key);
    expect((await client.post('/api/auth/mfa/enrolment/confirm', { code: codeAt(secret, at) })).status).toBe(200);
    return { client, secret };
  }

  it('asks exactly the privileged roles for a second factor', async () => {
    expect([...PRIVILEGED_ROLES].sort()).toEqual(['DHUP', 'ER_EDITOR', 'FED_EDITOR', 'PLATFORM_ADMIN']);
    for (const key of ['ORG_ADMIN', 'ORG_SAISIE', 'ORG_SIGNATAIRE', 'FED_AGENT', 'PREFECTURE', 'PARTNER']) {
      const res = await new ApiClient(server.baseUrl).passwordLogin(email(key), PASSWORD);
      expect((await readJson(res)).mfa).toBeNull();
    }
    for (const key of ['DHUP', 'ER_EDITOR', 'FED_EDITOR_B', 'PLATFORM_ADMIN']) {
      const res = await new ApiClient(server.baseUrl).passwordLogin(email(key), PASSWORD);
      expect((await readJson(res)).mfa).toBe('enrol');
    }
  });

  it('before enrolment, answers 403 mfa_required on every route but its own, logout and session info', async () => {
    const client = new ApiClient(server.baseUrl);
    await client.passwordLogin(email('FED_EDITOR'), PASSWORD);
    const routes = capabilityRouters(server.state).flatMap((router: Router) =>
      (router.stack as Array<{ methods: string[]; path: string; stack: Array<Partial<PolicyMiddleware>> }>).flatMap((layer) =>
        layer.methods
          .filter((m) => m !== 'HEAD')
          .map((method) => ({ method, path: layer.path, policy: layer.stack.find((fn) => fn.policy)?.policy })),
      ),
    );
    const guarded = routes.filter((r) => r.policy && 'action' in r.policy);
    expect(guarded.length).toBeGreaterThan(40);
    for (const route of guarded) {
      const path = route.path.replace(/:[A-Za-z]+/g, '1');
      const res = await client.request(route.method, path, route.method === 'GET' ? undefined : {});
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
      });
      const body = await readJson(res);
      expect(body.error.code).toBe('mfa_required');
      expect(body.error.message).toMatch(/Double authentification requise/);
    }
    const signedInOnly = routes.filter((r) => r.policy && 'signedIn' in r.policy).map((r) => `${r.method} ${r.path}`);
    expect(signedInOnly.sort()).toEqual([
      'GET /api/auth/me',
      'POST /api/auth/mfa/enrolment',
      'POST /api/auth/mfa/enrolment/confirm',
      'POST /api/auth/mfa/recovery-codes',
      'POST /api/auth/mfa/verify',
    ]);
    // Regenerating recovery codes needs a complete session, although its policy is signedIn().
    const regenerate = await client.post('/api/auth/mfa/recovery-codes', { code: '123456' });
    expect({ status: regenerate.status, code: (await readJson(regenerate)).error?.code }).toEqual({ status: 403, code: 'mfa_required' });
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect((await readJson(me)).mfa).toBe('enrol');
    expect((await client.post('/api/auth/mfa/verify', { code: '123456' })).status).toBe(409);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('answers a confirmation sent before the enrolment started with 409, not as a wrong code', async () => {
    const client = new ApiClient(server.baseUrl);
    expect((await readJson(await client.passwordLogin(email('ER_EDITOR'), PASSWORD))).mfa).toBe('enrol');
    const early = await client.post('/api/auth/mfa/enrolment/confirm', { code: '123456' });
    expect(early.status).toBe(409);
    expect((await readJson(early)).error.message).toMatch(/^Aucune application n’est en cours d’enrôlement/);
    expect((await userRow('ER_EDITOR'))!.failedLogins).toBe(0);
  });

  it('enrols with a secret, its otpauth URI and QR code, confirmed by a valid code; the session id is renewed', async () => {
    const { client, secret, enrolment } = await enrolling('ER_EDITOR');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Harmonia:er_editor%40test\.harmonia\.fr\?/);
    expect(enrolment.uri).toContain(`secret=${secret}`);
    expect(enrolment.uri).toMatch(/algorithm=SHA1&digits=6&period=30/);
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(enrolment.qrCode.split(',')[1], 'base64').toString()).toMatch(/^<svg /);
    // Asking again (a reload) shows the same secret until it is confirmed.
    expect((await readJson(await client.post('/api/auth/mfa/enrolment'))).secret).toBe(secret);

    const wrong = await client.post('/api/auth/mfa/enrolment/confirm', { code: codeAt(secret, clock.now + 5 * STEP_MS) });
    expect(wrong.status).toBe(401);
    expect((await readJson(wrong)).error.code).toBe('bad_code');
    expect((await userRow('ER_EDITOR'))!.mfaEnabled).toBe(false);

    const pendingCookie = client.cookie!;
    const ok = await client.post('/api/auth/mfa/enrolment/confirm', { code: codeAt(secret, clock.now) });
    expect(ok.status).toBe(200);
    const me = await readJson(ok);
    expect(me.mfa).toBeNull();
    expect(me.user.role).toBe('ER_EDITOR');
    expect(client.cookie).not.toBe(pendingCookie);
    client.csrf = me.csrfToken;
    expect((await client.get('/api/forms')).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/auth/me`, { headers: { Cookie: pendingCookie } })).status).toBe(401);
    expect((await userRow('ER_EDITOR'))!.mfaEnabled).toBe(true);
  });

  it('stores the secret encrypted (AES-256-GCM bound to the account), never the base32 secret', async () => {
    const { secret } = await enrolled('FED_EDITOR_B');
    const [rows] = await server.state.sequelize.query('SELECT mfa_secret FROM users WHERE id = ?', {
      replacements: [world.users.FED_EDITOR_B.id],
    });
    const stored = (rows as Array<{ mfa_secret: string }>)[0].mfa_secret;
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^v1\./);
    expect(decryptSecret(server.state.config.mfaKey, world.users.FED_EDITOR_B.id, stored)).toBe(secret);
    // Copied onto another account's row, or read with another key, it does not decrypt.
    expect(decryptSecret(server.state.config.mfaKey, world.users.DHUP.id, stored)).toBeNull();
    expect(decryptSecret(Buffer.alloc(32, 7), world.users.FED_EDITOR_B.id, stored)).toBeNull();
    // Two encryptions of one secret differ (fresh IV).
    expect(encryptSecret(server.state.config.mfaKey, 1, secret)).not.toBe(encryptSecret(server.state.config.mfaKey, 1, secret));
  });

  it('once enrolled, waits for a code at every login: wrong, replayed and expired codes are refused', async () => {
    const { secret } = await enrolled('PLATFORM_ADMIN');
    const enrolmentCode = codeAt(secret, clock.now);
    const client = new ApiClient(server.baseUrl);
    expect((await readJson(await client.passwordLogin(email('PLATFORM_ADMIN'), PASSWORD))).mfa).toBe('verify');
    expect((await client.get('/api/organisations')).status).toBe(403);
    // No enrolment once enrolled: the secret is never shown again.
    expect((await client.post('/api/auth/mfa/enrolment')).status).toBe(409);

    const refused = async (code: string) => {
      const res = await client.post('/api/auth/mfa/verify', { code });
      return { status: res.status, code: (await readJson(res)).error?.code };
    };
    expect(await refused('000000' === enrolmentCode ? '111111' : '000000')).toEqual({ status: 401, code: 'bad_code' });
    expect(await refused('12345')).toEqual({ status: 422, code: 'invalid' });
    // The code used at enrolment, within its window: a replay.
    clock.now += 10_000;
    expect(await refused(enrolmentCode)).toEqual({ status: 401, code: 'bad_code' });
    // A code two steps old (60 s): expired. One two steps ahead: not yet valid.
    clock.now = T0 + 10 * STEP_MS;
    expect(await refused(codeAt(secret, clock.now - 2 * STEP_MS))).toEqual({ status: 401, code: 'bad_code' });
    expect(await refused(codeAt(secret, clock.now + 2 * STEP_MS))).toEqual({ status: 401, code: 'bad_code' });
    // One step of drift either way is accepted.
    const pendingCookie = client.cookie!;
    const ok = await client.post('/api/auth/mfa/verify', { code: codeAt(secret, clock.now - STEP_MS) });
    expect(ok.status).toBe(200);
    expect((await readJson(ok)).mfa).toBeNull();
    expect(client.cookie).not.toBe(pendingCookie);
    expect((await fetch(`${server.baseUrl}/api/auth/me`, { headers: { Cookie: pendingCookie } })).status).toBe(401);
    // That code again, from another login in the same window: replayed.
    const again = new ApiClient(server.baseUrl);
    await again.passwordLogin(email('PLATFORM_ADMIN'), PASSWORD);
    expect((await again.post('/api/auth/mfa/verify', { code: codeAt(secret, clock.now - STEP_MS) })).status).toBe(401);
    expect((await again.post('/api/auth/mfa/verify', { code: codeAt(secret, clock.now + STEP_MS) })).status).toBe(200);
    await server.state.models.User.update({ failedLogins: 0 }, { where: { id: world.users.PLATFORM_ADMIN.id } });
  });

  it('accepts one code once even when sent twice at the same moment', async () => {
    const { secret } = await enrolled('FED_EDITOR');
    clock.now += 3 * STEP_MS;
    const clients = [new ApiClient(server.baseUrl), new ApiClient(server.baseUrl)];
    for (const c of clients) await c.passwordLogin(email('FED_EDITOR'), PASSWORD);
    const statuses = await Promise.all(
      clients.map((c) => c.post('/api/auth/mfa/verify', { code: codeAt(secret, clock.now) }).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([200, 401]);
    await server.state.models.User.update({ failedLogins: 0 }, { where: { id: world.users.FED_EDITOR.id } });
  });

  it(`locks the account after ${ACCOUNT_MAX_FAILURES} wrong codes, with the same message, even for the right code`, async () => {
    const { secret } = await enrolled('DHUP');
    clock.now += 5 * STEP_MS;
    const client = new ApiClient(server.baseUrl);
    await client.passwordLogin(email('DHUP'), PASSWORD);
    const bodies = [];
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i += 1)
      bodies.push(
        await readJson(await client.post('/api/auth/mfa/verify', { code: codeAt(secret, clock.now + 4 * STEP_MS + i * STEP_MS) })),
      );
    const locked = await client.post('/api/auth/mfa/verify', { code: codeAt(secret, clock.now) });
    expect(locked.status).toBe(401);
    expect(await readJson(locked)).toEqual(bodies[0]);
    expect((await userRow('DHUP'))!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // The password step is locked too, like after wrong passwords.
    expect((await new ApiClient(server.baseUrl).passwordLogin(email('DHUP'), PASSWORD)).status).toBe(401);
    await server.state.models.User.update({ lockedUntil: null, failedLogins: 0 }, { where: { id: world.users.DHUP.id } });
    const actions = (await server.state.models.AuditEntry.findAll({ where: { objectId: world.users.DHUP.id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.mfa_enrolled', 'auth.mfa_failed', 'auth.account_locked']));
  });

  it(`throttles an address after ${ADDRESS_LIMIT} attempts in 15 s, codes and passwords together`, async () => {
    // Password attempts are stamped with the real clock: check codes against it too.
    clock.now = realNow();
    const client = new ApiClient(server.baseUrl);
    await client.passwordLogin(email('ER_EDITOR'), PASSWORD);
    await server.state.models.LoginAttempt.destroy({ where: {} });
    for (let i = 0; i < ADDRESS_LIMIT; i += 1) await new ApiClient(server.baseUrl).passwordLogin(`x${i}@test.harmonia.fr`, 'faux');
    const throttled = await client.post('/api/auth/mfa/verify', { code: '123456' });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  describe('reset by a platform administrator', () => {
    it('is refused to every other role, 404 for those who may not see the account', async () => {
      const target = world.users.ER_EDITOR.id;
      for (const key of ['ORG_ADMIN', 'ORG_SAISIE', 'FED_AGENT', 'PREFECTURE', 'PARTNER']) {
        const res = await (await clientFor(server.baseUrl, world, key)).delete(`/api/auth/users/${target}/second-factor`);
        expect({ key, status: res.status }).toEqual({ key, status: 404 });
      }
      expect((await new ApiClient(server.baseUrl).delete(`/api/auth/users/${target}/second-factor`)).status).toBe(401);
      expect((await userRow('ER_EDITOR'))!.mfaEnabled).toBe(true);
    });

    it('erases the secret, ends the user’s sessions, is audited, and the user enrols again', async () => {
      // Both accounts were enrolled by earlier tests; the helper logs in with their secrets.
      clock.now = T0 + 100 * STEP_MS;
      for (const key of ['FED_EDITOR_B', 'PLATFORM_ADMIN']) {
        const row = await userRow(key);
        rememberSecondFactor(server.baseUrl, email(key), decryptSecret(server.state.config.mfaKey, row!.id, row!.mfaSecret!)!);
      }
      const victim = await clientFor(server.baseUrl, world, 'FED_EDITOR_B');
      const admin = await clientFor(server.baseUrl, world, 'PLATFORM_ADMIN');
      expect((await admin.delete('/api/auth/users/999999/second-factor')).status).toBe(404);
      expect((await victim.get('/api/auth/me')).status).toBe(200);
      const res = await admin.delete(`/api/auth/users/${world.users.FED_EDITOR_B.id}/second-factor`);
      expect(res.status).toBe(204);
      expect((await victim.get('/api/auth/me')).status).toBe(401);
      const user = await userRow('FED_EDITOR_B');
      expect({ secret: user!.mfaSecret, enabled: user!.mfaEnabled }).toEqual({ secret: null, enabled: false });
      const entry = await server.state.models.AuditEntry.findOne({ where: { action: 'auth.mfa_reset' } });
      expect(entry).toMatchObject({
        actorId: world.users.PLATFORM_ADMIN.id,
        objectType: 'user',
        objectId: String(world.users.FED_EDITOR_B.id),
      });
      const again = await new ApiClient(server.baseUrl).passwordLogin(email('FED_EDITOR_B'), PASSWORD);
      expect((await readJson(again)).mfa).toBe('enrol');
      expect((await verifyAuditChain(server.state)).ok).toBe(true);
    });
  });
});
