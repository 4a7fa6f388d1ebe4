import { startTestServer, type TestServer } from '../support/server';
import { withLuhnDigit } from '../../server/referential/siren';
import { PAGE_SIZE } from '../../server/exports/statement-pages';
import { buildWorld, clientFor, type World } from './support/world';
import { demoCampaign } from './statement-forms';

/** Exports page through the campaign (keyset pagination): every current submission exactly once, replaced ones never. */
describe('campaign export over several pages', () => {
  let server: TestServer;
  let world: World;
  let campaignId: number;
  const COUNT = PAGE_SIZE * 2 + 17;

  beforeAll(async () => {
    server = await startTestServer();
    world = await buildWorld(server.state);
    const { campaign, version } = await demoCampaign(server.state);
    campaignId = campaign.id;
    const { Organisation, Statement, Submission, Fact } = server.state.models;
    for (let i = 0; i < COUNT; i++) {
      const organisation = await Organisation.create({
        siren: withLuhnDigit(String(30_000_000 + i)),
        name: `Office ${i}`,
        kind: 'OPH',
        federationId: null,
        departement: '69',
        departements: ['69'],
      });
      const statement = await Statement.create({
        organisationId: organisation.id,
        campaignId,
        formVersionId: version.id,
        state: 'transmitted',
        revision: 1,
        answers: {},
        justifications: {},
        prefectures: ['69'],
        transmittedAt: new Date(),
      });
      const submit = (number: number, brut: number) =>
        Submission.create({
          statementId: statement.id,
          number,
          revision: number,
          formVersionId: version.id,
          snapshot: {},
          sha256: 'a'.repeat(64),
          receiptNumber: `HAR-2025-${statement.id}-${number}`,
          transmittedAt: new Date(),
          transmittedBy: null,
          late: false,
          replacedBy: null,
          replacedAt: null,
        }).then(async (s) => {
          await Fact.bulkCreate([
            { submissionId: s.id, sheet: 'ER01', code: 'ER01_0020_BRUT', row: null, value: String(brut), numericValue: String(brut) },
            { submissionId: s.id, sheet: 'ER09', code: 'ER09_NUMERO', row: 1, value: `E${i}`, numericValue: null },
          ]);
          return s;
        });
      const first = await submit(1, 1);
      if (i % 10 === 0) {
        // Reopened and transmitted again: only the second submission is current.
        const second = await submit(2, 2);
        await first.update({ replacedBy: second.id, replacedAt: new Date() });
      }
    }
  }, 120_000);
  afterAll(() => server.close());

  it('writes every current submission once, in the long and the wide layouts', async () => {
    const dhup = await clientFor(server.baseUrl, world, 'DHUP');
    const long = (await (await dhup.get(`/api/campaigns/${campaignId}/export?format=csv&layout=long`)).text())
      .trim()
      .split('\r\n')
      .slice(1);
    expect(long).toHaveLength(COUNT * 2);
    const brut = long.filter((l) => l.includes(';ER01_0020_BRUT;'));
    expect(new Set(brut.map((l) => l.split(';')[0])).size).toBe(COUNT);
    expect(brut.filter((l) => l.endsWith(';2'))).toHaveLength(Math.ceil(COUNT / 10));
    const wide = (await (await dhup.get(`/api/campaigns/${campaignId}/export?format=csv&layout=wide`)).text()).trim().split('\r\n');
    expect(wide).toHaveLength(COUNT + 1);
    const header = wide[0].split(';');
    expect(header).toContain('ER09_NUMERO#1');
    expect(header).not.toContain('ER09_NUMERO#2');
  });
});
