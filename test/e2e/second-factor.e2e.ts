/**
 * The second factor in a browser: a privileged account enrols (QR code with its key as text, a
 * wrong code announced and focused), logs out, then logs in again with a code; axe on each step.
 * A small world (no demo seed) so that it stays quick.
 */
import type { Browser, Page } from 'playwright-core';
import { codeAt } from '../../server/auth/totp';
import { PASSWORD, buildWorld, type World } from '../server/support/world';
import { startTestServer, type TestServer } from '../support/server';
import { launchBrowser, screenshotOnFailure, seriousAccessibilityViolations } from './support/browser';
import { completeSecondFactor, waitForTitle } from './support/world';

describe('the second factor in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ SEED_DEMO: '0' });
    world = await buildWorld(server.state);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  });
  afterEach(async () => {
    const state = expect.getState();
    if (state.assertionCalls !== state.numPassingAsserts) await screenshotOnFailure(page, state.currentTestName ?? 'second-factor');
    await page.context().close();
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
    expect(
      await alert.evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement),
    ).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The shared helper reads the key under the QR code and types the current code.
    await completeSecondFactor(page, server.baseUrl, email);
    await page.waitForURL((url) => url.pathname === '/');
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

  it('lets the user give up the code step, which ends the session', async () => {
    await password(world.users.FED_EDITOR.email);
    await page.getByRole('heading', { name: 'Activer la double authentification', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Annuler et se déconnecter' }).click();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
  });
});
