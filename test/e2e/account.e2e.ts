/**
 * « Mon compte » in a browser: an account enrolled before recovery codes existed (a second factor,
 * no code) is told so after its login, finds the account page from the header, sees 0 codes, is
 * refused a wrong application code (announced, focused), then generates ten codes with a current
 * one; the count reads 10 after a reload. Axe on each state of the page.
 */
import { codeAt, encryptSecret, newTotpSecret } from '../../server/auth/totp';
import { freshCodes, markStepUsed, rememberSecondFactor } from '../server/support/client';
import { isFocused, seriousAccessibilityViolations } from './support/browser';
import { useSmallWorld } from './support/small-world';
import { waitForTitle } from './support/world';

const ACCOUNT = 'DHUP';

describe('« Mon compte » and the recovery codes', () => {
  let secret = '';
  const t = useSmallWorld('account', {
    // Enrolled the way accounts were before decision 0506: a TOTP secret, no recovery code.
    prepare: async ({ server, world }) => {
      const { id, email } = world.users[ACCOUNT];
      secret = newTotpSecret();
      await server.state.models.User.update(
        { mfaSecret: encryptSecret(server.state.config.mfaKey, id, secret), mfaEnabled: true },
        { where: { id } },
      );
      rememberSecondFactor(server.baseUrl, email, secret);
    },
  });

  it('invites an account without codes to generate them, and generates them from « Mon compte », accessibly', async () => {
    const { page, server, world } = t;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const email = world.users[ACCOUNT].email;
    expect(await server.state.models.MfaRecoveryCode.count({ where: { userId: world.users[ACCOUNT].id } })).toBe(0);

    await t.logInAs(ACCOUNT);
    const notice = page.locator('#rappel-codes-secours');
    await notice.getByText('Vous n’avez aucun code de secours').waitFor();
    // Announced without taking the page over: inside a live region, the page's own content still there.
    expect(await notice.evaluate((el) => el.parentElement?.getAttribute('aria-live'))).toBe('polite');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The header's account link leads to the page; the notice's own link would too.
    expect(await notice.getByRole('link', { name: /Mon compte/ }).getAttribute('href')).toBe('/compte');
    await page.getByRole('link', { name: /^Mon compte : DHUP/ }).click();
    await page.waitForURL((url) => url.pathname === '/compte');
    await waitForTitle(page, /^Mon compte — Harmonia$/);
    await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
    await page.getByText(email).waitFor();
    await page.getByRole('heading', { name: 'Double authentification', level: 2 }).waitFor();
    await page.getByText('Activée', { exact: true }).waitFor();
    await page.locator('#codes-secours-restants').getByText('Aucun code de secours restant').waitFor();
    expect(await notice.count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A wrong code: a French message, announced and focused; the field marked invalid; no code issued.
    const field = page.getByRole('textbox', { name: /^Code de votre application/ });
    await field.fill(codeAt(secret, Date.now() + 10 * 60_000));
    await page.getByRole('button', { name: 'Générer de nouveaux codes de secours' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/Code incorrect ou expiré/).waitFor();
    expect(await isFocused(page.locator('[role="alert"]'))).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await server.state.models.MfaRecoveryCode.count({ where: { userId: world.users[ACCOUNT].id } })).toBe(0);

    // A current code: the ten codes in the shared panel, its heading focused.
    const [fresh] = freshCodes(server.baseUrl, email, secret);
    expect(fresh).toBeDefined();
    markStepUsed(server.baseUrl, email, fresh.step);
    await field.fill(fresh.code);
    await page.getByRole('button', { name: 'Générer de nouveaux codes de secours' }).click();
    await page.getByRole('heading', { name: 'Vos codes de secours', level: 2 }).waitFor();
    expect(await isFocused(page.locator('#codes-secours-titre'))).toBe(true);
    const codes = await page
      .getByRole('list', { name: /Codes de secours/ })
      .getByRole('listitem')
      .allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByText('J’ai conservé mes codes de secours').click();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByText(/Vos nouveaux codes de secours sont actifs/).waitFor();
    await page.locator('#codes-secours-restants').getByText('10 codes de secours restants').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The count comes from the server: the same after a reload, and the notice is gone for good.
    await page.reload();
    await page.locator('#codes-secours-restants').getByText('10 codes de secours restants').waitFor();
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('link', { name: /^Mon compte : DHUP/ }).waitFor();
    expect(await notice.count()).toBe(0);
    expect(await server.state.models.MfaRecoveryCode.count({ where: { userId: world.users[ACCOUNT].id } })).toBe(10);
    expect(errors).toEqual([]);
  });

  it('shows an account without a second factor its identity and no second-factor section', async () => {
    const { page } = t;
    await t.logInAs('ORG_SAISIE', '/compte');
    await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
    await page.getByText('Saisie', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Double authentification' }).count()).toBe(0);
    expect(await page.locator('#rappel-codes-secours').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
