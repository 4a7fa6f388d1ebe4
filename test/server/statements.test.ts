import { startTestServer, type TestServer } from '../support/server';
import { buildWorld, clientFor, type World } from './support/world';
import { readJson } from './support/client';
import { demoAnswers, demoCampaign } from './statement-forms';

describe('statements: open, save, conflicts', () => {
  let server: TestServer;
  let world: World;
  let campaignId: number;

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
    campaignId = (await demoCampaign(server.state)).campaign.id;
  });
  afterAll(() => server.close());

  it('opens the statement on first access, once', async () => {
    const saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    const first = await saisie.post(`/api/campaigns/${campaignId}/statement`);
    expect(first.status).toBe(201);
    const body = await readJson(first);
    expect(body).toMatchObject({
      state: 'draft',
      revision: 1,
      view: 'draft',
      prefectures: [{ departement: '69', name: 'Préfecture du Rhône' }],
    });
    const again = await saisie.post(`/api/campaigns/${campaignId}/statement`);
    expect(again.status).toBe(200);
    expect((await readJson(again)).id).toBe(body.id);
  });

  it('saves a sheet, answers the report, and refuses a stale revision with the current answers', async () => {
    const saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    const opened = await readJson(await saisie.post(`/api/campaigns/${campaignId}/statement`));
    const id = opened.id;
    const answers = demoAnswers();
    const saved = await saisie.put(`/api/statements/${id}/sheets/ER01`, { baseRevision: opened.revision, answers: answers.ER01 });
    expect(saved.status).toBe(200);
    const body = await readJson(saved);
    expect(body.revision).toBe(opened.revision + 1);
    expect(body.report.computed.ER01['terrains.net']).toBe(800);
    const stale = await saisie.put(`/api/statements/${id}/sheets/ER01`, {
      baseRevision: opened.revision,
      answers: { terrains: { brut: 1 } },
    });
    expect(stale.status).toBe(409);
    const conflict = await readJson(stale);
    expect(conflict.error.details.revision).toBe(opened.revision + 1);
    expect(conflict.error.details.answers.ER01.terrains.brut).toBe(1000);
  });

  it('refuses a justification based on a text a colleague changed meanwhile, with the current text', async () => {
    const alice = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    const bob = await clientFor(server.baseUrl, world, 'ORG_SIGNATAIRE');
    const { id } = await readJson(await alice.post(`/api/campaigns/${campaignId}/statement`));
    const path = `/api/statements/${id}/justifications/W01`;
    expect((await alice.put(path, { text: 'Acquisition foncière exceptionnelle.', previous: null })).status).toBe(200);
    const stale = await bob.put(path, { text: 'Autre explication.', previous: null });
    expect(stale.status).toBe(409);
    expect((await readJson(stale)).error.details).toEqual({ key: 'W01', current: 'Acquisition foncière exceptionnelle.' });
    const rebased = await bob.put(path, { text: 'Autre explication.', previous: 'Acquisition foncière exceptionnelle.' });
    expect(rebased.status).toBe(200);
    expect((await readJson(rebased)).justifications.W01).toBe('Autre explication.');
    // Without `previous`, the last write wins (older clients).
    expect((await alice.put(path, { text: 'Dernier mot.' })).status).toBe(200);
  });

  it('keeps every revision in the history, written by the database with the update', async () => {
    const saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    const opened = await readJson(await saisie.post(`/api/campaigns/${campaignId}/statement`));
    const id = opened.id;
    let revision = opened.revision;
    for (const brut of [10, 20]) {
      const res = await saisie.put(`/api/statements/${id}/sheets/ER01`, { baseRevision: revision, answers: { terrains: { brut } } });
      revision = (await readJson(res)).revision;
    }
    const rows = await server.state.models.StatementRevision.findAll({ where: { statementId: id }, order: [['revision', 'ASC']] });
    const statement = (await server.state.models.Statement.findByPk(id))!;
    expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: statement.revision }, (_, i) => i + 1));
    const last = rows.slice(-2);
    expect(last.map((r) => ({ sheet: r.sheet, answers: r.answers, userId: r.userId }))).toEqual([
      { sheet: 'ER01', answers: { ER01: { terrains: { brut: 10 } } }, userId: world.users.ORG_SAISIE.id },
      { sheet: 'ER01', answers: { ER01: { terrains: { brut: 20 } } }, userId: world.users.ORG_SAISIE.id },
    ]);
    expect(rows[0].sheet).toBeNull();
    expect(last[1].createdAt.getTime()).toBe(statement.updatedAt.getTime());
    const history = (await readJson(await saisie.get(`/api/statements/${id}`))).history;
    expect(history[0]).toMatchObject({ revision: statement.revision, sheet: 'ER01', userId: world.users.ORG_SAISIE.id });
  });
});
