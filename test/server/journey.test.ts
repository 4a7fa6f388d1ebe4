/**
 * The statement journey of docs/api.md, through the HTTP API only, on SQLite and (with
 * HARMONIA_TEST_DB=mysql) MariaDB: log in, open, save, justify, attach, choose préfectures,
 * transmit, receipt, recipients' reads, acknowledge, reopen, import, export.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, readJson } from './support/client';
import { buildWorld, clientFor, type World } from './support/world';
import { demoAnswers, demoCampaign, PDF_BYTES } from './statement-forms';
import { canonicalHash } from '../../server/transmission/canonical';

/** Multipart upload with the client's session and CSRF token (the ui does the same with FormData). */
async function upload(
  client: ApiClient,
  path: string,
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer; type: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return fetch(client.baseUrl + path, { method: 'POST', body: form, headers: { Cookie: client.cookie!, 'X-CSRF-Token': client.csrf! } });
}

async function rawPost(client: ApiClient, path: string, body: Buffer | string, type: string) {
  return fetch(client.baseUrl + path, {
    method: 'POST',
    body,
    headers: { Cookie: client.cookie!, 'X-CSRF-Token': client.csrf!, 'Content-Type': type },
  });
}

/** Checks a JSON body against the OpenAPI document's response schema for that operation and status. */
async function documented(baseUrl: string) {
  const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema(document, 'openapi');
  const escape = (p: string) => p.replace(/~/g, '~0').replace(/\//g, '~1');
  return (body: unknown, method: string, template: string, status: number) => {
    const validate = ajv.getSchema(`openapi#/paths/${escape(template)}/${method}/responses/${status}/content/application~1json/schema`);
    if (!validate) throw new Error(`${method} ${template} ${status} not documented`);
    if (!validate(body)) throw new Error(`${method} ${template} ${status}: ${ajv.errorsText(validate.errors)}`);
  };
}

describe('the statement journey', () => {
  let server: TestServer;
  let world: World;
  let campaignId: number;
  let saisie: ApiClient;
  let signataire: ApiClient;
  let id: number;
  let revision: number;
  let conforms: Awaited<ReturnType<typeof documented>>;

  beforeAll(async () => {
    server = await startTestServer({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    world = await buildWorld(server.state);
    campaignId = (await demoCampaign(server.state)).campaign.id;
    saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    signataire = await clientFor(server.baseUrl, world, 'ORG_SIGNATAIRE');
    conforms = await documented(server.baseUrl);
  });
  afterAll(() => server.close());

  const save = async (sheet: string, answers: unknown) => {
    const res = await saisie.put(`/api/statements/${id}/sheets/${sheet}`, { baseRevision: revision, answers });
    const body = await readJson(res);
    if (res.status === 200) revision = body.revision;
    return { status: res.status, body };
  };

  it('lists the campaign, then opens the statement', async () => {
    const list = await readJson(await saisie.get('/api/statements'));
    expect(list.items).toEqual([
      expect.objectContaining({ campaign: expect.objectContaining({ id: campaignId, exercice: 2025 }), statement: null }),
    ]);
    const opened = await saisie.post(`/api/campaigns/${campaignId}/statement`);
    expect(opened.status).toBe(201);
    const body = await readJson(opened);
    conforms(body, 'post', '/api/campaigns/{campaignId}/statement', 201);
    ({ id, revision } = body);
    const listed = await readJson(await saisie.get('/api/statements'));
    expect(listed.items[0].statement).toMatchObject({ id, state: 'draft', revision, counts: expect.any(Object) });
  });

  it('saves each sheet, the server computing and checking', async () => {
    const answers = demoAnswers();
    for (const sheet of ['ER00', 'ER09', 'DIS02'] as const) expect((await save(sheet, answers[sheet])).status).toBe(200);
    // Large land value: the W01 warning fails and will need a justification. Computed values sent by a client are ignored.
    const er01 = { ...answers.ER01, terrains: { brut: 2_000_000_000, amort: 0, net: 1, net_n1: 700 } };
    const saved = await save('ER01', er01);
    expect(saved.status).toBe(200);
    conforms(saved.body, 'put', '/api/statements/{id}/sheets/{sheet}', 200);
    expect(saved.body.report.computed.ER01['terrains.net']).toBe(2_000_000_000);
    expect(saved.body.report.unjustified).toEqual([{ ruleId: 'W01' }]);
  });

  it('refuses structurally invalid values with French per-field errors, saving nothing', async () => {
    const bad = await save('ER01', { terrains: { brut: 'beaucoup' }, inconnu: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.errors.length).toBeGreaterThanOrEqual(2);
    expect(bad.body.error.details.errors[0]).toMatchObject({ sheet: 'ER01', message: expect.any(String) });
    const current = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(current.revision).toBe(revision);
    expect(current.answers.ER01.terrains.brut).toBe(2_000_000_000);
  });

  it('refuses transmission by data entry (403) and lists every reason to the signatory (422)', async () => {
    expect((await saisie.post(`/api/statements/${id}/transmit`, {})).status).toBe(403);
    const refused = await signataire.post(`/api/statements/${id}/transmit`, { revision });
    expect(refused.status).toBe(422);
    const reasons = (await readJson(refused)).error.details.reasons;
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'blocking_control', ruleId: 'PJ01' }),
        expect.objectContaining({ kind: 'unjustified_warning', ruleId: 'W01' }),
      ]),
    );
  });

  it('justifies the warning', async () => {
    const res = await saisie.put(`/api/statements/${id}/justifications/W01`, {
      text: 'Acquisition foncière exceptionnelle (ZAC des Girondins).',
    });
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.justifications).toEqual({ W01: 'Acquisition foncière exceptionnelle (ZAC des Girondins).' });
    expect(body.report.unjustified).toEqual([]);
    expect((await saisie.put(`/api/statements/${id}/justifications/NOPE`, { text: 'x' })).status).toBe(404);
  });

  it('attaches files checked by content, and serves them as downloads', async () => {
    const html = await upload(
      saisie,
      `/api/statements/${id}/attachments`,
      { category: 'comptes_certifies' },
      { name: 'comptes.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>'), type: 'application/pdf' },
    );
    expect(html.status).toBe(422);
    const wrongCategory = await upload(
      saisie,
      `/api/statements/${id}/attachments`,
      { category: 'inconnue' },
      { name: 'a.pdf', bytes: PDF_BYTES, type: 'application/pdf' },
    );
    expect(wrongCategory.status).toBe(422);
    const res = await upload(
      saisie,
      `/api/statements/${id}/attachments`,
      { category: 'comptes_certifies' },
      { name: '../../etc/comptes "2025".pdf', bytes: PDF_BYTES, type: 'application/octet-stream' },
    );
    expect(res.status).toBe(201);
    const attachment = await readJson(res);
    expect(attachment).toMatchObject({
      category: 'comptes_certifies',
      mediaType: 'application/pdf',
      size: PDF_BYTES.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(attachment.filename).not.toContain('/');
    const download = await saisie.get(`/api/statements/${id}/attachments/${attachment.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="comptes 2025.pdf"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
    // A second file, then deleted while draft.
    const extra = await readJson(
      await upload(
        saisie,
        `/api/statements/${id}/attachments`,
        { category: 'comptes_certifies' },
        { name: 'b.pdf', bytes: PDF_BYTES, type: 'application/pdf' },
      ),
    );
    expect((await saisie.delete(`/api/statements/${id}/attachments/${extra.id}`)).status).toBe(204);
    expect((await saisie.get(`/api/statements/${id}/attachments/${extra.id}`)).status).toBe(404);
  });

  it('chooses the recipient préfectures, the siège’s being mandatory', async () => {
    const without = await saisie.put(`/api/statements/${id}/prefectures`, { departements: ['75'] });
    expect(without.status).toBe(422);
    const res = await saisie.put(`/api/statements/${id}/prefectures`, { departements: ['69', '75'] });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ prefectures: ['69', '75'] });
  });

  let receiptNumber: string;
  let sha256: string;

  it('transmits: snapshot with its hash, receipt number, facts', async () => {
    const res = await signataire.post(`/api/statements/${id}/transmit`, { revision });
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body).toMatchObject({
      number: 1,
      late: false,
      receiptNumber: expect.stringMatching(/^HAR-2025-\d{6}$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    conforms(body, 'post', '/api/statements/{id}/transmit', 201);
    ({ receiptNumber, sha256 } = body);
    const submission = await server.state.models.Submission.findOne({ where: { receiptNumber } });
    expect(canonicalHash(submission!.snapshot)).toBe(sha256);
    const facts = await server.state.models.Fact.findAll({ where: { submissionId: submission!.id } });
    expect(facts.find((f) => f.code === 'ER01_0020_NET')?.value).toBe('2000000000');
    expect(facts.find((f) => f.code === 'ER09_CRD_FIN')).toMatchObject({ row: 1, value: '900' });
    const statement = await readJson(await saisie.get(`/api/statements/${id}`));
    conforms(statement, 'get', '/api/statements/{id}', 200);
    expect(statement).toMatchObject({ state: 'transmitted', submissions: [expect.objectContaining({ receiptNumber, replaced: false })] });
    expect((await saisie.put(`/api/statements/${id}/sheets/ER01`, { baseRevision: statement.revision, answers: {} })).status).toBe(409);
    expect((await signataire.post(`/api/statements/${id}/transmit`, {})).status).toBe(409);
  });

  it('gives the receipt as HTML and PDF', async () => {
    const html = await signataire.get(`/api/statements/${id}/receipt.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    const text = await html.text();
    for (const part of [
      receiptNumber,
      sha256,
      'Office A',
      '2025.1',
      'Préfecture du Rhône',
      'Préfecture de Paris',
      'Caisse des dépôts',
      'Accusé de réception de Office A',
    ])
      expect(text).toContain(part);
    const pdf = await signataire.get(`/api/statements/${id}/receipt.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('lets the recipients read what was sent (audited), and only them', async () => {
    for (const key of ['PREFECTURE', 'DHUP', 'PARTNER']) {
      const reader = await clientFor(server.baseUrl, world, key);
      const res = await reader.get(`/api/statements/${id}`);
      expect(res.status).toBe(200);
      const body = await readJson(res);
      conforms(body, 'get', '/api/statements/{id}', 200);
      expect(body).toMatchObject({ view: 'transmitted', submission: { receiptNumber } });
      expect(body.answers.ER01.terrains.brut).toBe(2_000_000_000);
      const list = await readJson(await reader.get(`/api/statements?campaign=${campaignId}`));
      expect(list.items.map((s: { id: number }) => s.id)).toContain(id);
    }
    const reads = await server.state.models.AuditEntry.count({ where: { action: 'statement.read_by_recipient', objectId: String(id) } });
    expect(reads).toBe(3);
    for (const key of ['ORG_SAISIE_B', 'FED_AGENT_B', 'FED_AGENT']) {
      const other = await clientFor(server.baseUrl, world, key);
      expect((await other.get(`/api/statements/${id}`)).status).toBe(404);
    }
  });

  it('is acknowledged by a recipient', async () => {
    const dhup = await clientFor(server.baseUrl, world, 'DHUP');
    const res = await dhup.post(`/api/statements/${id}/acknowledge`);
    expect(res.status).toBe(200);
    expect((await readJson(res)).recipient).toBe(`authority:${world.authorities.dhup.id}`);
    expect((await dhup.post(`/api/statements/${id}/acknowledge`)).status).toBe(200);
    expect((await readJson(await saisie.get(`/api/statements/${id}`))).state).toBe('acknowledged');
    const partner = await clientFor(server.baseUrl, world, 'PARTNER');
    expect((await partner.post(`/api/statements/${id}/acknowledge`)).status).toBe(403);
  });

  it('is reopened on request, accepted by DHUP, then transmitted again, the first submission marked replaced', async () => {
    expect((await signataire.post(`/api/statements/${id}/reopen-requests`, { reason: '  ' })).status).toBe(422);
    const asked = await signataire.post(`/api/statements/${id}/reopen-requests`, { reason: 'Erreur sur les amortissements des terrains.' });
    expect(asked.status).toBe(201);
    const request = await readJson(asked);
    conforms(request, 'post', '/api/statements/{id}/reopen-requests', 201);
    const dhup = await clientFor(server.baseUrl, world, 'DHUP');
    const pending = await readJson(await dhup.get('/api/reopen-requests'));
    expect(pending.items.map((r: { id: number }) => r.id)).toContain(request.id);
    expect((await signataire.post(`/api/reopen-requests/${request.id}/decision`, { accept: true })).status).toBe(403);
    const decided = await dhup.post(`/api/reopen-requests/${request.id}/decision`, { accept: true });
    expect(decided.status).toBe(200);
    const reopened = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(reopened).toMatchObject({ state: 'reopened' });
    expect(reopened.revision).toBe(revision + 1);
    revision = reopened.revision;
    // Recipients still see the first submission meanwhile.
    expect((await readJson(await dhup.get(`/api/statements/${id}`))).submission.receiptNumber).toBe(receiptNumber);
    expect((await save('ER01', { ...demoAnswers().ER01, terrains: { brut: 2_000_000_000, amort: 1000, net_n1: 700 } })).status).toBe(200);
    const again = await signataire.post(`/api/statements/${id}/transmit`, { revision });
    expect(again.status).toBe(201);
    const second = await readJson(again);
    expect(second.number).toBe(2);
    const after = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(after.submissions).toEqual([
      expect.objectContaining({ number: 2, replaced: false }),
      expect.objectContaining({ number: 1, receiptNumber, replaced: true }),
    ]);
    receiptNumber = second.receiptNumber;
  });

  it('exports the campaign as the transmitted snapshot says, CSV and XLSX, wide and long', async () => {
    const dhup = await clientFor(server.baseUrl, world, 'DHUP');
    const long = await dhup.get(`/api/campaigns/${campaignId}/export?format=csv&layout=long`);
    expect(long.status).toBe(200);
    const bytes = Buffer.from(await long.arrayBuffer());
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('siren;organisme;famille;recepisse;transmis_le;hors_delai;feuille;code;ligne;valeur\r\n')).toBe(true);
    const submission = await server.state.models.Submission.findOne({ where: { receiptNumber } });
    const snapshot = submission!.snapshot as { answers: ReturnType<typeof demoAnswers>; computed: Record<string, Record<string, unknown>> };
    const lines = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';'));
    const value = (code: string, row = '') => lines.find((l) => l[7] === code && l[8] === row)?.[9];
    expect(lines.every((l) => l[0] === '732829320' && l[3] === receiptNumber)).toBe(true);
    expect(value('ER01_0020_BRUT')).toBe(String(snapshot.answers.ER01.terrains.brut));
    expect(value('ER01_0020_NET')).toBe(String(snapshot.computed.ER01['terrains.net']));
    expect(value('ER09_NUMERO', '1')).toBe('A1');
    expect(value('ER00_DATE_APPROBATION')).toBe('2026-04-30');
    const facts = await server.state.models.Fact.count({ where: { submissionId: submission!.id } });
    expect(lines.length).toBe(facts);

    const wide = await dhup.get(`/api/campaigns/${campaignId}/export?format=xlsx&layout=wide`);
    expect(wide.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await wide.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(sheet.rowCount).toBe(2);
    const cell = (code: string) => row[header.indexOf(code)];
    expect(cell('siren')).toBe('732829320');
    expect(cell('ER01_0020_BRUT')).toBe(2_000_000_000);
    expect(cell('ER01_0020_AMORT')).toBe(1000);
    expect(cell('ER09_CRD_FIN#1')).toBe(900);
    const saisieExport = await saisie.get(`/api/campaigns/${campaignId}/export`);
    expect(saisieExport.status).toBe(403);
  });

  it('imports a CSV as one new revision, and a bad file changes nothing', async () => {
    const dhup = await clientFor(server.baseUrl, world, 'DHUP');
    const request = await readJson(
      await signataire.post(`/api/statements/${id}/reopen-requests`, { reason: 'Import du logiciel comptable.' }),
    );
    expect((await dhup.post(`/api/reopen-requests/${request.id}/decision`, { accept: true })).status).toBe(200);
    const before = await readJson(await saisie.get(`/api/statements/${id}`));
    revision = before.revision;
    const bad = 'feuille;code;ligne;valeur\nER01;ER01_0020_BRUT;;12 345,67\nER01;ER01_INCONNU;;1\nER09;ER09_CRD_FIN;;5\n';
    const refused = await rawPost(saisie, `/api/statements/${id}/import?baseRevision=${revision}`, bad, 'text/csv');
    expect(refused.status).toBe(422);
    const errors = (await readJson(refused)).error.details.errors;
    expect(errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    const unchanged = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(unchanged.revision).toBe(revision);
    expect(unchanged.answers).toEqual(before.answers);

    const good =
      '\uFEFFfeuille;code;ligne;valeur\r\nER01;ER01_0020_BRUT;;12 345,67\r\nER01;ER01_0020_AMORT;;345,67\r\nER09;ER09_NUMERO;1;B7\r\nER09;ER09_CRD_DEBUT;1;100\r\nER09;ER09_MOBILISATIONS;1;0\r\nER09;ER09_AMORT_CAPITAL;1;10\r\nER09;ER09_CRD_FIN;1;90\r\n';
    const imported = await rawPost(saisie, `/api/statements/${id}/import?baseRevision=${revision}`, good, 'text/csv');
    expect(imported.status).toBe(200);
    const result = await readJson(imported);
    expect(result).toMatchObject({ format: 'csv', cells: 7, revision: revision + 1 });
    expect(result.report.computed.ER01['terrains.net']).toBe(12000);
    const after = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(after.answers.ER01).toEqual({ terrains: { brut: 12345.67, amort: 345.67 } });
    expect(after.answers.ER09).toEqual({ emprunts: [{ numero: 'B7', crd_debut: 100, mobilisations: 0, amort_capital: 10, crd_fin: 90 }] });
    expect(after.answers.ER00).toEqual(before.answers.ER00);
    expect(after.history[0]).toMatchObject({ revision: revision + 1, sheet: null });
  });
});
