/**
 * A hostile package in the organisation's workspace itself (the editor's preview is covered by
 * consoles.e2e.ts): an editor publishes, through the API, a package whose fiche title, field
 * titles, help texts, enum labels and rule messages hold markup; an organisation user opens the
 * statement and trips the rule. Everything shows as literal text, nothing runs, and the page's
 * CSP reports no blocked injection.
 */
import { BUNDLE_FORMAT } from '../../engine/package/bundle';
import { questionnaire } from '../../server/consoles/testing';
import { ApiClient, readJson } from '../server/support/client';
import { PASSWORD, type World } from '../server/support/world';
import type { TestServer } from '../support/server';
import { focusedId, seriousAccessibilityViolations } from './support/browser';
import { useSmallWorld } from './support/small-world';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';

/** A one-fiche questionnaire whose every editor-written string carries markup. */
function hostilePackage() {
  const files = questionnaire('DHUP', 'q-xss-espace');
  const manifest = JSON.parse(files['manifest.json']);
  manifest.title = `Questionnaire ${IMG}`;
  manifest.audience = ['OPH', 'ESH', 'SEM'];
  manifest.sheets[0].title = `Activité ${IMG}`;
  files['manifest.json'] = JSON.stringify(manifest);
  const sheet = JSON.parse(files['sheets/Q01.schema.json']);
  sheet.title = `Activité ${IMG}`;
  sheet.properties.salaries.title = `Salariés ${IMG}`;
  sheet.properties.salaries.description = `Aide ${SCRIPT} ${IMG}`;
  sheet.properties.statut = {
    type: 'string',
    title: `Statut ${SCRIPT}`,
    description: `Choisissez ${IMG}`,
    oneOf: [
      { const: 'a', title: `Actif ${IMG}` },
      { const: 'b', title: `Inactif ${SCRIPT}` },
    ],
    'x-code': 'Q_XSS_ESPACE_STATUT',
  };
  files['sheets/Q01.schema.json'] = JSON.stringify(sheet);
  files['rules.json'] = JSON.stringify({
    rules: [
      {
        id: 'Q1',
        kind: 'check',
        severity: 'blocking',
        title: `Contrôle ${IMG}`,
        assert: 'Q01.salaries > 0',
        values: { n: 'Q01.salaries' },
        message: `Aucun salarié ({{nombre n}}) ${IMG} ${SCRIPT}`,
      },
    ],
  });
  return files;
}

describe('a hostile package in the organisation’s workspace', () => {
  const t = useSmallWorld('workspace-xss');
  let server: TestServer;
  let world: World;
  beforeAll(() => {
    ({ server, world } = t);
  });

  /** The editor's side, through the API as the consoles call it: upload, publish, open a campaign. */
  async function publishThroughApi() {
    const editor = new ApiClient(server.baseUrl);
    expect((await editor.login(world.users.ER_EDITOR.email, PASSWORD)).ok).toBe(true);
    const uploaded = await editor.post('/api/forms/packages', { format: BUNDLE_FORMAT, files: hostilePackage() });
    expect(uploaded.status).toBe(201);
    const version = await readJson<{ id: number }>(uploaded);
    expect((await editor.post(`/api/forms/versions/${version.id}/publish`)).status).toBe(200);
    const now = Date.now();
    const campaign = await editor.post('/api/campaigns', {
      formVersionId: version.id,
      title: `Campagne ${IMG}`,
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 60 * 86_400_000).toISOString(),
    });
    expect(campaign.status).toBe(201);
  }

  it('shows every editor-written string as text: no markup runs, no injection reaches the CSP', async () => {
    await publishThroughApi();
    const { page } = t;
    const dialogs: string[] = [];
    const cspReports: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspReports.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));

    await t.logInAs('ORG_SAISIE');
    const row = page.getByRole('row').filter({ hasText: `Campagne ${IMG}` });
    await row.getByText(`Questionnaire ${IMG}`).first().waitFor();
    await row.getByRole('button', { name: /Commencer la saisie/ }).click();
    await page.waitForURL(/\/declarations\/\d+/);

    // The fiche, its field titles, help texts and enum labels, as the editor wrote them.
    await page.getByRole('heading', { level: 2, name: `Q01 — Activité ${IMG}` }).waitFor();
    await page.getByLabel(`Salariés ${IMG}`).waitFor();
    await page.getByText(`Aide ${SCRIPT} ${IMG}`).waitFor();
    const statut = page.getByLabel(`Statut ${SCRIPT}`);
    await page.getByText(`Choisissez ${IMG}`).waitFor();
    expect(await statut.locator('option').allTextContents()).toEqual(['— Sélectionnez —', `Actif ${IMG}`, `Inactif ${SCRIPT}`]);
    await statut.selectOption({ label: `Actif ${IMG}` });

    // The rule, tripped: its message at the field and in the panel, as text.
    await page.getByLabel(`Salariés ${IMG}`).fill('0');
    await page.keyboard.press('Tab');
    const message = `Aucun salarié (0) ${IMG} ${SCRIPT}`;
    await page.locator('[data-field-id="f-Q01-salaries"] .fr-message--error').filter({ hasText: message }).waitFor();
    const panelLink = page.getByRole('link', { name: message });
    await panelLink.waitFor();
    // The panel's link takes the keyboard user to the field.
    await panelLink.focus();
    await page.keyboard.press('Enter');
    await expect(focusedId(page)).resolves.toBe('f-Q01-salaries');
    await page.getByText('Enregistré à').first().waitFor();
    // After the save the server's own rendering of the message replaces nothing with markup either.
    await page.reload();
    await page.locator('[data-field-id="f-Q01-salaries"] .fr-message--error').filter({ hasText: message }).first().waitFor();

    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('script:has-text("__xss")').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(cspReports).toEqual([]);
    expect(errors).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
