import { startTestServer, type TestServer } from '../../test/support/server';
import { ApiClient, readJson } from '../../test/server/support/client';
import { buildWorld, clientFor, type World } from '../../test/server/support/world';
import { isValidSiren, withLuhnDigit } from './siren';

describe('SIREN', () => {
  it('accepts 9 digits with a valid Luhn key only', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('73282932a')).toBe(false);
    expect(isValidSiren(' 732829320')).toBe(false);
    expect(isValidSiren(withLuhnDigit('12345678'))).toBe(true);
  });
});

describe('referential', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
  });
  afterAll(() => server.close());

  describe('#organisations', () => {
    it('lists only the organisations in scope (préfecture: siège or stock in its département)', async () => {
      const prefecture = await clientFor(server.baseUrl, world, 'PREFECTURE');
      const { organisations } = await readJson(await prefecture.get('/api/organisations'));
      expect(organisations.map((o: { siren: string }) => o.siren).sort()).toEqual(['542107651', '732829320']);
      const fed = await clientFor(server.baseUrl, world, 'FED_AGENT_B');
      expect((await readJson(await fed.get('/api/organisations'))).organisations.map((o: { id: number }) => o.id)).toEqual([
        world.organisations.orgB.id,
      ]);
      const filtered = await readJson(await (await clientFor(server.baseUrl, world, 'DHUP')).get('/api/organisations?kind=ESH'));
      expect(filtered.organisations.map((o: { kind: string }) => o.kind)).toEqual(['ESH']);
    });

    it('checks the SIREN and refuses a duplicate', async () => {
      const admin = await clientFor(server.baseUrl, world, 'PLATFORM_ADMIN');
      const base = { name: 'Coop nouvelle', kind: 'COOP', departement: '2A', departements: ['2A'] };
      const bad = await admin.post('/api/organisations', { ...base, siren: '123456789' });
      expect(bad.status).toBe(422);
      expect((await readJson(bad)).error.details[0]).toEqual({ path: 'siren', message: expect.stringContaining('SIREN invalide') });
      const siren = withLuhnDigit('40000001');
      expect((await admin.post('/api/organisations', { ...base, siren })).status).toBe(201);
      expect((await admin.post('/api/organisations', { ...base, siren })).status).toBe(409);
    });
  });

  describe('#users', () => {
    it('lets an organisation administrator create a user of its organisation, who can then log in', async () => {
      const admin = await clientFor(server.baseUrl, world, 'ORG_ADMIN');
      const res = await admin.post(`/api/organisations/${world.organisations.orgA.id}/users`, {
        email: 'Nouvelle.Saisie@Test.Harmonia.fr',
        name: 'Nouvelle saisie',
        role: 'ORG_SAISIE',
        password: 'Harmonia-nouvelle-2025!',
      });
      expect(res.status).toBe(201);
      const user = await readJson(res);
      expect(Object.keys(user).sort()).toEqual([
        'authorityId',
        'disabled',
        'email',
        'federationId',
        'id',
        'lastLoginAt',
        'name',
        'organisationId',
        'role',
      ]);
      expect(user).toMatchObject({
        email: 'nouvelle.saisie@test.harmonia.fr',
        organisationId: world.organisations.orgA.id,
        role: 'ORG_SAISIE',
      });
      expect((await new ApiClient(server.baseUrl).login('nouvelle.saisie@test.harmonia.fr', 'Harmonia-nouvelle-2025!')).status).toBe(200);
    });

    it('refuses extra keys (mass assignment) and changes nothing', async () => {
      const admin = await clientFor(server.baseUrl, world, 'ORG_ADMIN');
      const before = await server.state.models.User.count();
      for (const extra of [
        { organisationId: world.organisations.orgB.id },
        { disabled: false },
        { failedLogins: 0 },
        { id: 1 },
        { passwordHash: 'x' },
        { authorityId: world.authorities.dhup.id },
      ]) {
        const res = await admin.post(`/api/organisations/${world.organisations.orgA.id}/users`, {
          email: 'intrus@test.harmonia.fr',
          name: 'Intrus',
          role: 'ORG_SAISIE',
          password: 'Harmonia-intrus-2025!',
          ...extra,
        });
        expect(res.status).toBe(422);
      }
      expect(await server.state.models.User.count()).toBe(before);
      const patch = await admin.patch(`/api/users/${world.users.ORG_SAISIE.id}`, {
        name: 'Saisie',
        organisationId: world.organisations.orgB.id,
      });
      expect(patch.status).toBe(422);
      expect((await server.state.models.User.findByPk(world.users.ORG_SAISIE.id))!.organisationId).toBe(world.organisations.orgA.id);
    });

    it('refuses a short password and a role out of reach', async () => {
      const admin = await clientFor(server.baseUrl, world, 'ORG_ADMIN');
      const url = `/api/organisations/${world.organisations.orgA.id}/users`;
      expect(
        (await admin.post(url, { email: 'court@test.harmonia.fr', name: 'Court', role: 'ORG_SAISIE', password: 'court' })).status,
      ).toBe(422);
      expect(
        (await admin.post(url, { email: 'ptf@test.harmonia.fr', name: 'Ptf', role: 'PLATFORM_ADMIN', password: 'Harmonia-ptf-2025!!' }))
          .status,
      ).toBe(403);
      expect((await admin.patch(`/api/users/${world.users.ORG_SAISIE.id}`, { role: 'DHUP' })).status).toBe(403);
    });

    it('disabling a user ends its sessions at once; an administrator cannot disable itself', async () => {
      const admin = await clientFor(server.baseUrl, world, 'ORG_ADMIN');
      const victim = await clientFor(server.baseUrl, world, 'ORG_SIGNATAIRE');
      expect((await victim.get('/api/auth/me')).status).toBe(200);
      const res = await admin.patch(`/api/users/${world.users.ORG_SIGNATAIRE.id}`, { disabled: true });
      expect(res.status).toBe(200);
      expect(await server.state.models.Session.count({ where: { userId: world.users.ORG_SIGNATAIRE.id } })).toBe(0);
      expect((await victim.get('/api/auth/me')).status).toBe(401);
      expect((await admin.patch(`/api/users/${world.users.ORG_ADMIN.id}`, { disabled: true })).status).toBe(409);
      await admin.patch(`/api/users/${world.users.ORG_SIGNATAIRE.id}`, { disabled: false });
    });
  });

  it('strips prototype keys from every JSON body (nothing reaches Object.prototype)', async () => {
    const admin = await clientFor(server.baseUrl, world, 'PLATFORM_ADMIN');
    const payload =
      '{"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},"name":{"constructor":{"prototype":{"polluted":"yes"}}}}';
    const targets: Array<[string, string]> = [
      ['POST', '/api/organisations'],
      ['PATCH', `/api/organisations/${world.organisations.orgA.id}`],
      ['POST', `/api/organisations/${world.organisations.orgA.id}/users`],
      ['POST', '/api/users'],
      ['PATCH', `/api/users/${world.users.ORG_SAISIE.id}`],
      ['POST', '/api/campaigns'],
      ['POST', '/api/auth/login'],
    ];
    for (const [method, path] of targets) {
      const res = await admin.request(method, path, payload);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
