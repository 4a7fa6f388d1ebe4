import path from 'node:path';
import { readPackageDir } from '../../../engine/cli/disk';
import type { PackageFiles } from '../../../engine/api';
import type { AppState } from '../../../server/context';
import { hashPassword } from '../../../server/auth/passwords';
import { createCampaign } from '../../../server/campaigns/service';
import { publishVersion, uploadDraft } from '../../../server/publishing/publisher';
import { buildWorld } from '../support/world';
import { consoleFixtures } from '../../../server/consoles/testing';
import { buildStatementFixtures } from './statement-fixtures';

const FORMS = path.resolve(__dirname, '../../../forms');

/** A federation's own questionnaire: the DIS package renamed and owned by FOPH. */
export function fophQuestionnaire(year: number): PackageFiles {
  const files = readPackageDir(path.join(FORMS, String(year), 'dis'));
  const manifest = JSON.parse(files['manifest.json']);
  Object.assign(manifest, { id: 'dis-foph', owner: 'FOPH', title: 'Questionnaire FOPH' });
  delete manifest.follows;
  return { ...files, 'manifest.json': JSON.stringify(manifest) };
}

/**
 * The world plus forms and campaigns: the ER (owner DHUP) published with an open campaign and a
 * 2025 draft; a FOPH questionnaire published with a campaign and a draft of the next year.
 */
export async function buildAccessFixtures(state: AppState) {
  const world = await buildWorld(state);
  const erPublished = await publishVersion(
    state,
    null,
    (await uploadDraft(state, null, readPackageDir(path.join(FORMS, '2024', 'er-ols')))).id,
  );
  const erDraft = await uploadDraft(state, null, readPackageDir(path.join(FORMS, '2025', 'er-ols')));
  const fophPublished = await publishVersion(state, null, (await uploadDraft(state, null, fophQuestionnaire(2024))).id);
  const next = fophQuestionnaire(2025);
  next['manifest.json'] = JSON.stringify({ ...JSON.parse(next['manifest.json']), version: '2025.1', exercice: 2025 });
  const fophDraft = await uploadDraft(state, null, next);
  const dates = { opensAt: new Date('2025-01-15T00:00:00Z'), closesAt: new Date('2025-07-15T00:00:00Z') };
  const erCampaign = await createCampaign(state, null, { formVersionId: erPublished.id, ...dates });
  const fophCampaign = await createCampaign(state, null, { formVersionId: fophPublished.id, ...dates });
  // A user of orgA that administrators act on.
  const target = await state.models.User.create({
    email: 'cible@test.harmonia.fr',
    name: 'Cible',
    passwordHash: await hashPassword('Harmonia-cible-2025!'),
    role: 'ORG_SAISIE',
    organisationId: world.organisations.orgA.id,
    federationId: null,
    authorityId: null,
    lockedUntil: null,
    mfaSecret: null,
    lastLoginAt: null,
  });
  const statements = await buildStatementFixtures(
    state,
    erPublished,
    erCampaign,
    world.organisations.orgA,
    world.organisations.orgB,
    world.users.ORG_SIGNATAIRE.id,
  );
  const { workLists, jobs } = await consoleFixtures(state, world, { campaignId: erCampaign.id, versionId: erDraft.id });
  return { ...world, workLists, jobs, erPublished, erDraft, fophPublished, fophDraft, erCampaign, fophCampaign, target, statements };
}

export type AccessFixtures = Awaited<ReturnType<typeof buildAccessFixtures>>;
