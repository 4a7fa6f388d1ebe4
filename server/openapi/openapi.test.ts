import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readPackageDir } from '../../engine/cli/disk';
import { BUNDLE_FORMAT } from '../../engine/package';
import { startTestServer, type TestServer } from '../../test/support/server';
import { ApiClient, readJson } from '../../test/server/support/client';
import { PASSWORD, buildWorld, clientFor, type World } from '../../test/server/support/world';
import { capabilityRouters } from '../routes';

/** The capabilities this suite checks route by route (others describe and test their own). */
const CHECKED_PREFIXES = [
  /^\/api\/(auth|federations|authorities|organisations|users|forms|health|openapi|audit)/,
  /^\/api\/campaigns(\/:id)?$/,
];

describe('OpenAPI document', () => {
  let server: TestServer;
  let world: World;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let document: any;
  let ajv: Ajv2020;
  const checked: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
    const res = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    document = await res.json();
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema(document, 'openapi');
  });
  afterAll(() => server.close());

  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

  /** Validates a response against the documented schema of its operation and status. */
  async function conforms(res: Response, method: string, template: string) {
    const operation = document.paths[template]?.[method];
    expect(operation).toBeDefined();
    const response = operation.responses[String(res.status)];
    if (!response) throw new Error(`${method.toUpperCase()} ${template}: status ${res.status} not documented`);
    checked.push(`${method.toUpperCase()} ${template} ${res.status}`);
    if (!response.content) return;
    const body = await readJson(res);
    const validate = ajv.getSchema(
      `openapi#/${pointer('paths', template, method, 'responses', String(res.status), 'content', 'application/json', 'schema')}`,
    )!;
    const ok = validate(body);
    if (!ok)
      throw new Error(
        `${method.toUpperCase()} ${template} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
      );
  }

  it('is OpenAPI 3.1 and every schema compiles', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const name of Object.keys(document.components.schemas))
      expect(() => ajv.getSchema(`openapi#/components/schemas/${name}`)).not.toThrow();
  });

  it('describes every route of the checked capabilities, and only routes that exist', () => {
    const routes = capabilityRouters(server.state).flatMap((r) =>
      (r.stack as Array<{ methods: string[]; path: string }>).flatMap((l) =>
        l.methods.filter((m) => m !== 'HEAD').map((m) => `${m.toLowerCase()} ${l.path.replace(/:(\w+)/g, '{$1}')}`),
      ),
    );
    const documented = Object.entries(document.paths).flatMap(([p, item]) => Object.keys(item as object).map((m) => `${m} ${p}`));
    const mine = routes.filter((r) => CHECKED_PREFIXES.some((prefix) => prefix.test(r.split(' ')[1].replace(/\{(\w+)\}/g, ':$1'))));
    expect(mine.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((d) => !routes.includes(d))).toEqual([]);
  });

  it('answers as documented: authentication and referential', async () => {
    await conforms(await fetch(`${server.baseUrl}/api/health`), 'get', '/api/health');
    await conforms(await fetch(`${server.baseUrl}/api/auth/me`), 'get', '/api/auth/me');
    await conforms(await new ApiClient(server.baseUrl).login(world.users.DHUP.email, 'faux'), 'post', '/api/auth/login');
    await conforms(await new ApiClient(server.baseUrl).post('/api/auth/login', { email: 1 }), 'post', '/api/auth/login');
    const admin = new ApiClient(server.baseUrl);
    await conforms(await admin.login(world.users.ORG_ADMIN.email, PASSWORD), 'post', '/api/auth/login');
    await conforms(await admin.get('/api/auth/me'), 'get', '/api/auth/me');
    await conforms(await admin.get('/api/federations'), 'get', '/api/federations');
    await conforms(await admin.get('/api/authorities'), 'get', '/api/authorities');
    await conforms(await admin.get('/api/organisations'), 'get', '/api/organisations');
    await conforms(await admin.get(`/api/organisations/${world.organisations.orgA.id}`), 'get', '/api/organisations/{id}');
    await conforms(await admin.get(`/api/organisations/${world.organisations.orgB.id}`), 'get', '/api/organisations/{id}');
    await conforms(await admin.get(`/api/organisations/${world.organisations.orgA.id}/users`), 'get', '/api/organisations/{id}/users');
    const created = await admin.post(`/api/organisations/${world.organisations.orgA.id}/users`, {
      email: 'doc@test.harmonia.fr',
      name: 'Doc',
      role: 'ORG_SAISIE',
      password: 'Harmonia-doc-2025!',
    });
    const createdId = (await readJson(created.clone())).id;
    await conforms(created, 'post', '/api/organisations/{id}/users');
    await conforms(await admin.get(`/api/users/${createdId}`), 'get', '/api/users/{id}');
    await conforms(await admin.patch(`/api/users/${createdId}`, { name: 'Doc 2' }), 'patch', '/api/users/{id}');
    await conforms(await admin.patch(`/api/users/${createdId}`, { role: 'DHUP' }), 'patch', '/api/users/{id}');
    await conforms(await admin.post('/api/organisations', { siren: '732829320' }), 'post', '/api/organisations');
    const platform = await clientFor(server.baseUrl, world, 'PLATFORM_ADMIN');
    await conforms(
      await platform.post('/api/organisations', { siren: '732829320', name: 'Doublon', kind: 'OPH', departement: '69' }),
      'post',
      '/api/organisations',
    );
    await conforms(
      await platform.patch(`/api/organisations/${world.organisations.orgB.id}`, { departements: ['75'] }),
      'patch',
      '/api/organisations/{id}',
    );
    await conforms(
      await platform.post('/api/users', {
        email: 'agent2@test.harmonia.fr',
        name: 'Agent',
        role: 'FED_AGENT',
        password: 'Harmonia-doc-2025!',
        federationId: world.federations.foph.id,
      }),
      'post',
      '/api/users',
    );
    await conforms(await admin.post('/api/auth/logout'), 'post', '/api/auth/logout');
  });

  it('answers as documented: publishing and campaigns', async () => {
    const editor = await clientFor(server.baseUrl, world, 'ER_EDITOR');
    const files = readPackageDir(path.resolve(__dirname, '../../forms/2024/er-ols'));
    const uploaded = await editor.post('/api/forms/packages', { format: BUNDLE_FORMAT, files });
    const id = (await readJson(uploaded.clone())).id;
    await conforms(uploaded, 'post', '/api/forms/packages');
    await conforms(
      await editor.post('/api/forms/packages', { format: BUNDLE_FORMAT, files: { 'manifest.json': '{' } }),
      'post',
      '/api/forms/packages',
    );
    await conforms(
      await editor.request('POST', '/api/forms/packages', 'texte', { 'Content-Type': 'text/plain' }),
      'post',
      '/api/forms/packages',
    );
    await conforms(await editor.get('/api/forms'), 'get', '/api/forms');
    await conforms(await editor.get(`/api/forms/versions/${id}`), 'get', '/api/forms/versions/{id}');
    await conforms(await editor.get(`/api/forms/versions/${id}/package`), 'get', '/api/forms/versions/{id}/package');
    await conforms(await editor.post(`/api/forms/versions/${id}/preview`, { answers: {} }), 'post', '/api/forms/versions/{id}/preview');
    await conforms(await editor.get(`/api/forms/versions/${id}/diff`), 'get', '/api/forms/versions/{id}/diff');
    await conforms(await editor.post(`/api/forms/versions/${id}/publish`), 'post', '/api/forms/versions/{id}/publish');
    await conforms(await editor.post(`/api/forms/versions/${id}/publish`), 'post', '/api/forms/versions/{id}/publish');
    await conforms(
      await editor.post(`/api/forms/versions/${id}/patches`, { rules: { C01: { severity: 'warning' } } }),
      'post',
      '/api/forms/versions/{id}/patches',
    );
    const saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    await conforms(
      await saisie.post(`/api/forms/versions/${id}/patches`, { rules: { C01: { active: false } } }),
      'post',
      '/api/forms/versions/{id}/patches',
    );
    await conforms(await saisie.get('/api/forms/versions/999999'), 'get', '/api/forms/versions/{id}');

    const dhup = await clientFor(server.baseUrl, world, 'DHUP');
    const campaign = await dhup.post('/api/campaigns', {
      formVersionId: id,
      opensAt: '2025-01-15T00:00:00Z',
      closesAt: '2025-07-15T00:00:00+02:00',
    });
    const campaignId = (await readJson(campaign.clone())).id;
    await conforms(campaign, 'post', '/api/campaigns');
    await conforms(
      await dhup.post('/api/campaigns', { formVersionId: id, opensAt: '2025-01-15T00:00:00Z', closesAt: '2025-07-15T00:00:00Z' }),
      'post',
      '/api/campaigns',
    );
    await conforms(await dhup.get('/api/campaigns'), 'get', '/api/campaigns');
    await conforms(await dhup.get(`/api/campaigns/${campaignId}`), 'get', '/api/campaigns/{id}');
    await conforms(await dhup.patch(`/api/campaigns/${campaignId}`, { status: 'closed' }), 'patch', '/api/campaigns/{id}');
    await conforms(await saisie.patch(`/api/campaigns/${campaignId}`, { status: 'open' }), 'patch', '/api/campaigns/{id}');
    expect(checked.length).toBeGreaterThanOrEqual(40);
    const ancols = await clientFor(server.baseUrl, world, 'ANCOLS');
    await conforms(await ancols.get('/api/audit?limit=3'), 'get', '/api/audit');
    await conforms(await ancols.get('/api/audit?limit=9999'), 'get', '/api/audit');
    await conforms(await ancols.get('/api/audit/verify'), 'get', '/api/audit/verify');
    await conforms(await dhup.get('/api/audit/verify'), 'get', '/api/audit/verify');
  });
});
