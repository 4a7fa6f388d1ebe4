/**
 * A real server on a throwaway database with the demo seed (server/seed: referential, accounts,
 * the forms catalogue published, campaigns, statements at every stage), plus a data-entry account
 * in the organisations the browser tests work on.
 */
import type { Page } from 'playwright-core';
import { hashPassword } from '../../../server/auth/passwords';
import { loadActor } from '../../../server/policies/actor';
import { DEMO_PASSWORD, seedDemo } from '../../../server/seed';
import { listOwnStatements } from '../../../server/statements/lister';
import { startTestServer, type TestServer } from '../../support/server';
import { freshCodes, markStepUsed, rememberSecondFactor, secondFactorSecret } from '../../server/support/client';

export const PASSWORD = DEMO_PASSWORD;
/** The seed takes a while on a busy machine: publishing the catalogue compiles every package. */
export const SEED_TIMEOUT = 300_000;

export interface DemoServer extends TestServer {
  /** E-mail of the organisation's signatory created by the seed (`signataire.oph.N@…`). */
  signatoryOf(organisationId: number): Promise<string>;
  /** A data-entry account (ORG_SAISIE) in that organisation, created for the test. */
  dataEntryOf(organisationId: number): Promise<string>;
  /** The organisation's statement for the open campaign of a form (e.g. `er-ols`). */
  statementOf(organisationId: number, formCode: string): Promise<{ id: number; state: string; revision: number }>;
  /** The first organisation whose draft of that form is (or is not) transmissible as seeded. */
  organisationWithDraft(formCode: string, transmissible: boolean): Promise<number>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const server = await startTestServer();
  await seedDemo(server.state);
  const { User, Statement, Campaign, FormVersion, Form } = server.state.models;
  return {
    ...server,
    async signatoryOf(organisationId) {
      const user = await User.findOne({ where: { organisationId, role: 'ORG_SIGNATAIRE' }, order: [['id', 'ASC']] });
      if (!user) throw new Error(`no signatory in organisation ${organisationId}`);
      return user.email;
    },
    async dataEntryOf(organisationId) {
      const existing = await User.findOne({ where: { organisationId, role: 'ORG_SAISIE' } });
      if (existing) return existing.email;
      const email = `saisie.e2e.${organisationId}@demo.harmonia.fr`;
      await User.create({
        email,
        name: `Saisie ${organisationId}`,
        role: 'ORG_SAISIE',
        organisationId,
        federationId: null,
        authorityId: null,
        passwordHash: await hashPassword(PASSWORD),
        lockedUntil: null,
        mfaSecret: null,
        lastLoginAt: null,
      });
      return email;
    },
    async organisationWithDraft(formCode, transmissible) {
      const signatories = await User.findAll({ where: { role: 'ORG_SIGNATAIRE' }, order: [['organisationId', 'ASC']] });
      for (const user of signatories) {
        const actor = await loadActor(server.state, user.id);
        const items = await listOwnStatements(server.state, actor!);
        const item = items.find((i) => i.form?.code === formCode && i.campaign.status === 'open' && i.statement?.state === 'draft');
        if (item?.statement && item.statement.transmissible === transmissible && (transmissible || item.statement.revision > 0))
          return user.organisationId!;
      }
      throw new Error(`no organisation with a ${transmissible ? '' : 'non-'}transmissible ${formCode} draft`);
    },
    async statementOf(organisationId, formCode) {
      const form = await Form.findOne({ where: { code: formCode } });
      const versions = await FormVersion.findAll({ where: { formId: form!.id } });
      const campaign = await Campaign.findOne({ where: { formVersionId: versions.map((v) => v.id), status: 'open' } });
      const statement = await Statement.findOne({ where: { organisationId, campaignId: campaign!.id } });
      if (!statement) throw new Error(`no ${formCode} statement for organisation ${organisationId}`);
      return { id: statement.id, state: statement.state, revision: statement.revision };
    },
  };
}

/** Waits for the page title the route sets once its data is there. */
export async function waitForTitle(page: Page, pattern: RegExp) {
  // A function, not a string: the page's CSP forbids evaluating strings.
  // (The tests' lib has no DOM types: the page's document is reached through globalThis.)
  await page.waitForFunction(
    (source) => new RegExp(source).test((globalThis as unknown as { document: { title: string } }).document.title),
    pattern.source,
  );
}

/** Logs in through the login page (the demo password unless told: test worlds have their own). */
export async function logIn(page: Page, baseUrl: string, email: string, path = '/', password = PASSWORD) {
  await page.goto(`${baseUrl}/connexion?suite=${encodeURIComponent(path)}`);
  await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await completeSecondFactor(page, baseUrl, email);
  // A home page may send a role elsewhere (the platform administrator to « Comptes »).
  await page.waitForURL((url) => url.pathname === path || (path === '/' && !url.pathname.startsWith('/connexion')));
}

/**
 * After the password: for a privileged account, the second factor, as its owner would do it — at
 * the first login, read the key shown under the QR code and keep the recovery codes it then gives;
 * afterwards, type the current code. Nothing for other accounts. The one helper every browser test
 * logs in through.
 */
export async function completeSecondFactor(page: Page, baseUrl: string, email: string) {
  // A function, not a string: the page's CSP forbids evaluating strings.
  const handle = await page.waitForFunction(() => {
    const doc = globalThis as unknown as { document: { getElementById(id: string): unknown }; location: { pathname: string } };
    if (doc.document.getElementById('code-mfa')) return 'code';
    return doc.location.pathname !== '/connexion' ? 'done' : false;
  });
  if ((await handle.jsonValue()) !== 'code') return;
  const enrolling = await page.getByRole('heading', { name: 'Activer la double authentification' }).isVisible();
  if (enrolling) {
    const secret = await page.locator('#cle-mfa').getAttribute('data-secret');
    if (!secret) throw new Error(`no key shown to enrol ${email}`);
    rememberSecondFactor(baseUrl, email, secret);
  }
  const secret = secondFactorSecret(baseUrl, email);
  if (!secret) throw new Error(`no known second factor for ${email}`);
  const [fresh] = freshCodes(baseUrl, email, secret);
  if (!fresh) throw new Error(`no unused second-factor code for ${email} in this 30 s step`);
  markStepUsed(baseUrl, email, fresh.step);
  await page.getByRole('textbox', { name: /^Code à usage unique/ }).fill(fresh.code);
  await page.getByRole('button', { name: enrolling ? 'Activer' : 'Valider' }).click();
  if (enrolling) {
    // The enrolment gives recovery codes, kept (the box ticked through its label) before going on.
    await page.getByText('J’ai conservé mes codes de secours').click();
    await page.getByRole('button', { name: 'Continuer' }).click();
  }
}
