/**
 * The organisation's journey in a browser, on the demo data: a data-entry user fills a fiche,
 * trips a blocking control and sees it at the field and in the panel, fixes it, justifies a
 * warning, attaches a PDF and chooses préfectures; the signatory transmits and downloads the
 * receipt. axe-core runs on every page visited.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotOnFailure, seriousAccessibilityViolations, waitForFocusOn } from './support/browser';
import { SEED_TIMEOUT, logIn, startDemoServer, waitForTitle, type DemoServer } from './support/world';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('the statement journey', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  let organisationId: number;
  let statementId: number;
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    organisationId = await server.organisationWithDraft('er-ols', true);
    statementId = (await server.statementOf(organisationId, 'er-ols')).id;
  }, SEED_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } })).newPage();
    errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterEach(async () => {
    const state = expect.getState();
    if (state.assertionCalls !== state.numPassingAsserts) await screenshotOnFailure(page, state.currentTestName ?? 'e2e');
    await page.context().close();
  });

  async function axe(label: string) {
    expect({ page: label, violations: await seriousAccessibilityViolations(page) }).toEqual({ page: label, violations: [] });
  }

  it('lets a data-entry user fill, check, fix, justify, attach and choose préfectures', async () => {
    const email = await server.dataEntryOf(organisationId);
    await page.goto(`${server.baseUrl}/connexion`);
    await waitForTitle(page, /^Connexion — Harmonia$/);
    await axe('connexion');
    await logIn(page, server.baseUrl, email);
    await page.getByRole('heading', { level: 1, name: 'Mes déclarations' }).waitFor();
    await page
      .getByRole('cell', { name: /exercice 2025/ })
      .first()
      .waitFor();
    await axe('accueil');

    await page
      .getByRole('row', { name: /États réglementaires.*exercice 2025/ })
      .getByRole('link')
      .click();
    await page.waitForURL(new RegExp(`/declarations/${statementId}`));
    await page.getByRole('heading', { level: 2, name: /^ER00/ }).waitFor();
    await waitForTitle(page, /^ER00 .* — Harmonia$/);
    await axe('déclaration, fiche ER00');

    // A blocking control, live: a negative amount on the bilan.
    await page.locator('[data-sheet-link="ER01"]').click();
    const brut = page.getByLabel('Terrains — Brut', { exact: true });
    const total = page.locator('#f-ER01-total_actif-brut');
    const original = await brut.inputValue();
    const totalBefore = await total.textContent();
    await brut.fill('-5');
    // The browser's message, or the rule's title until the server's rendered message arrives.
    const C05A = /positifs ou nuls|Signe des montants de l.actif/;
    const fieldMessage = page.locator('[data-field-id="f-ER01-terrains-brut"] .fr-message--error').filter({ hasText: C05A });
    await fieldMessage.first().waitFor();
    // The computed cell follows the typing.
    await expect(total.textContent()).resolves.not.toBe(totalBefore);
    await expect(brut.getAttribute('aria-describedby')).resolves.toContain('f-ER01-terrains-brut-messages');
    // The focused field is the only control of its form, which is all Chromium's autofill reads on
    // each key (decision 0602); Enter there submits nothing.
    await expect(brut.evaluate((el) => (el as unknown as { form: { length: number } | null }).form?.length)).resolves.toBe(1);
    await expect(page.locator('input[form], textarea[form]').count()).resolves.toBe(1);
    await brut.press('Enter');
    expect(page.url()).toMatch(new RegExp(`/declarations/${statementId}`));
    const panelEntry = page.locator('[data-severity-group="blocking"] [data-rule="C05a"] a');
    await expect(panelEntry.textContent()).resolves.toMatch(C05A);
    await expect(page.locator('[data-sheet-link="ER01"] .fr-badge--error').count()).resolves.toBe(1);
    await axe('fiche ER01 avec une erreur bloquante');

    // From the panel to the field, from another fiche.
    await page.locator('[data-sheet-link="ER00"]').click();
    await page.getByRole('heading', { level: 2, name: /^ER00/ }).waitFor();
    await panelEntry.click();
    await waitForFocusOn(page, 'f-ER01-terrains-brut');

    // Fixed: the message goes away at the field and in the panel.
    await brut.fill(original);
    await fieldMessage.first().waitFor({ state: 'detached' });
    await expect(page.locator('[data-rule="C05a"]').count()).resolves.toBe(0);

    // A warning, justified: an unusual payroll per full-time equivalent.
    await page.locator('[data-sheet-link="ER13"]').click();
    await page.getByLabel(/^Masse salariale brute/).fill('999 999 999');
    const warning = page.locator('[data-severity-group="warning"] [data-rule="C19b"]');
    await warning.waitFor();
    await warning
      .getByLabel(/^Justification/)
      .fill('Intégration du personnel d’une régie au 1er juillet : masse salariale exceptionnelle.');
    await warning.locator('.fr-message--valid').waitFor();
    await page.locator('[data-save-status="saved"]').waitFor({ timeout: 15000 });
    await expect(page.locator('[data-save-status]').textContent()).resolves.toMatch(/^Enregistré à \d\d:\d\d$/);

    // A PDF attached, with its progress.
    await page.getByRole('button', { name: 'Pièces jointes' }).click();
    await page
      .getByLabel(/^Comptes annuels certifiés/)
      .setInputFiles({ name: 'comptes-2025.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('link', { name: 'comptes-2025.pdf' }).waitFor();
    await axe('pièces jointes');

    // Préfectures: the siège's is locked, another one added.
    await page.getByRole('button', { name: 'Destinataires' }).click();
    const boxes = page.locator('[aria-labelledby="pref-legend"] input[type="checkbox"]');
    await boxes.first().waitFor();
    const locked = page.locator('[aria-labelledby="pref-legend"] input[type="checkbox"]:disabled');
    await expect(locked.count()).resolves.toBe(1);
    await expect(locked.isChecked()).resolves.toBe(true);
    const free = page.locator('[aria-labelledby="pref-legend"] input[type="checkbox"]:not(:disabled):not(:checked)').first();
    const freeId = await free.getAttribute('id');
    await page.locator(`label[for="${freeId}"]`).click(); // the design system draws the box on the label
    await expect(page.locator(`#${freeId}`).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Enregistrer les destinataires' }).click();
    await page.getByText(/Destinataires enregistrés : \d préfectures/).waitFor();
    await axe('destinataires');

    await page.getByRole('button', { name: 'Historique' }).click();
    await page.getByRole('table', { name: /Révisions, transmissions/ }).waitFor();
    await axe('historique');
    expect(errors).toEqual([]);
  });

  it('lets the signatory transmit and download the receipt', async () => {
    await logIn(page, server.baseUrl, await server.signatoryOf(organisationId), `/declarations/${statementId}`);
    await page.getByRole('heading', { level: 2, name: /^ER00/ }).waitFor();
    await page.getByRole('button', { name: 'Transmettre…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transmettre la déclaration' });
    await dialog.waitFor();
    await expect(dialog.getByTestId('transmit-summary').textContent()).resolves.toMatch(
      /Aucune erreur bloquante.*dont 0 sans justification/,
    );
    await axe('dialogue de transmission');
    await dialog.getByRole('button', { name: 'Confirmer la transmission' }).click();
    const receipt = page.getByRole('link', { name: 'Télécharger l’accusé de réception (PDF)' });
    await receipt.waitFor({ timeout: 20000 });
    await expect(page.locator('.hm-statement-head .fr-badge').first().textContent()).resolves.toMatch(/Transmis/i);
    const [download] = await Promise.all([page.waitForEvent('download'), receipt.click()]);
    expect(download.suggestedFilename()).toMatch(/^recepisse-.*\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
    await axe('déclaration transmise');
    expect(errors).toEqual([]);
  });
});
