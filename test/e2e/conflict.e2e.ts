/**
 * Two people on the same statement, and a server that fails a save: the conflict is shown field by
 * field and nothing typed is lost; a failed save is retried, visibly, until it is acknowledged.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshotOnFailure, seriousAccessibilityViolations } from './support/browser';
import { SEED_TIMEOUT, logIn, startDemoServer, type DemoServer } from './support/world';

describe('saving', () => {
  let server: DemoServer;
  let browser: Browser;
  let organisationId: number;
  let statementId: number;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    organisationId = await server.organisationWithDraft('er-ols', false);
    statementId = (await server.statementOf(organisationId, 'er-ols')).id;
  }, SEED_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    const state = expect.getState();
    if (state.assertionCalls !== state.numPassingAsserts) {
      for (const [i, p] of pages.entries()) await screenshotOnFailure(p, `${state.currentTestName ?? 'e2e'}-${i}`);
    }
    for (const c of contexts.splice(0)) await c.close();
    pages.splice(0);
  });

  async function openAs(email: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    pages.push(page);
    await logIn(page, server.baseUrl, email, `/declarations/${statementId}/fiches/ER13`);
    await page.getByRole('heading', { level: 2, name: /^ER13/ }).waitFor();
    return page;
  }

  async function storedER13() {
    const statement = await server.state.models.Statement.findByPk(statementId);
    return (statement!.answers.ER13 ?? {}) as Record<string, unknown>;
  }

  it('shows both versions per field when someone else saved meanwhile, and loses nothing', async () => {
    const alice = await openAs(await server.dataEntryOf(organisationId));
    const bob = await openAs(await server.signatoryOf(organisationId));

    // Alice saves first: the payroll and the executives' headcount.
    await alice.getByLabel(/^Masse salariale brute/).fill('1 234 567,5');
    await alice.getByLabel(/^Cadres/).fill('12,5');
    await alice.locator('[data-save-status="saved"]').waitFor({ timeout: 15000 });
    expect(await storedER13()).toMatchObject({ masse_salariale: 1234567.5, etp_cadres: 12.5 });

    // Bob, still on the revision he opened, types another payroll: his save is refused (409).
    await bob.getByLabel(/^Masse salariale brute/).fill('7 654 321');
    const dialog = bob.getByRole('dialog', { name: /modifiée par .* entre-temps/ });
    await dialog.waitFor({ timeout: 15000 });
    await expect(bob.locator('[data-save-status="conflict"]').count()).resolves.toBe(1);
    const payroll = dialog.locator('[data-conflict-field="masse_salariale"]');
    await expect(payroll.textContent()).resolves.toMatch(
      /Ma saisie : 7\u00a0654\u00a0321,00\u00a0€.*Version enregistrée : 1\u00a0234\u00a0567,50\u00a0€/,
    );
    // Where Bob typed, his value is proposed; where only Alice did, hers.
    await expect(payroll.getByLabel(/^Ma saisie/).isChecked()).resolves.toBe(true);
    const cadres = dialog.locator('[data-conflict-field="etp_cadres"]');
    await expect(cadres.getByLabel(/^Version enregistrée/).isChecked()).resolves.toBe(true);
    expect(await seriousAccessibilityViolations(bob)).toEqual([]);

    await dialog.getByRole('button', { name: 'Enregistrer ces choix' }).click();
    await bob.locator('[data-save-status="saved"]').waitFor({ timeout: 15000 });
    expect(await storedER13()).toMatchObject({ masse_salariale: 7654321, etp_cadres: 12.5 });
  });

  it('shows both texts when a colleague justified the same warning meanwhile, and keeps the chosen one', async () => {
    const alice = await openAs(await server.dataEntryOf(organisationId));
    // An unusual payroll per full-time equivalent: the C19b warning asks for a justification.
    await alice.getByLabel(/^Masse salariale brute/).fill('999 999 999');
    const aliceWarning = alice.locator('[data-severity-group="warning"] [data-rule="C19b"]');
    await aliceWarning.waitFor();
    await alice.locator('[data-save-status="saved"]').waitFor({ timeout: 15000 });

    const bob = await openAs(await server.signatoryOf(organisationId));
    const bobWarning = bob.locator('[data-severity-group="warning"] [data-rule="C19b"]');
    await bobWarning.waitFor();

    await aliceWarning.getByLabel(/^Justification/).fill('Texte d’Alice : reprise du personnel d’une régie.');
    await alice.locator('[data-save-status="saved"]').waitFor({ timeout: 15000 });
    await expect(server.state.models.Statement.findByPk(statementId).then((s) => s!.justifications.C19b)).resolves.toMatch(
      /^Texte d’Alice/,
    );

    // Bob writes his own text on top of the empty one he saw: refused, and both texts are shown.
    await bobWarning.getByLabel(/^Justification/).fill('Texte de Bob : prime exceptionnelle.');
    const dialog = bob.getByRole('dialog', { name: /Justification modifiée/ });
    await dialog.waitFor({ timeout: 15000 });
    await expect(dialog.locator('[data-version="theirs"]').textContent()).resolves.toMatch(/^Texte d’Alice/);
    await expect(dialog.locator('[data-version="mine"]').textContent()).resolves.toMatch(/^Texte de Bob/);
    expect(await seriousAccessibilityViolations(bob)).toEqual([]);
    await expect(server.state.models.Statement.findByPk(statementId).then((s) => s!.justifications.C19b)).resolves.toMatch(
      /^Texte d’Alice/,
    );

    await dialog.getByRole('button', { name: 'Garder mon texte' }).click();
    await bob.locator('[data-save-status="saved"]').waitFor({ timeout: 15000 });
    await expect(server.state.models.Statement.findByPk(statementId).then((s) => s!.justifications.C19b)).resolves.toMatch(/^Texte de Bob/);
  });

  it('retries a failed save, says so, and keeps the edits until the server has them', async () => {
    const page = await openAs(await server.dataEntryOf(organisationId));
    let failures = 2;
    await page.route('**/api/statements/*/sheets/*', async (route) => {
      if (failures > 0) {
        failures -= 1;
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: 'Service indisponible.' } }),
        });
      } else await route.continue();
    });
    await page.getByLabel(/^Masse salariale brute/).fill('2 000 000');
    await page.locator('[data-save-status="retrying"]').waitFor({ timeout: 10000 });
    await expect(page.locator('[data-save-status]').textContent()).resolves.toMatch(/^Échec, nouvel essai/);
    const kept = await page.evaluate(
      (id) =>
        (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem(
          `harmonia:non-enregistre:${id}`,
        ),
      statementId,
    );
    expect(JSON.parse(kept!).sheets.ER13.masse_salariale).toBe(2000000);
    await page.locator('[data-save-status="saved"]').waitFor({ timeout: 20000 });
    expect(await storedER13()).toMatchObject({ masse_salariale: 2000000 });
    const after = await page.evaluate(
      (id) =>
        (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem(
          `harmonia:non-enregistre:${id}`,
        ),
      statementId,
    );
    expect(after).toBeNull();
  });

  it('adds, pastes (tab-separated, French decimals) and removes loan rows, with a totals row and the row control live', async () => {
    const page = await openAs(await server.dataEntryOf(organisationId));
    await page.locator('[data-sheet-link="ER09"]').click();
    const count = page.getByText(/^\d+ lignes?/).first();
    await count.waitFor();
    const before = Number((await count.textContent())!.match(/^(\d+)/)![1]);
    const total = page.locator('[data-total="crd_fin"]');
    const totalBefore = await total.textContent();

    // Two rows pasted: number, lender (by label), initial capital, CRD 01/01, drawdowns, repayment, interest, CRD 31/12, rate.
    const rows = [
      ['E2E-001', '', '1 000 000,00', '800 000,00', '0', '50 000,00', '12 000,50', '750 000,00', '1,75'],
      ['E2E-002', '', '500 000', '400 000', '0', '20 000', '6 000', '300 000', '2,5'],
    ];
    await page.getByLabel(/^Coller des lignes depuis un tableur/).fill(rows.map((r) => r.join('\t')).join('\n'));
    await page.getByRole('button', { name: 'Ajouter les lignes collées' }).click();
    await page
      .getByText(new RegExp(`^${before + 2} lignes`))
      .first()
      .waitFor();
    await expect(total.textContent()).resolves.not.toBe(totalBefore);
    // The second row is inconsistent (400 000 − 20 000 ≠ 300 000): its row control fails at its cell.
    const second = before + 1;
    await page.locator(`td[data-row="${second}"] .fr-message--error`).first().waitFor();
    await expect(page.locator(`#f-ER09-emprunts-taux-r${before}`).inputValue()).resolves.toBe('1,75');

    await page.getByRole('button', { name: `Supprimer la ligne ${second + 1}` }).click();
    await page
      .getByText(new RegExp(`^${before + 1} lignes?`))
      .first()
      .waitFor();
    await page.locator('[data-save-status="saved"]').waitFor({ timeout: 15000 });
    const stored = (await server.state.models.Statement.findByPk(statementId))!.answers.ER09 as {
      emprunts: Array<Record<string, unknown>>;
    };
    expect(stored.emprunts).toHaveLength(before + 1);
    expect(stored.emprunts[before]).toMatchObject({ numero_contrat: 'E2E-001', capital_initial: 1000000, interets: 12000.5, taux: 1.75 });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
