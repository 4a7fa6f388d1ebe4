/**
 * Saves are re-checked incrementally from a cached evaluation session (server/statements/
 * evaluation-cache): these tests hold it to the full evaluation, on SQLite and MariaDB, across the
 * changes it must notice — another process's write, an attachment, a transmission of another form.
 */
import { QueryTypes } from 'sequelize';
import { startTestServer, type TestServer } from '../support/server';
import { ApiClient, readJson } from './support/client';
import { buildWorld, clientFor, type World } from './support/world';
import { demoAnswers, demoCampaign, PDF_BYTES } from './statement-forms';
import { evaluationContext } from '../../server/statements/evaluation-context';
import { loadStatement } from '../../server/statements/loaded-statement';
import { problemsOnly } from '../../server/statements/report-view';

describe('incremental re-checks of saves', () => {
  let server: TestServer;
  let world: World;
  let saisie: ApiClient;
  let id: number;
  let revision: number;

  /** What a full evaluation of the stored statement says, as a save answers it. */
  async function fullReport() {
    const loaded = await loadStatement(server.state, id);
    const { statement } = loaded;
    const context = await evaluationContext(server.state, statement, loaded.organisation, loaded.campaign, loaded.form.id);
    return problemsOnly(loaded.runtime.evaluate(statement.answers, context, statement.justifications));
  }

  async function save(sheet: string, answers: unknown) {
    const res = await saisie.put(`/api/statements/${id}/sheets/${sheet}`, { baseRevision: revision, answers });
    const body = await readJson(res);
    expect(res.status).toBe(200);
    revision = body.revision;
    return body.report;
  }

  const failing = (report: { controls: Array<{ ruleId: string }> }) => report.controls.map((c) => c.ruleId).sort();

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
    const { campaign } = await demoCampaign(server.state);
    saisie = await clientFor(server.baseUrl, world, 'ORG_SAISIE');
    ({ id, revision } = await readJson(await saisie.post(`/api/campaigns/${campaign.id}/statement`)));
  });
  afterAll(() => server.close());

  it('answers each save exactly as a full evaluation would', async () => {
    const answers = demoAnswers();
    for (const sheet of ['ER00', 'ER09', 'DIS02'] as const) expect(await save(sheet, answers[sheet])).toEqual(await fullReport());
    for (const brut of [1000, 2_000_000_000, 1000, 0]) {
      const report = await save('ER01', { ...answers.ER01, terrains: { ...answers.ER01.terrains, brut } });
      expect(report).toEqual(await fullReport());
    }
    expect(failing(await fullReport())).toContain('PJ01');
  });

  it('sees an attachment added since the last save', async () => {
    const form = new FormData();
    form.append('category', 'comptes_certifies');
    form.append('file', new Blob([new Uint8Array(PDF_BYTES)], { type: 'application/pdf' }), 'comptes.pdf');
    const attached = await fetch(`${saisie.baseUrl}/api/statements/${id}/attachments`, {
      method: 'POST',
      body: form,
      headers: { Cookie: saisie.cookie!, 'X-CSRF-Token': saisie.csrf! },
    });
    expect(attached.status).toBe(201);
    const report = await save('ER01', demoAnswers().ER01);
    expect(failing(report)).not.toContain('PJ01');
    expect(report).toEqual(await fullReport());
    // The draft view gives the browser the same context, so it evaluates as the server does.
    const view = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(view.context).toMatchObject({
      organisation: { siren: '732829320', kind: 'OPH' },
      campaign: { exercice: 2025 },
      attachments: { comptes_certifies: 1 },
    });
  });

  it('sees a write made by another server process', async () => {
    const changed = { ...demoAnswers(), ER01: { terrains: { brut: 9000, amort: 1000, net_n1: 700 } } };
    await server.state.sequelize.query('UPDATE statements SET answers = :answers, revision = revision + 1 WHERE id = :id', {
      replacements: { answers: JSON.stringify(changed), id },
      type: QueryTypes.UPDATE,
    });
    const read = await readJson(await saisie.get(`/api/statements/${id}`));
    expect(read.revision).toBe(revision + 1);
    expect(read.report.computed.ER01['terrains.net']).toBe(8000);
    revision = read.revision;
    const report = await save('ER09', demoAnswers().ER09);
    expect(report.computed.ER01['terrains.net']).toBe(8000);
    expect(report).toEqual(await fullReport());
  });

  it('keeps statements of one app apart from another app on its own database', async () => {
    const other = await startTestServer();
    try {
      expect(other.state.evaluations).not.toBe(server.state.evaluations);
    } finally {
      await other.close();
    }
  });
});
