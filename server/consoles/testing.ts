/**
 * Test fixtures of the consoles (used by server/consoles/*.test.ts and the browser tests): the demo
 * packages published through the real publishing service, campaigns, and statements in every
 * state, on top of the shared test world (test/server/support/world.ts).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import path from 'node:path';
import type { Answers, PackageFiles } from '../../engine/api';
import { readPackageFolder } from '../../test/server/package-folder';
import { buildWorld, clientFor, type World } from '../../test/server/support/world';
import { startTestServer, type TestServer } from '../../test/support/server';
import type { AppState } from '../context';
import type { Campaign, FormVersion, Organisation, StatementState } from '../db/models';
import { publishVersion, uploadDraft } from '../publishing/publisher';
import { jobFiles } from './jobs';

const DEMO = path.resolve(__dirname, '../../engine/cli/__fixtures__/forms');

/** A federation's one-sheet questionnaire, owned by `owner`. */
export function questionnaire(owner: string, id: string): PackageFiles {
  return {
    'manifest.json': JSON.stringify({
      id,
      version: '2025.1',
      exercice: 2025,
      title: `Questionnaire ${owner}`,
      owner,
      audience: ['OPH', 'ESH'],
      sheets: [{ id: 'Q01', title: 'Activité', schema: 'sheets/Q01.schema.json' }],
      rules: ['rules.json'],
    }),
    'sheets/Q01.schema.json': JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Activité',
      type: 'object',
      additionalProperties: false,
      properties: {
        salaries: {
          type: 'integer',
          title: 'Salariés',
          minimum: 0,
          'x-unit': 'ETP',
          'x-code': `${id.toUpperCase().replace(/-/g, '_')}_SAL`,
        },
      },
    }),
    'rules.json': JSON.stringify({
      rules: [{ id: 'Q1', kind: 'check', severity: 'warning', assert: 'Q01.salaries > 0', message: 'Aucun salarié ?' }],
    }),
  };
}

export async function publish(state: AppState, files: PackageFiles): Promise<FormVersion> {
  const draft = await uploadDraft(state, null, files);
  return publishVersion(state, null, draft.id);
}

export async function campaignFor(
  state: AppState,
  version: FormVersion,
  opts: { exercice: number; closesAt: Date; audience?: string[]; title?: string },
): Promise<Campaign> {
  return state.models.Campaign.create({
    formVersionId: version.id,
    exercice: opts.exercice,
    title: opts.title ?? `Campagne ${opts.exercice}`,
    audience: (opts.audience ?? ['OPH', 'ESH', 'SEM']) as Campaign['audience'],
    opensAt: new Date(opts.closesAt.getTime() - 120 * 86_400_000),
    closesAt: opts.closesAt,
    status: opts.closesAt.getTime() < Date.now() ? 'closed' : 'open',
    createdBy: null,
  });
}

/**
 * A statement of an organisation in a campaign. Transmitted states get a submission whose snapshot
 * holds the answers (what the impact report replays).
 */
export async function statementIn(
  state: AppState,
  campaign: Campaign,
  organisation: Organisation,
  st: StatementState,
  opts: { answers?: Answers; late?: boolean; prefectures?: string[]; attachments?: string[] } = {},
) {
  const transmitted = st !== 'draft';
  const at = new Date(campaign.closesAt.getTime() + (opts.late ? 1 : -1) * 86_400_000);
  const statement = await state.models.Statement.create({
    organisationId: organisation.id,
    campaignId: campaign.id,
    formVersionId: campaign.formVersionId,
    state: st,
    answers: opts.answers ?? {},
    justifications: {},
    prefectures: opts.prefectures ?? [],
    late: transmitted && Boolean(opts.late),
    transmittedAt: transmitted ? at : null,
  });
  if (!transmitted) return statement;
  const version = (await state.models.FormVersion.findByPk(campaign.formVersionId))!;
  const form = (await state.models.Form.findByPk(version.formId))!;
  await state.models.Submission.create({
    statementId: statement.id,
    number: 1,
    revision: 0,
    formVersionId: campaign.formVersionId,
    snapshot: {
      format: 'harmonia-submission@1',
      form: { code: form.code, version: version.version, formVersionId: version.id, exercice: campaign.exercice },
      organisation: { siren: organisation.siren, name: organisation.name, kind: organisation.kind, departement: organisation.departement },
      transmittedBy: { id: 0, name: 'Signataire de test' },
      answers: opts.answers ?? {},
      prefectures: opts.prefectures ?? [],
      attachments: (opts.attachments ?? []).map((category, i) => ({
        id: 1000 + i,
        category,
        filename: `${category}.pdf`,
        mediaType: 'application/pdf',
        size: 10,
        sha256: 'a'.repeat(64),
      })),
    },
    sha256: '0'.repeat(64),
    receiptNumber: `HAR-${campaign.exercice}-${statement.id}`,
    transmittedAt: at,
    transmittedBy: null,
    late: Boolean(opts.late),
    replacedBy: null,
    replacedAt: null,
  });
  return statement;
}

