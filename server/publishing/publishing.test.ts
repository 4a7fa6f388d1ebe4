import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { Op } from 'sequelize';
import { readPackageDir } from '../../engine/cli/disk';
import { BUNDLE_FORMAT } from '../../engine/package';
import { startTestServer, type TestServer } from '../../test/support/server';
import { readJson, type ApiClient } from '../../test/server/support/client';
import { buildWorld, clientFor, type World } from '../../test/server/support/world';
import { canonicalHash } from '../transmission/canonical';
import { getCompiledForm } from './form-cache';

const FORMS = path.resolve(__dirname, '../../forms');
const bundle = (year: number, form: string) => ({ format: BUNDLE_FORMAT, files: readPackageDir(path.join(FORMS, String(year), form)) });

describe('publishing', () => {
  let server: TestServer;
  let world: World;
  let editor: ApiClient;
  let published2024: number;
  let draft2025: number;

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
    editor = await clientFor(server.baseUrl, world, 'ER_EDITOR');
  });
  afterAll(() => server.close());

  describe('#forms.upload', () => {
    it('stores a valid JSON bundle as a draft with the sha256 of its canonical content', async () => {
      const sent = bundle(2024, 'er-ols');
      const res = await editor.post('/api/forms/packages', sent);
      expect(res.status).toBe(201);
      const version = await readJson(res);
      expect(version).toMatchObject({ version: '2024.1', status: 'draft', exercice: 2024, form: { code: 'er-ols', owner: 'DHUP' } });
      expect(version.contentHash).toBe(canonicalHash(sent.files));
      published2024 = version.id;
    });

    it('answers every diagnostic at once with 422', async () => {
      const broken = bundle(2024, 'er-ols');
      const rules = JSON.parse(broken.files['rules.json']);
      rules.rules[0].expr = 'SOMME(ER01.inexistant.brut)';
      rules.rules.push({ id: 'X1', kind: 'check', severity: 'blocking', assert: 'ER99.a > 0', message: 'x' });
      broken.files['rules.json'] = JSON.stringify(rules);
      broken.files['manifest.json'] = broken.files['manifest.json'].replace('"exercice": 2024', '"exercice": "2024"');
      const res = await editor.post('/api/forms/packages', broken);
      expect(res.status).toBe(422);
      const body = await readJson(res);
      expect(body.error.code).toBe('invalid');
      expect(body.error.details.diagnostics.length).toBeGreaterThanOrEqual(1);
      for (const d of body.error.details.diagnostics)
        expect(d).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String), file: expect.any(String) }));
    });

    it('accepts a zip of the package folder (top folder stripped, fixtures ignored)', async () => {
      const files = readPackageDir(path.join(FORMS, '2025', 'er-ols'));
      const zip = zipSync({
        ...Object.fromEntries(Object.entries(files).map(([p, text]) => [`er-ols/${p}`, strToU8(text)])),
        'er-ols/fixtures/valid.json': strToU8('{}'),
      });
      const res = await editor.request('POST', '/api/forms/packages', Buffer.from(zip), { 'Content-Type': 'application/zip' });
      expect(res.status).toBe(201);
      const version = await readJson(res);
      expect(version).toMatchObject({ version: '2025.1', status: 'draft' });
      draft2025 = version.id;
    });

    it('refuses a zip bomb', async () => {
      const zip = zipSync({ 'manifest.json': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
      expect(zip.length).toBeLessThan(1024 * 1024);
      const res = await editor.request('POST', '/api/forms/packages', Buffer.from(zip), { 'Content-Type': 'application/zip' });
      expect(res.status).toBe(422);
      expect((await readJson(res)).error.details.diagnostics[0].code).toBe('ZIP_INVALID');
    });

    it('refuses editors of another owner and non-editors', async () => {
      const fedEditor = await clientFor(server.baseUrl, world, 'FED_EDITOR');
      expect((await fedEditor.post('/api/forms/packages', bundle(2024, 'er-ols'))).status).toBe(403);
      const saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
      expect((await saisie.post('/api/forms/packages', bundle(2024, 'er-ols'))).status).toBe(403);
    });
  });

  describe('#forms.preview', () => {
    it('evaluates sample answers with the engine', async () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(FORMS, '2024', 'er-ols', 'fixtures', 'valid.json'), 'utf8'));
      const res = await editor.post(`/api/forms/versions/${published2024}/preview`, {
        answers: fixture.answers,
        organisation: fixture.context.organisation,
      });
      expect(res.status).toBe(200);
      const body = await readJson(res);
      expect(body.errors).toEqual([]);
      expect(body.report.counts).toEqual(expect.objectContaining({ blocking: expect.any(Number) }));
      expect(body.report.controls.length).toBeGreaterThan(10);
      const failing = await editor.post(`/api/forms/versions/${published2024}/preview`, { answers: {} });
      expect((await readJson(failing)).report.controls.length).toBeGreaterThan(0);
    });
  });

  describe('#forms.publish and #forms.diff', () => {
    it('publishes a draft, which then never changes', async () => {
      const res = await editor.post(`/api/forms/versions/${published2024}/publish`);
      expect(res.status).toBe(200);
      expect(await readJson(res)).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
      expect((await editor.post(`/api/forms/versions/${published2024}/publish`)).status).toBe(409);
      expect((await editor.post('/api/forms/packages', bundle(2024, 'er-ols'))).status).toBe(409);
    });

    it('links a re-uploaded 2025 draft to the published 2024 version and lists what changed', async () => {
      const res = await editor.post('/api/forms/packages', bundle(2025, 'er-ols'));
      expect(res.status).toBe(201);
      const version = await readJson(res);
      expect(version.id).toBe(draft2025);
      expect(version.followsId).toBe(published2024);
      const diff = await readJson(await editor.get(`/api/forms/versions/${draft2025}/diff`));
      expect(diff.from).toMatchObject({ id: published2024, version: '2024.1' });
      expect(diff.changes.length).toBeGreaterThan(0);
    });

    it('shows drafts to editors of the owner only, published versions to everyone', async () => {
      const saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
      expect((await saisie.get(`/api/forms/versions/${draft2025}`)).status).toBe(404);
      expect((await saisie.get(`/api/forms/versions/${published2024}`)).status).toBe(200);
      const listed = await readJson(await saisie.get('/api/forms'));
      const ids = listed.forms.flatMap((f: { versions: Array<{ id: number }> }) => f.versions.map((v) => v.id));
      expect(ids).toContain(published2024);
      expect(ids).not.toContain(draft2025);
      const pkg = await readJson(await saisie.get(`/api/forms/versions/${published2024}/package`));
      expect(pkg.format).toBe(BUNDLE_FORMAT);
      expect(canonicalHash(pkg.files)).toBe((await readJson(await saisie.get(`/api/forms/versions/${published2024}`))).contentHash);
    });
  });

  describe('#forms.patches', () => {
    it('publishes a rule patch as a new minor version and moves open drafts only', async () => {
      const { Campaign, Statement } = server.state.models;
      const campaign = await Campaign.create({
        formVersionId: published2024,
        exercice: 2024,
        title: 'ER 2024',
        audience: ['OPH', 'ESH'],
        opensAt: new Date('2025-01-01T00:00:00Z'),
        closesAt: new Date('2025-07-15T00:00:00Z'),
        status: 'open',
        createdBy: null,
      });
      const base = { campaignId: campaign.id, formVersionId: published2024, answers: {}, justifications: {}, prefectures: [] };
      const draft = await Statement.create({ ...base, organisationId: world.organisations.orgA.id, state: 'draft', transmittedAt: null });
      const sent = await Statement.create({
        ...base,
        organisationId: world.organisations.orgB.id,
        state: 'transmitted',
        transmittedAt: new Date(),
      });

      const res = await editor.post(`/api/forms/versions/${published2024}/patches`, {
        rules: { C01: { active: false }, C02: { severity: 'warning' } },
      });
      expect(res.status).toBe(201);
      const patched = await readJson(res);
      expect(patched).toMatchObject({
        version: '2024.1',
        patchNumber: 1,
        label: '2024.1.1',
        status: 'published',
        patchesId: published2024,
        movedStatements: 1,
      });
      expect((await draft.reload()).formVersionId).toBe(patched.id);
      expect((await sent.reload()).formVersionId).toBe(published2024);
      expect((await campaign.reload()).formVersionId).toBe(patched.id);

      const compiled = await getCompiledForm(server.state, patched.id);
      expect(compiled.package.rules.find((r) => r.id === 'C01')?.active).toBe(false);
      expect(compiled.package.rules.find((r) => r.id === 'C02')?.severity).toBe('warning');
      expect(await getCompiledForm(server.state, patched.id)).toBe(compiled);
      const diff = await readJson(await editor.get(`/api/forms/versions/${patched.id}/diff`));
      expect(diff.from.id).toBe(published2024);

      // A second patch stacks on the first.
      const second = await readJson(
        await editor.post(`/api/forms/versions/${published2024}/patches`, { rules: { C03: { severity: 'info' } } }),
      );
      expect(second).toMatchObject({ patchNumber: 2, patchesId: patched.id, movedStatements: 1 });
      const stacked = await getCompiledForm(server.state, second.id);
      expect(stacked.package.rules.find((r) => r.id === 'C01')?.active).toBe(false);
    });

    it('never gives two concurrent patches the same number (409 for the loser)', async () => {
      const sent = await Promise.all([
        editor.post(`/api/forms/versions/${published2024}/patches`, { rules: { C04: { severity: 'warning' } } }),
        editor.post(`/api/forms/versions/${published2024}/patches`, { rules: { C05a: { severity: 'warning' } } }),
      ]);
      const statuses = sent.map((r) => r.status);
      expect(statuses).toContain(201);
      for (const status of statuses) expect([201, 409]).toContain(status);
      const numbers = (await server.state.models.FormVersion.findAll({ where: { patchesId: { [Op.ne]: null } } })).map(
        (v) => v.patchNumber,
      );
      expect(new Set(numbers).size).toBe(numbers.length);
    });

    it('refuses unknown rules, drafts and editors of another owner', async () => {
      const unknown = await editor.post(`/api/forms/versions/${published2024}/patches`, { rules: { NOPE: { active: false } } });
      expect(unknown.status).toBe(422);
      expect((await editor.post(`/api/forms/versions/${draft2025}/patches`, { rules: { C01: { active: false } } })).status).toBe(409);
      const fedEditor = await clientFor(server.baseUrl, world, 'FED_EDITOR');
      // A federation editor may not even know the ER exists.
      expect((await fedEditor.post(`/api/forms/versions/${published2024}/patches`, { rules: { C01: { active: false } } })).status).toBe(
        404,
      );
    });
  });

  describe('#campaigns', () => {
    it('opens a campaign on a published version, once per form and exercice', async () => {
      await editor.post(`/api/forms/versions/${draft2025}/publish`);
      const dhup = await clientFor(server.baseUrl, world, 'DHUP');
      const input = { formVersionId: draft2025, opensAt: '2026-01-15T00:00:00Z', closesAt: '2026-07-15T00:00:00Z' };
      const res = await dhup.post('/api/campaigns', input);
      expect(res.status).toBe(201);
      expect(await readJson(res)).toMatchObject({
        exercice: 2025,
        audience: ['OPH', 'ESH', 'COOP'],
        status: 'open',
        form: { code: 'er-ols' },
      });
      expect((await dhup.post('/api/campaigns', input)).status).toBe(409);
      expect((await dhup.post('/api/campaigns', { ...input, audience: ['SEM'] })).status).toBe(422);
      expect((await dhup.post('/api/campaigns', { ...input, closesAt: '2025-01-01T00:00:00Z' })).status).toBe(422);
      const saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
      expect((await saisie.post('/api/campaigns', input)).status).toBe(403);
      const listed = await readJson(await saisie.get('/api/campaigns'));
      expect(listed.campaigns.map((c: { exercice: number }) => c.exercice)).toContain(2025);
    });

    it('lets the owner close a campaign', async () => {
      const dhup = await clientFor(server.baseUrl, world, 'DHUP');
      const { campaigns } = await readJson(await dhup.get('/api/campaigns?exercice=2025'));
      const res = await dhup.patch(`/api/campaigns/${campaigns[0].id}`, { status: 'closed' });
      expect(res.status).toBe(200);
      expect(await readJson(res)).toMatchObject({ status: 'closed', phase: 'closed' });
      const partner = await clientFor(server.baseUrl, world, 'PARTNER');
      expect((await partner.patch(`/api/campaigns/${campaigns[0].id}`, { status: 'open' })).status).toBe(403);
    });
  });
});
