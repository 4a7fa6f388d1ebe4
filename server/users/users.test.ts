import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { encryptSecret, newTotpSecret } from '../auth/totp';
import { hashPassword } from '../auth/passwords';
import type { Role } from '../db/models';
import { startTestServer, type TestServer } from '../../test/support/server';
import { ApiClient, readJson } from '../../test/server/support/client';
import { buildWorld, clientFor, type World } from '../../test/server/support/world';

/** The keys of one account in the answer: an allowlist, so a new column never leaks by default. */
const ACCOUNT_KEYS = ['attachment', 'disabled', 'email', 'id', 'lastLoginAt', 'name', 'role', 'secondFactor'];

describe('GET /api/users (the platform administrator’s account search)', () => {
  let server: TestServer;
  let world: World;
  let admin: ApiClient;
  /** The base32 secret of the enrolled account, to prove it never leaves the server. */
  let secret: string;
  let enrolledId: number;
  let disabledId: number;

  async function account(
    email: string,
    name: string,
    role: Role,
    scope: { organisationId?: number; federationId?: number; authorityId?: number },
  ) {
    return server.state.models.User.create({
      email,
      name,
      passwordHash: await hashPassword('Harmonia-comptes-2025!'),
      role,
      organisationId: scope.organisationId ?? null,
      federationId: scope.federationId ?? null,
      authorityId: scope.authorityId ?? null,
      lockedUntil: null,
      mfaSecret: null,
      lastLoginAt: null,
    });
  }

  beforeAll(async () => {
    server = await startTestServer({ SEED_DEMO: '0' });
    world = await buildWorld(server.state);
    const enrolled = await account('c.dupont@bailleur.fr', 'Camille Dupont', 'DHUP', { authorityId: world.authorities.dhup.id });
    secret = newTotpSecret();
    await enrolled.update({ mfaSecret: encryptSecret(server.state.config.mfaKey, enrolled.id, secret), mfaEnabled: true });
    enrolledId = enrolled.id;
    await account('agent.fesh@bailleur.fr', 'Dominique Agent', 'FED_AGENT', { federationId: world.federations.fesh.id });
    await account('saisie@bailleur.fr', 'Alix Saisie', 'ORG_SAISIE', { organisationId: world.organisations.orgB.id });
    disabledId = (await account('ancien@bailleur.fr', 'Ancien Compte', 'ORG_SAISIE', { organisationId: world.organisations.orgA.id })).id;
    await server.state.models.User.update({ disabled: true, lastLoginAt: new Date('2026-03-02T08:00:00Z') }, { where: { id: disabledId } });
    for (let i = 1; i <= 30; i += 1)
      await account(`page-${String(i).padStart(2, '0')}@pagination.fr`, `Compte ${i}`, 'ORG_SAISIE', {
        organisationId: world.organisations.orgC.id,
      });
    admin = await clientFor(server.baseUrl, world, 'PLATFORM_ADMIN');
  });
  afterAll(() => server.close());

  const search = async (query: string) => {
    const res = await admin.get(`/api/users${query}`);
    expect(res.status).toBe(200);
    return readJson(res);
  };

  it('finds accounts by part of the e-mail or of the name, whatever the case, with their body and second factor', async () => {
    const byEmail = await search('?q=BAILLEUR.FR');
    expect(byEmail.items.map((u: { email: string }) => u.email)).toEqual([
      'agent.fesh@bailleur.fr',
      'ancien@bailleur.fr',
      'c.dupont@bailleur.fr',
      'saisie@bailleur.fr',
    ]);
    expect(byEmail.total).toBe(4);
    const byName = await search(`?q=${encodeURIComponent('  dUPONT ')}`);
    expect(byName.items).toEqual([
      {
        id: enrolledId,
        email: 'c.dupont@bailleur.fr',
        name: 'Camille Dupont',
        role: 'DHUP',
        attachment: { type: 'authority', id: world.authorities.dhup.id, name: world.authorities.dhup.name },
        disabled: false,
        secondFactor: true,
        lastLoginAt: null,
      },
    ]);
    const [agent, former, , saisie] = byEmail.items;
    expect(agent.attachment).toEqual({ type: 'federation', id: world.federations.fesh.id, name: world.federations.fesh.name });
    expect(saisie.attachment).toEqual({ type: 'organisation', id: world.organisations.orgB.id, name: 'ESH B' });
    expect([saisie.secondFactor, former.disabled, former.lastLoginAt]).toEqual([false, true, '2026-03-02T08:00:00.000Z']);
    // Wildcards typed by the user are plain characters removed from the pattern, not "anything".
    expect((await search('?q=dup_nt')).items).toEqual([]);
    expect((await search('?q=personne-de-ce-nom')).total).toBe(0);
  });

  it('pages by 25, ordered by e-mail, and says how many there are', async () => {
    const first = await search('?q=pagination');
    const second = await search('?q=pagination&page=2');
    const third = await search('?q=pagination&page=3');
    expect([first.total, first.page, first.pageSize, first.items.length]).toEqual([30, 1, 25, 25]);
    expect([second.total, second.page, second.items.length, third.items.length]).toEqual([30, 2, 5, 0]);
    const emails = [...first.items, ...second.items].map((u: { email: string }) => u.email);
    expect(emails).toEqual(Array.from({ length: 30 }, (_, i) => `page-${String(i + 1).padStart(2, '0')}@pagination.fr`));
    // Without a query: every account, 25 at a time.
    const all = await search('');
    const count = await server.state.models.User.count();
    expect([all.total, all.items.length]).toEqual([count, 25]);
  });

  it('never answers a secret: only the allowlisted keys, and no trace of the TOTP secret or the password hash', async () => {
    const res = await admin.get('/api/users?q=dupont');
    const text = await res.text();
    const stored = (await server.state.models.User.findByPk(enrolledId))!;
    for (const leaked of [secret, stored.mfaSecret!, stored.passwordHash, 'mfaSecret', 'passwordHash', 'mfaLastStep', 'failedLogins'])
      expect(text).not.toContain(leaked);
    for (const item of JSON.parse(text).items) expect(Object.keys(item).sort()).toEqual(ACCOUNT_KEYS);
  });

  it('shows the second factor gone once an administrator resets it', async () => {
    expect((await admin.delete(`/api/auth/users/${enrolledId}/second-factor`)).status).toBe(204);
    const [after] = (await search('?q=c.dupont')).items;
    expect(after.secondFactor).toBe(false);
  });

  it('refuses every other role (403) and anonymous callers (401), and invalid parameters (422)', async () => {
    const others = Object.keys(world.users).filter((key) => key !== 'PLATFORM_ADMIN');
    expect(others.length).toBeGreaterThanOrEqual(9);
    for (const key of others) {
      const res = await (await clientFor(server.baseUrl, world, key)).get('/api/users?q=bailleur');
      expect([key, res.status, Object.keys(await readJson(res))]).toEqual([key, 403, ['error']]);
    }
    expect((await new ApiClient(server.baseUrl).get('/api/users')).status).toBe(401);
    for (const query of ['?page=0', '?page=abc', `?q=${'x'.repeat(101)}`, '?pageSize=200', '?role=DHUP'])
      expect([query, (await admin.get(`/api/users${query}`)).status]).toEqual([query, 422]);
  });

  it('answers as its OpenAPI description says', async () => {
    const document = await readJson(await fetch(`${server.baseUrl}/api/openapi.json`));
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema(document, 'openapi');
    const validate = ajv.getSchema('openapi#/paths/~1api~1users/get/responses/200/content/application~1json/schema')!;
    for (const query of ['?q=bailleur', '?q=pagination&page=2', '?page=99']) {
      const body = await search(query);
      expect([query, validate(body), ajv.errorsText(validate.errors)]).toEqual([query, true, 'No errors']);
    }
  });
});
