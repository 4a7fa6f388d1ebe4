import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../support/server';
import { readJson, type ApiClient } from './support/client';
import { buildWorld, clientFor, type World } from './support/world';
import { demoAnswers, demoCampaign } from './statement-forms';

async function post(client: ApiClient, path: string, body: Buffer | string | FormData, type?: string) {
  const headers: Record<string, string> = { Cookie: client.cookie!, 'X-CSRF-Token': client.csrf! };
  if (type) headers['Content-Type'] = type;
  return fetch(client.baseUrl + path, { method: 'POST', body, headers });
}

describe('imports through the API, upload limits, refused reopening', () => {
  let server: TestServer;
  let world: World;
  let saisie: ApiClient;
  let id: number;

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
    const { campaign } = await demoCampaign(server.state);
    saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    id = (await readJson(await saisie.post(`/api/campaigns/${campaign.id}/statement`))).id;
  });
  afterAll(() => server.close());

  const revision = async () => (await readJson(await saisie.get(`/api/statements/${id}`))).revision as number;

  it('imports a JSON file of answers, and refuses a stale base revision', async () => {
    const base = await revision();
    const file = JSON.stringify({ answers: { ER00: demoAnswers().ER00, ER01: demoAnswers().ER01 } });
    const res = await post(saisie, `/api/statements/${id}/import?baseRevision=${base}`, file, 'application/json');
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ format: 'json', revision: base + 1 });
    const stale = await post(saisie, `/api/statements/${id}/import?baseRevision=${base}`, file, 'application/json');
    expect(stale.status).toBe(409);
    const current = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(current.answers.ER00).toEqual(demoAnswers().ER00);
  });

  it('imports an XLSX file as accounting software writes it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('export');
    sheet.addRow(['feuille', 'code', 'ligne', 'valeur']);
    sheet.addRow(['ER09', 'ER09_NUMERO', 1, 'C-2019-001']);
    sheet.addRow(['ER09', 'ER09_CRD_DEBUT', 1, 1000]);
    sheet.addRow(['ER09', 'ER09_CRD_FIN', 1, 950]);
    sheet.addRow(['ER09', 'ER09_NUMERO', 2, 'C-2021-007']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const base = await revision();
    const res = await post(saisie, `/api/statements/${id}/import?baseRevision=${base}`, bytes, 'application/octet-stream');
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ format: 'xlsx', cells: 4, revision: base + 1 });
    const current = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(current.answers.ER09).toEqual({ emprunts: [{ numero: 'C-2019-001', crd_debut: 1000, crd_fin: 950 }, { numero: 'C-2021-007' }] });
  });

  it('refuses an attachment over 20 MB with 413, and stores nothing', async () => {
    const form = new FormData();
    form.append('category', 'comptes_certifies');
    form.append('file', new Blob([new Uint8Array(21 * 1024 * 1024)]), 'gros.pdf');
    const res = await post(saisie, `/api/statements/${id}/attachments`, form);
    expect(res.status).toBe(413);
    expect((await readJson(res)).error.code).toBe('too_large');
    expect(await server.state.models.Attachment.count()).toBe(0);
  });

  it('returns a refused reopening to the transmitted state', async () => {
    const signataire = await clientFor(server.baseUrl, world, 'ORG_SIGNATAIRE');
    const dhup = await clientFor(server.baseUrl, world, 'DHUP');
    // Make the draft transmissible: all sheets, the certified accounts.
    let base = await revision();
    for (const [sheet, data] of Object.entries(demoAnswers())) {
      const r = await saisie.put(`/api/statements/${id}/sheets/${sheet}`, { baseRevision: base, answers: data });
      base = (await readJson(r)).revision;
    }
    const form = new FormData();
    form.append('category', 'comptes_certifies');
    form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), 'comptes.pdf');
    expect((await post(saisie, `/api/statements/${id}/attachments`, form)).status).toBe(201);
    expect((await signataire.post(`/api/statements/${id}/transmit`, { revision: base })).status).toBe(201);
    const request = await readJson(await signataire.post(`/api/statements/${id}/reopen-requests`, { reason: 'Oubli d’une annexe.' }));
    expect((await dhup.post(`/api/reopen-requests/${request.id}/decision`, { accept: false })).status).toBe(422);
    const refused = await dhup.post(`/api/reopen-requests/${request.id}/decision`, {
      accept: false,
      reason: 'L’annexe peut être envoyée séparément.',
    });
    expect(refused.status).toBe(200);
    expect(await readJson(refused)).toMatchObject({ status: 'refused', decisionReason: 'L’annexe peut être envoyée séparément.' });
    expect((await readJson(await saisie.get(`/api/statements/${id}`))).state).toBe('transmitted');
    expect((await dhup.post(`/api/reopen-requests/${request.id}/decision`, { accept: true })).status).toBe(409);
  });
});