/** Answers of the 2024 demo ER for an organisation (what the impact report replays). */
export function demoAnswers(siren: string, kind: string, withApprovalDate: boolean, terrains = 1000): Answers {
  return {
    ER00: { siren, famille: kind, ...(withApprovalDate ? { date_approbation: '2025-04-30' } : {}), telephone: '0102030405' },
    ER01: { terrains: { brut: terrains, amort: 100 }, constructions: { brut: 5000, amort: 1000 } },
    ER09: { emprunts: [{ numero: 'A1', crd_debut: 1000, mobilisations: 0, amort_capital: 100, crd_fin: 900, taux: 1.5 }] },
  };
}

/**
 * The consoles' world: er-demo 2024 published with a closed 2024 campaign where orgA, orgB and
 * orgC transmitted; dis-demo and er-demo 2025 (er-demo 2025 left as a draft for the impact
 * report), a FOPH questionnaire campaign, and extra organisations for the dashboard.
 */
export async function seedConsoles(state: AppState, world: World) {
  const { Organisation } = state.models;
  const { orgA, orgB, orgC } = world.organisations;
  const orgD = await Organisation.create({
    siren: '130005481',
    name: 'SEM D',
    kind: 'SEM',
    federationId: null,
    departement: '971',
    departements: ['971'],
  });
  const orgE = await Organisation.create({
    siren: '775663438',
    name: 'ESH E',
    kind: 'ESH',
    federationId: world.federations.fesh.id,
    departement: '92',
    departements: ['92'],
  });
  const orgF = await Organisation.create({
    siren: '383474814',
    name: 'Coop F',
    kind: 'COOP',
    federationId: null,
    departement: '33',
    departements: ['33'],
  });

  const er2024 = await publish(state, readPackageFolder(path.join(DEMO, '2024/er-demo')));
  await publish(state, readPackageFolder(path.join(DEMO, '2025/dis-demo')));
  const er2025 = await uploadDraft(state, null, readPackageFolder(path.join(DEMO, '2025/er-demo')));

  const past = new Date(Date.now() - 30 * 86_400_000);
  const future = new Date(Date.now() + 60 * 86_400_000);
  const er2024Campaign = await campaignFor(state, er2024, { exercice: 2024, closesAt: past, title: 'États réglementaires 2024' });
  // 2024 statements: A lacks its approval date (fails the new C16), B is an ESH (C16 does not apply), C is complete.
  await statementIn(state, er2024Campaign, orgA, 'transmitted', { answers: demoAnswers(orgA.siren, 'OPH', false) });
  await statementIn(state, er2024Campaign, orgB, 'acknowledged', {
    answers: demoAnswers(orgB.siren, 'ESH', false),
    prefectures: ['69'],
    attachments: ['comptes_certifies'],
  });
  await statementIn(state, er2024Campaign, orgC, 'transmitted', { answers: demoAnswers(orgC.siren, 'OPH', true), late: true });

  // An open regulatory campaign (another form: one campaign per form and exercice) for the dashboard.
  const dhupVersion = await publish(state, questionnaire('DHUP', 'q-dhup'));
  const fophVersion = await publish(state, questionnaire('FOPH', 'q-foph'));
  const feshVersion = await publish(state, questionnaire('FESH', 'q-fesh'));
  const erOpen = await campaignFor(state, dhupVersion, {
    exercice: 2025,
    closesAt: future,
    title: 'États réglementaires (campagne ouverte)',
  });
  await statementIn(state, erOpen, orgA, 'transmitted');
  await statementIn(state, erOpen, orgB, 'draft');
  await statementIn(state, erOpen, orgD, 'transmitted', { late: true });
  await statementIn(state, erOpen, orgE, 'reopened');
  await statementIn(state, erOpen, orgF, 'transmitted'); // COOP: outside the audience, never counted
  const fophCampaign = await campaignFor(state, fophVersion, {
    exercice: 2025,
    closesAt: past,
    audience: ['OPH', 'ESH'],
    title: 'Questionnaire FOPH 2025',
  });
  await statementIn(state, fophCampaign, orgC, 'transmitted');
  const feshCampaign = await campaignFor(state, feshVersion, {
    exercice: 2025,
    closesAt: future,
    audience: ['OPH', 'ESH'],
    title: 'Questionnaire FESH 2025',
  });

  return { orgD, orgE, orgF, er2024, er2025, fophVersion, feshVersion, er2024Campaign, erOpen, fophCampaign, feshCampaign };
}

