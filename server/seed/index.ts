import fs from 'node:fs';
import path from 'node:path';
import { Op } from 'sequelize';
import type { PackageFiles } from '../../engine/api';
import { readPackageDir } from '../../engine/cli/disk';
import { hashPassword } from '../auth/passwords';
import { createCampaign } from '../campaigns/service';
import type { AppState } from '../context';
import type { FormVersion } from '../db/models';
import { ApiError } from '../http/errors';
import { publishVersion, uploadDraft } from '../publishing/publisher';
import { enrolDemoAccounts } from './demo-mfa';
import { DEMO_DOMAIN, DEMO_PASSWORD, seedReferential, type DemoLogin } from './referential';
import { seedStatements } from './statements';

export { DEMO_PASSWORD, type DemoLogin };
export { demoTotpSecret, isDemoEmail } from './demo-mfa';

const FORMS_DIR = path.resolve(__dirname, '../../forms');
const DAY = 86_400_000;

export interface SeedReport {
  logins: DemoLogin[];
  published: string[];
  skipped: string[];
  statements?: unknown;
}

/** Why a package did not publish, in one line for the log. */
function reason(err: unknown): string {
  if (err instanceof ApiError) {
    const diagnostics =
      (err.details as { diagnostics?: Array<{ code: string; file: string; message: string }> } | undefined)?.diagnostics ?? [];
    return `${err.message} ${diagnostics
      .slice(0, 3)
      .map((d) => `[${d.code}] ${d.file} : ${d.message}`)
      .join(' ; ')}`;
  }
  return (err as Error).message;
}

/**
 * Publishes every forms/<exercice>/<form>/ folder through the publishing service. A package whose
 * shared sheets come from another is retried after it, pass after pass; one that never validates
 * is skipped with a warning.
 */
async function publishCatalogue(state: AppState, report: SeedReport): Promise<FormVersion[]> {
  if (!fs.existsSync(FORMS_DIR)) return [];
  let pending: Array<{ name: string; files: PackageFiles }> = [];
  for (const year of fs
    .readdirSync(FORMS_DIR)
    .filter((y) => /^\d{4}$/.test(y))
    .sort()) {
    for (const form of fs.readdirSync(path.join(FORMS_DIR, year)).sort()) {
      const dir = path.join(FORMS_DIR, year, form);
      if (fs.existsSync(path.join(dir, 'manifest.json'))) pending.push({ name: `${year}/${form}`, files: readPackageDir(dir) });
    }
  }
  const published: FormVersion[] = [];
  const failures = new Map<string, string>();
  for (let progress = true; progress && pending.length > 0;) {
    progress = false;
    const retry: typeof pending = [];
    for (const item of pending) {
      try {
        published.push(await publishVersion(state, null, (await uploadDraft(state, null, item.files)).id));
        report.published.push(item.name);
        progress = true;
      } catch (err) {
        failures.set(item.name, reason(err));
        retry.push(item);
      }
    }
    pending = retry;
  }
  for (const item of pending) {
    report.skipped.push(`${item.name} : ${failures.get(item.name)}`);
    state.logger.warn({ form: item.name, reason: failures.get(item.name) }, 'demo seed: form package skipped');
  }
  return published;
}

/** Last exercice's campaigns are closed; the latest one is open, with its deadline ahead. */
async function openCampaigns(state: AppState, versions: FormVersion[]) {
  const latest = Math.max(...versions.map((v) => v.exercice));
  const now = Date.now();
  for (const version of versions) {
    const current = version.exercice === latest;
    await createCampaign(state, null, {
      formVersionId: version.id,
      opensAt: new Date(now - (current ? 45 : 410) * DAY),
      closesAt: new Date(now + (current ? 75 : -290) * DAY),
      status: current ? 'open' : 'closed',
    });
  }
}

/** True when the database holds no account yet: the only time the demo seed runs. */
export async function isEmptyDatabase(state: AppState): Promise<boolean> {
  const { User, Organisation } = state.models;
  return (await User.count()) === 0 && (await Organisation.count()) === 0;
}

/**
 * The demo data, on the first start of an empty database only (and never with SEED_DEMO=0):
 * referential and accounts, the forms catalogue published, a closed campaign for last exercice
 * and an open one for the current, then the demo statements.
 */
export async function seedDemo(state: AppState): Promise<SeedReport | null> {
  if (!state.config.seedDemo || !(await isEmptyDatabase(state))) return null;
  const report: SeedReport = { logins: [], published: [], skipped: [] };
  report.logins = await seedReferential(state, await hashPassword(DEMO_PASSWORD));
  await enrolDemoAccounts(state);
  const versions = await publishCatalogue(state, report);
  if (versions.length > 0) await openCampaigns(state, versions);
  report.statements = await seedStatements(state);
  state.logger.info({ published: report.published.length, skipped: report.skipped.length }, 'demo seed done');
  return report;
}

/** The demo accounts present in the database, to print at every start (role, e-mail). */
export async function demoLogins(state: AppState): Promise<DemoLogin[]> {
  const { User } = state.models;
  const users = await User.findAll({ where: { email: { [Op.like]: `%@${DEMO_DOMAIN}` } }, order: [['id', 'ASC']] });
  return users
    .filter((u) => !/^signataire\.[a-z]+\.\d+@/.test(u.email))
    .map((u) => ({ role: u.role, email: u.email, who: u.name, secondFactor: u.mfaEnabled }));
}
