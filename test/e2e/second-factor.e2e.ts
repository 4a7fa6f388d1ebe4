/**
 * The second factor in a browser: a privileged account enrols (QR code with its key as text, a
 * wrong code announced and focused), keeps its recovery codes (copy, download, the checkbox),
 * logs out, then logs in again with a code, and later with recovery codes; axe on each step.
 * A small world (no demo seed) so that it stays quick.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { spendRecoveryCode } from '../../server/auth/mfa-recovery';
import { codeAt } from '../../server/auth/totp';
import { freshCodes, markStepUsed, rememberSecondFactor, secondFactorSecret } from '../server/support/client';
import { PASSWORD, type World } from '../server/support/world';
import type { TestServer } from '../support/server';
import { isFocused, seriousAccessibilityViolations } from './support/browser';
import { useSmallWorld } from './support/small-world';
import { completeSecondFactor, waitForTitle } from './support/world';

describe('the second factor in a browser', () => {
  const t = useSmallWorld('second-factor', { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
  let server: TestServer;
  let world: World;
  let page: Page;
  beforeAll(() => {
    ({ server, world } = t);
  });
  beforeEach(() => {
    page = t.page;
  });

  const focusedTag = () =>
    page.evaluate(
      () => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName,
    );

  async function password(email: string) {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  /** The recovery codes PLATFORM_ADMIN kept at enrolment (first test), for the recovery tests. */
  let recoveryCodes: string[] = [];

  /** Types the account's current TOTP code in a field. */
  async function typeCurrentCode(email: string, secret: string, field: ReturnType<Page['getByRole']>) {
    const [fresh] = freshCodes(server.baseUrl, email, secret);
    markStepUsed(server.baseUrl, email, fresh.step);
    await field.fill(fresh.code);
  }

  it('enrols a platform administrator, accessibly, then asks for a code at the next login', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const email = world.users.PLATFORM_ADMIN.email;
    await password(email);

    const heading = page.getByRole('heading', { name: 'Activer la double authentification', level: 1 });
    await heading.waitFor();
    // The step's heading takes the focus, so a screen reader announces where the user is.
    expect(await focusedTag()).toBe('H1');
    await waitForTitle(page, /^Activer la double authentification — Harmonia$/);
    const qr = page.getByRole('img', { name: /QR code à scanner/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = (await page.locator('#cle-mfa').getAttribute('data-secret'))!;
    expect((await page.locator('#cle-mfa').textContent())!.replace(/\s/g, '')).toBe(secret);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A wrong code: announced (role=alert), focused, the field marked invalid; still on this page.
    const field = page.getByRole('textbox', { name: /^Code à usage unique/ });
    await field.fill(codeAt(secret, Date.now() + 10 * 60_000));
    await page.getByRole('button', { name: 'Activer' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/Code incorrect ou expiré/).waitFor();
    expect(await isFocused(alert)).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    rememberSecondFactor(server.baseUrl, email, secret);
    await typeCurrentCode(email, secret, field);
    await page.getByRole('button', { name: 'Activer' }).click();

    // The recovery codes, shown once: the panel's heading takes the focus.
    const panelHeading = page.getByRole('heading', { name: 'Vos codes de secours', level: 2 });
    await panelHeading.waitFor();
    expect(await focusedTag()).toBe('H2');
    recoveryCodes = await page
      .getByRole('list', { name: /Codes de secours/ })
      .getByRole('listitem')
      .allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Copier les codes' }).click();
    await page
      .getByRole('status')
      .getByText(/ont été copiés/)
      .waitFor();
    const copied = await page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
    );
    expect(copied.split('\n')).toEqual(recoveryCodes);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger les codes (.txt)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('harmonia-codes-de-secours.txt');
    const text = fs.readFileSync((await download.path())!, 'utf8');
    for (const code of recoveryCodes) expect(text).toContain(code);
    expect(text).toContain(email);

    // Going on without ticking the box: the error is announced and the box takes the focus.
    const kept = page.getByRole('checkbox', { name: 'J’ai conservé mes codes de secours' });
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page
      .getByRole('alert')
      .getByText(/cochez cette case pour continuer/)
      .waitFor();
    expect(await isFocused(kept)).toBe(true);
    expect(await kept.getAttribute('aria-describedby')).toBe('codes-conserves-erreur');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The DSFR draws its own box over the input: the user clicks the label.
    await page.getByText('J’ai conservé mes codes de secours').click();
    expect(await kept.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    // Shown once: nothing on the server gives them again.
    expect(await page.evaluate(async () => (await (await fetch('/api/auth/me')).text()).includes('"recoveryCodes"'))).toBe(false);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);

    await password(email);
    await page.getByRole('heading', { name: 'Double authentification', level: 1 }).waitFor();
    expect(await focusedTag()).toBe('H1');
    expect(await page.locator('#cle-mfa').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await completeSecondFactor(page, server.baseUrl, email);
    await page.waitForURL((url) => url.pathname === '/');
    expect(errors).toEqual([]);
  });

  it('logs in with a recovery code typed loosely; a used or wrong code is refused, accessibly', async () => {
    expect(recoveryCodes).toHaveLength(10);
    const email = world.users.PLATFORM_ADMIN.email;
    await password(email);
    await page.getByRole('heading', { name: 'Double authentification', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    const field = page.getByRole('textbox', { name: /^Code de secours/ });
    // The new field takes the focus, with its own label and hint.
    expect(await isFocused(field)).toBe(true);
    expect(await page.getByRole('textbox', { name: /^Code à usage unique/ }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await field.fill('ABCDE-FGHJK');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page
      .getByRole('alert')
      .getByText(/Code de secours incorrect ou déjà utilisé/)
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await field.fill(recoveryCodes[0].toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // The same code at the next login: refused.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);
    await password(email);
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    await page.getByRole('textbox', { name: /^Code de secours/ }).fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page
      .getByRole('alert')
      .getByText(/Code de secours incorrect ou déjà utilisé/)
      .waitFor();
    // Back to the application's code.
    await page.getByRole('button', { name: 'Utiliser le code de l’application' }).click();
    await page.getByRole('textbox', { name: /^Code à usage unique/ }).waitFor();
    await server.state.models.User.update({ failedLogins: 0 }, { where: { id: world.users.PLATFORM_ADMIN.id } });
  });

  it('says when few recovery codes remain, and replaces them with a code of the application', async () => {
    const email = world.users.PLATFORM_ADMIN.email;
    const userId = world.users.PLATFORM_ADMIN.id;
    // Codes 1 to 6 spent elsewhere: after code 7, two remain.
    for (const code of recoveryCodes.slice(1, 7)) expect(await spendRecoveryCode(server.state, userId, code)).toBe(true);
    await password(email);
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    await page.getByRole('textbox', { name: /^Code de secours/ }).fill(recoveryCodes[7]);
    await page.getByRole('button', { name: 'Valider' }).click();
    const warning = page.getByRole('heading', { name: 'Il ne vous reste que 2 codes de secours.' });
    await warning.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const field = page.getByRole('textbox', { name: /^Code de votre application/ });
    await field.fill('000000');
    await page.getByRole('button', { name: 'Générer de nouveaux codes' }).click();
    await page
      .getByRole('alert')
      .getByText(/Code incorrect ou expiré/)
      .waitFor();
    const secret = secondFactorSecret(server.baseUrl, email)!;
    await typeCurrentCode(email, secret, field);
    await page.getByRole('button', { name: 'Générer de nouveaux codes' }).click();
    await page.getByRole('heading', { name: 'Vos codes de secours', level: 2 }).waitFor();
    const fresh = await page
      .getByRole('list', { name: /Codes de secours/ })
      .getByRole('listitem')
      .allTextContents();
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => recoveryCodes.includes(c))).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByText('J’ai conservé mes codes de secours').click();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    // The old codes no longer work; the new ones do.
    expect(await spendRecoveryCode(server.state, userId, recoveryCodes[8])).toBe(false);
    expect(await spendRecoveryCode(server.state, userId, fresh[0])).toBe(true);
  });

  it('lets the user give up the code step, which ends the session', async () => {
    await password(world.users.FED_EDITOR.email);
    await page.getByRole('heading', { name: 'Activer la double authentification', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Annuler et se déconnecter' }).click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
  });
});
