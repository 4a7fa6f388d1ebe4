import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { startTestServer, type TestServer } from '../../test/support/server';
import { ApiClient, readJson, rememberSecondFactor } from '../../test/server/support/client';
import { PASSWORD, buildWorld, clientFor, type World } from '../../test/server/support/world';
import { verifyAuditChain } from '../audit/log';
import { normaliseRecoveryCode, RECOVERY_CODE_COUNT } from './mfa-recovery';
import { STEP_MS, T0, realNow, useTotpClock } from './mfa-test-clock';
import { ACCOUNT_MAX_FAILURES } from './throttle';
import { codeAt, decryptSecret } from './totp';

const CODE_SHAPE = /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/;

describe('recovery codes of the second factor', () => {
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
  const userId = (key: string) => world.users[key].id;
  const unlock = (key: string) => server.state.models.User.update({ failedLogins: 0, lockedUntil: null }, { where: { id: userId(key) } });

  /** Enrols the account; answers its TOTP secret and the confirm answer (with the recovery codes). */
  async function enrol(key: string) {
    const client = new ApiClient(server.baseUrl);
    await client.passwordLogin(email(key), PASSWORD);
    const secret = (await readJson(await client.post('/api/auth/mfa/enrolment'))).secret as string;
    const res = await client.post('/api/auth/mfa/enrolment/confirm', { code: codeAt(secret, clock.now) });
    expect(res.status).toBe(200);
    const body = await readJson(res);
    client.csrf = body.csrfToken;
    return { client, secret, codes: body.recoveryCodes as string[], body };
  }

  /** A new login stopped at the code step. */
  async function atCodeStep(key: string) {
    const client = new ApiClient(server.baseUrl);
    const res = await client.passwordLogin(email(key), PASSWORD);
    expect((await readJson(res)).mfa).toBe('verify');
    return client;
  }

  const verifyWith = (client: ApiClient, recoveryCode: string) => client.post('/api/auth/mfa/verify', { recoveryCode });

  it('gives ten distinct codes once, at enrolment, and keeps only keyed hashes of them', async () => {
    const { client, codes, body } = await enrol('PLATFORM_ADMIN');
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(CODE_SHAPE);
    expect(body.mfa).toBeNull();
    // Never readable again: not in the session information, no enrolment any more, not in the table.
    expect(JSON.stringify(await readJson(await client.get('/api/auth/me')))).not.toMatch(/"recoveryCodes"|[A-Z2-9]{5}-[A-Z2-9]{5}/);
    expect((await client.post('/api/auth/mfa/enrolment')).status).toBe(409);
    const [rows] = await server.state.sequelize.query('SELECT * FROM mfa_recovery_codes WHERE user_id = ?', {
      replacements: [userId('PLATFORM_ADMIN')],
    });
    const stored = JSON.stringify(rows);
    expect(rows as unknown[]).toHaveLength(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace('-', ''));
    }
    for (const row of rows as Array<{ hash: string; used_at: unknown }>) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.used_at).toBeNull();
    }
    const entry = await server.state.models.AuditEntry.findOne({
      where: { action: 'auth.mfa_enrolled', objectId: String(userId('PLATFORM_ADMIN')) },
    });
    expect(JSON.stringify(entry!.details)).not.toMatch(/[A-Z2-9]{5}-[A-Z2-9]{5}/);
  });

  it('completes a login with a code once, typed loosely; a second use fails; the answer counts what remains', async () => {
    const { codes } = await enrol('DHUP');
    const client = await atCodeStep('DHUP');
    const pendingCookie = client.cookie!;
    // Lower case, spaces, no dash: the same code.
    const loose = codes[0].toLowerCase().replace('-', ' ').replace(/^(..)/, '$1 ');
    const ok = await verifyWith(client, loose);
    expect(ok.status).toBe(200);
    const me = await readJson(ok);
    expect(me).toMatchObject({ mfa: null, recoveryCodesRemaining: RECOVERY_CODE_COUNT - 1 });
    expect(client.cookie).not.toBe(pendingCookie);
    client.csrf = me.csrfToken;
    expect((await client.get('/api/organisations')).status).toBe(200);
    const used = await server.state.models.AuditEntry.findOne({
      where: { action: 'auth.mfa_recovery_code_used', objectId: String(userId('DHUP')) },
    });
    expect(used).toMatchObject({ actorId: userId('DHUP'), details: { remaining: RECOVERY_CODE_COUNT - 1 } });

    const again = await atCodeStep('DHUP');
    const refused = await verifyWith(again, codes[0]);
    expect(refused.status).toBe(401);
    expect((await readJson(refused)).error).toMatchObject({
      code: 'bad_code',
      message: expect.stringMatching(/Code de secours incorrect ou déjà utilisé/),
    });
    // A TOTP login also says how many codes remain (the enrolment used the step of clock.now).
    clock.now += STEP_MS;
    const totp = await again.post('/api/auth/mfa/verify', { code: codeAt((await secretOf('DHUP'))!, clock.now) });
    expect(await readJson(totp)).toMatchObject({ mfa: null, recoveryCodesRemaining: RECOVERY_CODE_COUNT - 1 });
    await unlock('DHUP');
  });

  async function secretOf(key: string) {
    const row = await server.state.models.User.findByPk(userId(key));
    return decryptSecret(server.state.config.mfaKey, row!.id, row!.mfaSecret!);
  }

  it('accepts one code once when it is sent twice at the same moment', async () => {
    const { codes } = await enrol('FED_EDITOR');
    const clients = [await atCodeStep('FED_EDITOR'), await atCodeStep('FED_EDITOR'), await atCodeStep('FED_EDITOR')];
    const statuses = await Promise.all(clients.map((c) => verifyWith(c, codes[3]).then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 401, 401]);
    const [rows] = await server.state.sequelize.query(
      'SELECT COUNT(*) AS n FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NOT NULL',
      {
        replacements: [userId('FED_EDITOR')],
      },
    );
    expect(Number((rows as Array<{ n: number | string }>)[0].n)).toBe(1);
    await unlock('FED_EDITOR');
  });

  it(`counts wrong codes with the TOTP failures: locked after ${ACCOUNT_MAX_FAILURES}, even for a valid code`, async () => {
    const { codes } = await enrol('ER_EDITOR');
    const client = await atCodeStep('ER_EDITOR');
    // One wrong TOTP code and wrong recovery codes add up in the same counter.
    expect(
      (await client.post('/api/auth/mfa/verify', { code: codeAt((await secretOf('ER_EDITOR'))!, clock.now + 20 * STEP_MS) })).status,
    ).toBe(401);
    for (let i = 1; i < ACCOUNT_MAX_FAILURES; i += 1) expect((await verifyWith(client, `ABCDE-FGH${i + 1}K`)).status).toBe(401);
    const locked = await verifyWith(client, codes[0]);
    expect(locked.status).toBe(401);
    expect((await server.state.models.User.findByPk(userId('ER_EDITOR')))!.lockedUntil!.getTime()).toBeGreaterThan(realNow());
    // The valid code was not spent by the refused attempt.
    await unlock('ER_EDITOR');
    expect((await verifyWith(await atCodeStep('ER_EDITOR'), codes[0])).status).toBe(200);
    const failures = await server.state.models.AuditEntry.findAll({
      where: { action: 'auth.mfa_failed', objectId: String(userId('ER_EDITOR')) },
    });
    expect(failures.map((f) => f.details.method)).toEqual(expect.arrayContaining(['totp', 'recovery_code']));
    // A malformed code is refused before any check (422), like a 5-digit TOTP code.
    expect((await verifyWith(await atCodeStep('ER_EDITOR'), 'ABC')).status).toBe(422);
    expect((await client.post('/api/auth/mfa/verify', { code: '123456', recoveryCode: codes[1] })).status).toBe(422);
  });

  it('regenerates the codes for a complete session with a current TOTP code; the old ones stop working', async () => {
    const { client, secret, codes: old } = await enrol('FED_EDITOR_B');
    const wrong = await client.post('/api/auth/mfa/recovery-codes', { code: codeAt(secret, clock.now + 20 * STEP_MS) });
    expect(wrong.status).toBe(401);
    expect((await client.post('/api/auth/mfa/recovery-codes', {})).status).toBe(422);
    clock.now += STEP_MS;
    const res = await client.post('/api/auth/mfa/recovery-codes', { code: codeAt(secret, clock.now) });
    expect(res.status).toBe(200);
    const fresh = (await readJson(res)).recoveryCodes as string[];
    expect(fresh).toHaveLength(RECOVERY_CODE_COUNT);
    for (const code of fresh) expect(code).toMatch(CODE_SHAPE);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);
    expect(await server.state.models.MfaRecoveryCode.count({ where: { userId: userId('FED_EDITOR_B') } })).toBe(RECOVERY_CODE_COUNT);

    expect((await verifyWith(await atCodeStep('FED_EDITOR_B'), old[1])).status).toBe(401);
    const ok = await verifyWith(await atCodeStep('FED_EDITOR_B'), fresh[1]);
    expect(ok.status).toBe(200);
    expect((await readJson(ok)).recoveryCodesRemaining).toBe(RECOVERY_CODE_COUNT - 1);
    expect(await server.state.models.AuditEntry.count({ where: { action: 'auth.mfa_recovery_codes_regenerated' } })).toBe(1);
    // An account without a second factor has no codes to regenerate.
    const plain = await clientFor(server.baseUrl, world, 'ORG_ADMIN');
    expect((await plain.post('/api/auth/mfa/recovery-codes', { code: '123456' })).status).toBe(409);
    // A session still waiting for its second factor is refused first, whatever its body.
    const pending = await atCodeStep('FED_EDITOR_B');
    for (const body of [{ code: '123456' }, {}]) {
      const refused = await pending.post('/api/auth/mfa/recovery-codes', body);
      expect([refused.status, (await readJson(refused)).error.code]).toEqual([403, 'mfa_required']);
    }
    await unlock('FED_EDITOR_B');
  });

  it('is erased with the second factor when a platform administrator resets it', async () => {
    // PLATFORM_ADMIN was enrolled by the first test: the shared helper logs in with its secret.
    rememberSecondFactor(server.baseUrl, email('PLATFORM_ADMIN'), (await secretOf('PLATFORM_ADMIN'))!);
    clock.now = T0 + 50 * STEP_MS;
    const admin = await clientFor(server.baseUrl, world, 'PLATFORM_ADMIN');
    const target = userId('FED_EDITOR_B');
    expect(await server.state.models.MfaRecoveryCode.count({ where: { userId: target } })).toBeGreaterThan(0);
    expect((await admin.delete(`/api/auth/users/${target}/second-factor`)).status).toBe(204);
    expect(await server.state.models.MfaRecoveryCode.count({ where: { userId: target } })).toBe(0);
    expect(await server.state.models.MfaRecoveryCode.count({ where: { userId: userId('PLATFORM_ADMIN') } })).toBe(RECOVERY_CODE_COUNT);
    expect((await verifyAuditChain(server.state)).ok).toBe(true);
  });

  /** The body of GET /api/auth/me, checked against its OpenAPI description. */
  async function meOf(client: ApiClient) {
    const document = await readJson(await fetch(`${server.baseUrl}/api/openapi.json`));
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, 'openapi');
    const validate = ajv.getSchema('openapi#/paths/~1api~1auth~1me/get/responses/200/content/application~1json/schema')!;
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect([validate(body), ajv.errorsText(validate.errors)]).toEqual([true, 'No errors']);
    return body;
  }

  it('tells the signed-in user on /me how many codes remain, as documented; the other answers do not change', async () => {
    // An account of its own, so that this test does not depend on what the others spent.
    const model = (await server.state.models.User.findByPk(userId('ER_EDITOR')))!;
    const created = await server.state.models.User.create({
      email: 'er_editor_me@test.harmonia.fr',
      name: 'ER_EDITOR_ME',
      passwordHash: model.passwordHash,
      role: 'ER_EDITOR',
      organisationId: null,
      federationId: null,
      authorityId: model.authorityId,
      lockedUntil: null,
      mfaSecret: null,
      lastLoginAt: null,
    });
    world.users.ER_EDITOR_ME = { id: created.id, email: created.email, role: created.role };

    // Not enrolled yet: no second factor, no count; the login answer keeps its shape.
    const enrolling = new ApiClient(server.baseUrl);
    const login = await readJson(await enrolling.passwordLogin(email('ER_EDITOR_ME'), PASSWORD));
    expect(login).not.toHaveProperty('recoveryCodesRemaining');
    expect(await meOf(enrolling)).toMatchObject({ mfa: 'enrol', recoveryCodesRemaining: null });

    clock.now += STEP_MS;
    const { client, codes } = await enrol('ER_EDITOR_ME');
    expect(await meOf(client)).toMatchObject({ mfa: null, recoveryCodesRemaining: RECOVERY_CODE_COUNT });

    // While the second factor is due, the password alone does not tell how many codes there are.
    const pending = await atCodeStep('ER_EDITOR_ME');
    expect(await meOf(pending)).toMatchObject({ mfa: 'verify', recoveryCodesRemaining: null });
    const verified = await readJson(await verifyWith(pending, codes[2]));
    pending.csrf = verified.csrfToken;
    expect(await meOf(pending)).toMatchObject({ mfa: null, recoveryCodesRemaining: RECOVERY_CODE_COUNT - 1 });

    // An account enrolled before recovery codes existed has none: 0, not null.
    await server.state.models.MfaRecoveryCode.destroy({ where: { userId: created.id } });
    expect(await meOf(client)).toMatchObject({ mfa: null, recoveryCodesRemaining: 0 });

    // No second factor at all: null.
    expect(await meOf(await clientFor(server.baseUrl, world, 'ORG_ADMIN'))).toMatchObject({ mfa: null, recoveryCodesRemaining: null });
  });

  it('normalises what the user types', () => {
    expect(normaliseRecoveryCode(' abcde-fgh23 ')).toBe('ABCDEFGH23');
    expect(normaliseRecoveryCode('ABCDE FGH23')).toBe('ABCDEFGH23');
    expect(normaliseRecoveryCode('ABCDE-FGH2')).toBeNull();
    // O, 0, I, 1 and L are not in the alphabet.
    expect(normaliseRecoveryCode('ABCDE-FGH0O')).toBeNull();
  });
});
