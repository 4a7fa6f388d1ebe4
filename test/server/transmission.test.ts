import { startTestServer, type TestServer } from '../support/server';
import { readJson, type ApiClient } from './support/client';
import { buildWorld, clientFor, type World } from './support/world';
import { demoAnswers, openCampaign, PDF_BYTES, publishFixture } from './statement-forms';

/** A statement of organisation A ready to transmit: every sheet saved, the PDF attached. */
async function readyStatement(client: ApiClient, campaignId: number, answers: Record<string, unknown>, attach = true) {
  const opened = await readJson(await client.post(`/api/campaigns/${campaignId}/statement`));
  let revision = opened.revision;
  for (const [sheet, data] of Object.entries(answers)) {
    const res = await client.put(`/api/statements/${opened.id}/sheets/${sheet}`, { baseRevision: revision, answers: data });
    if (res.status !== 200) throw new Error(`save ${sheet}: ${res.status} ${await res.text()}`);
    revision = (await readJson(res)).revision;
  }
  if (attach) {
    const form = new FormData();
    form.append('category', 'comptes_certifies');
    form.append('file', new Blob([new Uint8Array(PDF_BYTES)]), 'comptes.pdf');
    const res = await fetch(`${client.baseUrl}/api/statements/${opened.id}/attachments`, {
      method: 'POST',
      body: form,
      headers: { Cookie: client.cookie!, 'X-CSRF-Token': client.csrf! },
    });
    if (res.status !== 201) throw new Error(`attach: ${res.status}`);
  }
  return { id: opened.id as number, revision: revision as number };
}

/** The published 2025 demo ER (published by the first test of the file, else now). */
async function demoVersion(server: TestServer) {
  const form = await server.state.models.Form.findOne({ where: { code: 'er-demo' } });
  const found = form && (await server.state.models.FormVersion.findOne({ where: { formId: form.id, version: '2025.1' } }));
  if (found) return found;
  await publishFixture(server.state, '2025/dis-demo');
  return publishFixture(server.state, '2025/er-demo');
}

describe('transmission', () => {
  let server: TestServer;
  let world: World;
  let saisie: ApiClient;
  let signataire: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
    saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    signataire = await clientFor(server.baseUrl, world, 'ORG_SIGNATAIRE');
  });
  afterAll(() => server.close());

  it('prefills a new draft from last year’s transmitted statement, by stable code', async () => {
    const v2024 = await publishFixture(server.state, '2024/er-demo');
    const c2024 = await openCampaign(server.state, v2024);
    const { ER00, ER01, ER09 } = demoAnswers();
    const er00of2024 = { siren: ER00.siren, denomination: ER00.raison_sociale, famille: ER00.famille, telephone: '0472000000' };
    const last = await readyStatement(
      saisie,
      c2024.id,
      { ER00: er00of2024, ER01, ER09: { emprunts: [{ ...ER09.emprunts[0], taux: 2 }] } },
      false,
    );
    expect((await signataire.post(`/api/statements/${last.id}/transmit`, { revision: last.revision })).status).toBe(201);

    await publishFixture(server.state, '2025/dis-demo');
    const v2025 = await publishFixture(server.state, '2025/er-demo');
    const c2025 = await openCampaign(server.state, v2025);
    const opened = await readJson(await saisie.post(`/api/campaigns/${c2025.id}/statement`));
    // 2024 terrains: brut 1000 − amort 200 = net 800, which the 2025 manifest prefills into net_n1.
    expect(opened.answers).toEqual({ ER01: { terrains: { net_n1: 800 } } });
    expect(opened.history).toEqual([expect.objectContaining({ revision: 1, sheet: null })]);
  });

  it('leaves the draft exactly as it was when a failure happens inside the transmission', async () => {
    const v = await demoVersion(server);
    const campaign = await openCampaign(server.state, v);
    const { id, revision } = await readyStatement(saisie, campaign.id, demoAnswers());
    const { Statement, Submission, Fact, AuditEntry } = server.state.models;
    const before = (await Statement.findByPk(id))!.toJSON();
    const counts = async () => [await Submission.count(), await Fact.count(), await AuditEntry.count()];
    const countsBefore = await counts();

    const original = Fact.bulkCreate;
    Fact.bulkCreate = (async () => {
      throw new Error('disk full (injected)');
    }) as typeof Fact.bulkCreate;
    try {
      const res = await signataire.post(`/api/statements/${id}/transmit`, { revision });
      expect(res.status).toBe(500);
      expect((await readJson(res)).error.code).toBe('internal');
    } finally {
      Fact.bulkCreate = original;
    }
    expect((await Statement.findByPk(id))!.toJSON()).toEqual(before);
    expect(await counts()).toEqual(countsBefore);

    const res = await signataire.post(`/api/statements/${id}/transmit`, { revision });
    expect(res.status).toBe(201);
    expect((await readJson(res)).number).toBe(1);
  });

  it('flags a transmission after the closing date as late, on the receipt too', async () => {
    const v = await demoVersion(server);
    const campaign = await openCampaign(server.state, v, { closesAt: new Date(Date.now() - 3_600_000) });
    const { id, revision } = await readyStatement(saisie, campaign.id, demoAnswers());
    const res = await signataire.post(`/api/statements/${id}/transmit`, { revision });
    expect(res.status).toBe(201);
    expect((await readJson(res)).late).toBe(true);
    expect(await (await signataire.get(`/api/statements/${id}/receipt.html`)).text()).toContain('transmis après la date de clôture');
  });

  it('transmits once when the signatory clicks several times at once', async () => {
    const v = await demoVersion(server);
    const campaign = await openCampaign(server.state, v);
    const { id, revision } = await readyStatement(saisie, campaign.id, demoAnswers());
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => signataire.post(`/api/statements/${id}/transmit`, { revision }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    expect(await server.state.models.Submission.count({ where: { statementId: id } })).toBe(1);
  });
});

describe('concurrent saves', () => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
  });
  afterAll(() => server.close());

  it('lets exactly one of several saves from the same revision win, every round, losing nothing', async () => {
    await publishFixture(server.state, '2025/dis-demo');
    const campaign = await openCampaign(server.state, await publishFixture(server.state, '2025/er-demo'));
    const clients = await Promise.all([clientFor(server.baseUrl, world, 'ORG_SAISIE'), clientFor(server.baseUrl, world, 'ORG_SIGNATAIRE')]);
    const opened = await readJson(await clients[0].post(`/api/campaigns/${campaign.id}/statement`));
    let revision = opened.revision as number;
    for (let round = 0; round < 10; round++) {
      const attempts = Array.from({ length: 4 }, (_, i) => ({ brut: round * 100 + i }));
      const results = await Promise.all(
        attempts.map((terrains, i) =>
          clients[i % 2]
            .put(`/api/statements/${opened.id}/sheets/ER01`, { baseRevision: revision, answers: { terrains } })
            .then(async (r) => ({ status: r.status, body: await readJson(r), terrains })),
        ),
      );
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(3);
      for (const loser of results.filter((r) => r.status === 409)) expect(loser.body.error.details.revision).toBe(revision + 1);
      revision += 1;
      const stored = (await server.state.models.Statement.findByPk(opened.id))!;
      expect(stored.revision).toBe(revision);
      expect(stored.answers.ER01).toEqual({ terrains: winners[0].terrains });
      const history = await server.state.models.StatementRevision.findOne({ where: { statementId: opened.id, revision } });
      expect(history!.answers).toEqual({ ER01: { terrains: winners[0].terrains } });
    }
  });
});
