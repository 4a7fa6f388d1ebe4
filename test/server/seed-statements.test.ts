import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../support/server';
import { publishVersion, uploadDraft } from '../../server/publishing/publisher';
import { seedStatements } from '../../server/seed/statements';
import { buildWorld } from './support/world';
import { readPackageFolder } from './package-folder';
import { openCampaign } from './statement-forms';

const FORMS = path.resolve(__dirname, '../../forms');

describe('seedStatements', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await buildWorld(server.state);
  });
  afterAll(() => server.close());

  it('transmits last year from the catalogue fixtures and leaves this year at various stages', async () => {
    for (const exercice of [2024, 2025]) {
      const folders = fs
        .readdirSync(path.join(FORMS, String(exercice)))
        .sort((a, b) => (a === 'dis' ? -1 : b === 'dis' ? 1 : a.localeCompare(b)));
      for (const folder of folders) {
        const draft = await uploadDraft(server.state, null, readPackageFolder(path.join(FORMS, String(exercice), folder)));
        const version = await publishVersion(server.state, null, draft.id);
        const manifest = JSON.parse(fs.readFileSync(path.join(FORMS, String(exercice), folder, 'manifest.json'), 'utf8'));
        const campaign = await openCampaign(server.state, version, {
          audience: manifest.audience,
          closesAt: exercice === 2024 ? new Date('2025-07-15T22:00:00Z') : undefined,
        });
        if (exercice === 2024) await campaign.update({ status: 'closed' });
      }
    }
    const summary = await seedStatements(server.state);
    expect(summary.skipped).toEqual([]);
    // Organisations A (OPH) and B (ESH) have users: each transmits er-ols and dis for 2024.
    expect(summary.transmitted2024).toBe(4);
    const { Submission, Statement } = server.state.models;
    const late = await Submission.count({ where: { late: true } });
    expect(late).toBe(0);
    const statements2025 = await Statement.findAll({ where: { transmittedAt: null } });
    expect(statements2025.length).toBeGreaterThan(0);
    expect(Object.values(summary.drafts2025).reduce((a, b) => a + b, 0)).toBe(4);
  });
});