export interface ConsolesFixture {
  server: TestServer;
  world: World;
  seed: Awaited<ReturnType<typeof seedConsoles>>;
}

/** Starts a test server with the consoles' world before the file's tests, and stops it after them. */
export function useConsolesWorld(): ConsolesFixture {
  const fixture = {} as ConsolesFixture;
  beforeAll(async () => {
    fixture.server = await startTestServer();
    fixture.world = await buildWorld(fixture.server.state);
    fixture.seed = await seedConsoles(fixture.server.state, fixture.world);
  });
  afterAll(() => fixture.server.close());
  return fixture;
}

/** A JSON response body in a test, read without ceremony. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/**
 * The consoles' objects for the access matrix. Work lists: the DHUP's (orgA), the CDC's (orgB) and
 * one ANCOLS list that a row deletes; each authority sees its own only. Finished jobs: the DHUP's
 * receipts archive of `campaignId`, the ER editor's impact report of `versionId`.
 */
export async function consoleFixtures(state: AppState, world: World, subjects: { campaignId: number; versionId: number }) {
  const { WorkList, WorkListEntry, ConsoleJob } = state.models;
  const { dhup, cdc, ancols } = world.authorities;
  const list = async (authorityId: number, name: string, organisationIds: number[]) => {
    const created = await WorkList.create({ authorityId, name, createdBy: null });
    await WorkListEntry.bulkCreate(organisationIds.map((organisationId) => ({ workListId: created.id, organisationId })));
    return created;
  };
  const done = async (kind: 'impact' | 'receipts', userId: number, subjectId: number, output: { result?: object; file?: Buffer }) =>
    ConsoleJob.create({
      kind,
      status: 'done',
      userId,
      subjectId,
      params: {},
      done: 1,
      total: 1,
      result: output.result ?? null,
      fileKey: output.file ? (await jobFiles(state).put(output.file)).storageKey : null,
      finishedAt: new Date(),
    });
  return {
    workLists: {
      dhup: await list(dhup.id, 'Suivi DHUP', [world.organisations.orgA.id]),
      cdc: await list(cdc.id, 'Suivi CDC', [world.organisations.orgB.id]),
      ancols: await list(ancols.id, 'À supprimer', []),
    },
    jobs: {
      dhupReceipts: await done('receipts', world.users.DHUP.id, subjects.campaignId, { file: Buffer.from(zipSync({})) }),
      editorImpact: await done('impact', world.users.ER_EDITOR.id, subjects.versionId, { result: { rules: [] } }),
    },
  };
}

/**
 * One logged-in client per user of the fixture's world, for the whole test file: logging in again
 * and again would hit the login throttle.
 */
export function sessionsOf(fixture: ConsolesFixture): (key: string) => ReturnType<typeof clientFor> {
  const sessions = new Map<string, ReturnType<typeof clientFor>>();
  return (key) => {
    if (!sessions.has(key)) sessions.set(key, clientFor(fixture.server.baseUrl, fixture.world, key));
    return sessions.get(key)!;
  };
}

/**
 * Checks a response against the OpenAPI document the server publishes (its operation and status,
 * and the JSON body's schema) and answers the parsed body (null for 204).
 */
export async function openApiChecker(baseUrl: string): Promise<(res: Response, method: string, template: string) => Promise<Json>> {
  const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  const escape = (p: string) => p.replace(/~/g, '~0').replace(/\//g, '~1');
  return async (res, method, template) => {
    const response = document.paths[template]?.[method]?.responses?.[String(res.status)];
    if (!response) throw new Error(`${method} ${template} ${res.status} not documented`);
    if (res.status === 204) return null;
    const body = await res.json();
    const validate = ajv.getSchema(
      `openapi#/paths/${escape(template)}/${method}/responses/${res.status}/content/application~1json/schema`,
    )!;
    if (!validate(body)) throw new Error(`${method} ${template} ${res.status}: ${ajv.errorsText(validate.errors)}`);
    return body;
  };
}
