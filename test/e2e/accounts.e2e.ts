/**
 * The accounts console in a browser: the platform administrator lands on « Comptes », finds an
 * account whose owner lost their authenticator app, resets its second factor after a confirmation
 * that names the person, and sees the row change; pages of 25; axe on every state. Other roles
 * neither see the link nor get the accounts. A small world (no demo seed) so that it stays quick.
 */
import type { Page } from 'playwright-core';
import { hashPassword } from '../../server/auth/passwords';
import { encryptSecret, newTotpSecret } from '../../server/auth/totp';
import type { TestServer } from '../support/server';
import { seriousAccessibilityViolations } from './support/browser';
import { useSmallWorld } from './support/small-world';
import { waitForTitle } from './support/world';

describe('the accounts console in a browser', () => {
  const t = useSmallWorld('accounts', {
    async prepare({ server, world }) {
      const { User } = server.state.models;
      const passwordHash = await hashPassword('Harmonia-comptes-2025!');
      const base = { passwordHash, federationId: null, lockedUntil: null, mfaSecret: null, lastLoginAt: null };
      const enrolled = await User.create({
        ...base,
        email: 'c.dupont@bailleur.fr',
        name: 'Camille Dupont',
        role: 'DHUP',
        organisationId: null,
        authorityId: world.authorities.dhup.id,
      });
      await enrolled.update({ mfaSecret: encryptSecret(server.state.config.mfaKey, enrolled.id, newTotpSecret()), mfaEnabled: true });
      enrolledId = enrolled.id;
      await User.bulkCreate(
        Array.from({ length: 30 }, (_, i) => ({
          ...base,
          email: `page-${String(i + 1).padStart(2, '0')}@pagination.fr`,
          name: `Compte ${i + 1}`,
          role: 'ORG_SAISIE' as const,
          organisationId: world.organisations.orgA.id,
          authorityId: null,
        })),
      );
    },
  });
  let server: TestServer;
  let page: Page;
  let enrolledId: number;
  beforeAll(() => {
    ({ server } = t);
  });
  beforeEach(() => {
    page = t.page;
  });

  async function search(text: string) {
    await page.getByRole('searchbox', { name: /^Rechercher un compte/ }).fill(text);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  }

  const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);

  it('lets the platform administrator find an enrolled account and reset its second factor', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await t.logInAs('PLATFORM_ADMIN');
    // The administrator's home is the accounts console, also listed in the consoles' menu.
    await page.getByRole('heading', { name: 'Comptes', level: 1 }).waitFor();
    await waitForTitle(page, /^Comptes — Harmonia$/);
    const link = page.getByRole('navigation', { name: 'Consoles' }).getByRole('link', { name: 'Comptes' });
    expect(await link.getAttribute('href')).toBe('/comptes');
    await link.click();
    await page.waitForURL((url) => url.pathname === '/comptes');
    expect(await link.getAttribute('aria-current')).toBe('page');
    await page
      .getByRole('status')
      .getByText(/comptes trouvés\.$/)
      .waitFor();
    await expectAccessible();

    await search('DUPONT');
    await page.getByRole('status').getByText('1 compte trouvé.').waitFor();
    const row = page.getByRole('row', { name: /Camille Dupont/ });
    await row.getByRole('cell', { name: 'c.dupont@bailleur.fr' }).waitFor();
    expect(await row.getByRole('cell', { name: 'Activée', exact: true }).count()).toBe(1);
    expect(await row.getByRole('cell', { name: /Direction de l’habitat.*\(Autorité\)/ }).count()).toBe(1);

    // Cancel first: nothing happens, the second factor stays.
    const reset = row.getByRole('button', { name: 'Réinitialiser la double authentification de Camille Dupont' });
    await reset.click();
    const dialog = page.getByRole('dialog', { name: 'Réinitialiser la double authentification de Camille Dupont ?' });
    await dialog.waitFor();
    await dialog.getByText(/devra activer à nouveau la double authentification/).waitFor();
    await dialog.getByText(/c\.dupont@bailleur\.fr/).waitFor();
    await expectAccessible();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await server.state.models.User.findByPk(enrolledId))!.mfaEnabled).toBe(true);

    await reset.click();
    await dialog.getByRole('button', { name: 'Réinitialiser', exact: true }).click();
    await page
      .getByRole('status')
      .getByText('La double authentification de Camille Dupont a été réinitialisée : ses sessions sont fermées.')
      .waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await row.getByRole('cell', { name: 'Non activée', exact: true }).count()).toBe(1);
    expect(await row.getByRole('button').count()).toBe(0);
    const stored = (await server.state.models.User.findByPk(enrolledId))!;
    expect([stored.mfaEnabled, stored.mfaSecret]).toEqual([false, null]);
    await expectAccessible();

    // A reload reads the same from the server.
    await page.reload();
    await search('dupont');
    await page.getByRole('status').getByText('1 compte trouvé.').waitFor();
    expect(
      await page
        .getByRole('row', { name: /Camille Dupont/ })
        .getByRole('cell', { name: 'Non activée', exact: true })
        .count(),
    ).toBe(1);
    expect(errors).toEqual([]);
  });

  it('pages the results by 25', async () => {
    await t.logInAs('PLATFORM_ADMIN');
    await page.getByRole('heading', { name: 'Comptes', level: 1 }).waitFor();
    await search('pagination');
    await page.getByRole('status').getByText('30 comptes trouvés.').waitFor();
    const rows = page.locator('tbody tr');
    await page.getByRole('table', { name: /page 1 sur 2/ }).waitFor();
    expect(await rows.count()).toBe(25);
    const pages = page.getByRole('navigation', { name: 'Pages des comptes' });
    expect(await pages.getByRole('button', { name: 'Page précédente' }).isDisabled()).toBe(true);
    await pages.getByRole('button', { name: 'Page suivante' }).click();
    await page.getByRole('table', { name: /page 2 sur 2/ }).waitFor();
    expect(await rows.count()).toBe(5);
    expect(await rows.first().getByRole('cell', { name: 'page-26@pagination.fr' }).count()).toBe(1);
    await expectAccessible();
  });

  it('shows neither the link nor the accounts to another role, and says why in French', async () => {
    await t.logInAs('DHUP');
    expect(await page.getByRole('link', { name: 'Comptes' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/comptes`);
    await page.getByRole('alert').getByText('Vous n’avez pas accès à cette ressource.').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(0);
  });
});
