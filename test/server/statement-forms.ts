import path from 'node:path';
import type { AppState } from '../../server/context';
import type { Campaign, FormVersion } from '../../server/db/models';
import { publishVersion, uploadDraft } from '../../server/publishing/publisher';
import { readPackageFolder } from './package-folder';

const FIXTURES = path.resolve(__dirname, '../../engine/cli/__fixtures__/forms');

/** Publishes a package folder (`2025/er-demo`) of the engine's demo fixtures, as the seed does. */
export async function publishFixture(state: AppState, folder: string): Promise<FormVersion> {
  const draft = await uploadDraft(state, null, readPackageFolder(path.join(FIXTURES, folder)));
  return publishVersion(state, null, draft.id);
}

/** An open campaign for a published version; `closesAt` in the past makes transmissions late. */
export async function openCampaign(
  state: AppState,
  version: FormVersion,
  options: { closesAt?: Date; audience?: Campaign['audience'] } = {},
): Promise<Campaign> {
  return state.models.Campaign.create({
    formVersionId: version.id,
    exercice: version.exercice,
    title: `Campagne ${version.exercice}`,
    audience: options.audience ?? ['OPH', 'ESH', 'SEM'],
    opensAt: new Date(Date.now() - 86_400_000),
    closesAt: options.closesAt ?? new Date(Date.now() + 30 * 86_400_000),
    status: 'open',
    createdBy: null,
  });
}

/** The demo ER 2025 (with the shared dis-demo sheet) published, and its campaign open. */
export async function demoCampaign(state: AppState, options: { closesAt?: Date } = {}) {
  await publishFixture(state, '2025/dis-demo');
  const version = await publishFixture(state, '2025/er-demo');
  return { version, campaign: await openCampaign(state, version, options) };
}

/** Answers of the demo ER that pass every control (the engine fixture `ok.json`), for organisation A (OPH, 69). */
export const demoAnswers = () => ({
  ER00: { siren: '732829320', raison_sociale: 'Office A', famille: 'OPH', date_approbation: '2026-04-30' },
  ER01: { terrains: { brut: 1000, amort: 200, net_n1: 700 }, constructions: { brut: 5000, amort: 1000 } },
  ER09: { emprunts: [{ numero: 'A1', crd_debut: 1000, mobilisations: 0, amort_capital: 100, crd_fin: 900, taux: 1.5 }] },
  DIS02: { logements_familiaux: 120, logements_foyers: 30 },
});

/** A minimal real PDF. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
