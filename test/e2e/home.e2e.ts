/**
 * The front door, by keyboard alone: French, a skip link, a labelled login form, a clear error, a
 * page title per route, the home page after logging in; axe on each. Uses a small world (no demo
 * seed) so that it stays quick.
 */
import type { Page } from 'playwright-core';
import { PASSWORD, type World } from '../server/support/world';
import type { TestServer } from '../support/server';
import { isFocused, seriousAccessibilityViolations } from './support/browser';
import { useSmallWorld } from './support/small-world';
import { waitForTitle } from './support/world';

describe('the application in a browser', () => {
  const t = useSmallWorld('e2e');
  let server: TestServer;
  let world: World;
  let page: Page;
  beforeAll(() => {
    ({ server, world } = t);
  });
  beforeEach(() => {
    page = t.page;
  });

  it('says in French why a ProConnect login came back to the login page', async () => {
    const cases: Array<[string, RegExp]> = [
      ['erreur=proconnect', /votre compte Harmonia n’a pas été reconnu/],
      ['erreur=proconnect-attente&delai=12', /Trop de tentatives de connexion depuis cette adresse\. Réessayez dans 12 secondes\./],
      ['erreur=proconnect-attente&delai=<b>', /Réessayez dans quelques instants\./],
      ['erreur=proconnect-indisponible', /ProConnect ne répond pas pour le moment/],
    ];
    for (const [query, message] of cases) {
      await page.goto(`${server.baseUrl}/connexion?${query}`);
      const alert = page.getByRole('alert').filter({ hasText: message });
      await alert.waitFor();
      // The message takes the focus, so that a screen reader reads it first.
      await expect(isFocused(alert)).resolves.toBe(true);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('logs in by keyboard alone, in French, with no serious accessibility violation', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.baseUrl);
    // Not logged in: the login page, whatever the address asked.
    await page.waitForURL(/\/connexion/);
    await waitForTitle(page, /^Connexion — Harmonia$/);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // On a fresh load, the first Tab reaches the skip link, which leads to the main content.
    await page.goto(`${server.baseUrl}/connexion`);
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).waitFor();
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent,
      ),
    ).resolves.toBe('Aller au contenu');

    // A wrong password: the error is announced and takes the focus.
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).focus();
    await page.keyboard.type(world.users.ORG_SAISIE.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('pas le bon mot de passe');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/.+/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The right one, still by keyboard: the home page of the organisation.
    await page.locator('#password').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mes déclarations' }).waitFor();
    await waitForTitle(page, /^Mes déclarations — Harmonia$/);
    await page
      .getByText(/Aucune campagne ouverte|Campagnes et déclarations/)
      .first()
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // An unknown address: a page saying so, with its own title.
    await page.goto(`${server.baseUrl}/nulle-part`);
    await waitForTitle(page, /^Page introuvable — Harmonia$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
