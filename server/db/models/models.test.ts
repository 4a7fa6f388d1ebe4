import { boot } from '../../boot';
import { readConfig } from '../../config';
import type { AppState } from '../../context';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';

describe('initial schema and models', () => {
  let database: TestDatabase;
  let state: AppState;
  beforeAll(async () => {
    database = await createTestDatabase();
    state = await boot(readConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => {
    await state.sequelize.close();
    await database.drop();
  });

  it('round-trips a statement with its submission, facts and JSON columns', async () => {
    const { Federation, Organisation, User, Form, FormVersion, Campaign, Statement, Submission, Fact } = state.models;
    const federation = await Federation.create({ code: 'FOPH', name: 'Fédération des OPH' });
    const organisation = await Organisation.create({
      siren: '732829320',
      name: 'Office test',
      kind: 'OPH',
      federationId: federation.id,
      departement: '69',
      departements: ['69', '01'],
    });
    const user = await User.create({
      email: 'a@example.fr',
      name: 'A',
      passwordHash: 'x',
      role: 'ORG_SAISIE',
      organisationId: organisation.id,
      federationId: null,
      authorityId: null,
      lockedUntil: null,
      mfaSecret: null,
      lastLoginAt: null,
    });
    const form = await Form.create({ code: 'er-ols', owner: 'CGLLS', title: 'ER' });
    const version = await FormVersion.create({
      formId: form.id,
      version: '2025.1',
      exercice: 2025,
      status: 'published',
      package: { 'manifest.json': '{}' },
      contentHash: 'a'.repeat(64),
      followsId: null,
      patchesId: null,
      patch: null,
      createdBy: user.id,
      publishedBy: user.id,
      publishedAt: new Date(),
    });
    const campaign = await Campaign.create({
      formVersionId: version.id,
      exercice: 2025,
      title: 'ER 2025',
      audience: ['OPH'],
      opensAt: new Date('2026-01-01T00:00:00Z'),
      closesAt: new Date('2026-07-15T00:00:00Z'),
      status: 'open',
      createdBy: null,
    });
    const statement = await Statement.create({
      organisationId: organisation.id,
      campaignId: campaign.id,
      formVersionId: version.id,
      state: 'draft',
      answers: { ER01: { terrains: { brut: 12 } } },
      justifications: {},
      prefectures: ['69'],
      transmittedAt: null,
    });
    const submission = await Submission.create({
      statementId: statement.id,
      number: 1,
      revision: 3,
      formVersionId: version.id,
      snapshot: { answers: statement.answers },
      sha256: 'b'.repeat(64),
      receiptNumber: 'R-2025-000001',
      transmittedAt: new Date(),
      transmittedBy: user.id,
      replacedBy: null,
      replacedAt: null,
    });
    await Fact.create({ submissionId: submission.id, sheet: 'ER01', code: 'ER01_BRUT', row: null, value: '12.5', numericValue: 12.5 });

    const read = await Statement.findByPk(statement.id);
    expect(read?.answers).toEqual({ ER01: { terrains: { brut: 12 } } });
    expect((await Organisation.findByPk(organisation.id))?.departements).toEqual(['69', '01']);
    const fact = await Fact.findOne({ where: { submissionId: submission.id } });
    expect(Number(fact?.numericValue)).toBe(12.5);
  });

  it('refuses a second statement for the same organisation and campaign', async () => {
    const { Statement } = state.models;
    const first = await Statement.findOne();
    await expect(
      Statement.create({
        organisationId: first!.organisationId,
        campaignId: first!.campaignId,
        formVersionId: first!.formVersionId,
        state: 'draft',
        answers: {},
        justifications: {},
        prefectures: [],
        transmittedAt: null,
      }),
    ).rejects.toThrow();
  });

  it('refuses a duplicate receipt number', async () => {
    const { Submission } = state.models;
    const first = await Submission.findOne();
    await expect(Submission.create({ ...first!.get(), id: undefined, number: 2 } as never)).rejects.toThrow();
  });
});
