/**
 * A fiche of 240 fields is mounted by slices near the viewport (decision 0601): the page starts
 * with a part of it and placeholders for the rest; Tab from the last mounted field reaches the next
 * slice's first field through its placeholder; Shift+Tab comes back to the previous slice's last
 * field; the controls panel's link mounts a far slice and focuses its field; a value typed there
 * is kept when the slice is unmounted and mounted again.
 */
import { campaignFor, publish, questionnaire } from '../../server/consoles/testing';
import { fieldDomId } from '../../ui/src/statement/keys';
import { focusedId, seriousAccessibilityViolations, waitForFocusOn } from './support/browser';
import { useSmallWorld } from './support/small-world';

const GROUPS = 60;
const FAR = 55;
const line = (g: number) => `ligne_${String(g).padStart(3, '0')}`;

/** 60 bilan lines of 4 fields (one computed), drawn as a grid, and a required field far down. */
function largePackage() {
  const files = questionnaire('DHUP', 'q-grande-fiche');
  const manifest = JSON.parse(files['manifest.json']);
  manifest.title = 'Grande fiche';
  manifest.sheets[0] = { id: 'Q01', title: 'Bilan détaillé', schema: 'sheets/Q01.schema.json', ui: 'sheets/Q01.ui.json' };
  files['manifest.json'] = JSON.stringify(manifest);
  const properties: Record<string, unknown> = {};
  const rules: unknown[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const code = `QGF_${String(g).padStart(3, '0')}`;
    properties[line(g)] = {
      type: 'object',
      title: `Ligne ${g + 1} du bilan`,
      additionalProperties: false,
      properties: {
        brut: { type: 'number', title: 'Brut', 'x-unit': 'EUR', 'x-code': `${code}_BRUT` },
        amort: { type: 'number', title: 'Amortissements', 'x-unit': 'EUR', 'x-code': `${code}_AMORT` },
        net: { type: 'number', title: 'Net', readOnly: true, 'x-unit': 'EUR', 'x-code': `${code}_NET` },
        net_n1: { type: 'number', title: 'Net N-1', 'x-unit': 'EUR', 'x-code': `${code}_NET_N1` },
      },
    };
    rules.push({ id: `T${g}`, kind: 'computed', target: `Q01.${line(g)}.net`, expr: `Q01.${line(g)}.brut - Q01.${line(g)}.amort` });
  }
  rules.push({
    id: 'R55',
    kind: 'required',
    severity: 'blocking',
    fields: [`Q01.${line(FAR)}.brut`],
    message: `Ligne ${FAR + 1} : le brut est obligatoire.`,
  });
  files['sheets/Q01.schema.json'] = JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Bilan détaillé',
    type: 'object',
    additionalProperties: false,
    properties,
  });
  files['sheets/Q01.ui.json'] = JSON.stringify({ 'ui:options': { layout: 'grid' } });
  files['rules.json'] = JSON.stringify({ rules });
  return files;
}

type Doc = { document: { activeElement: { id: string; textContent: string | null } | null } };

describe('a large fiche in the workspace', () => {
  const t = useSmallWorld('lazy-fiche', {
    context: { viewport: { width: 1280, height: 800 } },
    async prepare({ server }) {
      const version = await publish(server.state, largePackage());
      await campaignFor(server.state, version, {
        exercice: 2025,
        closesAt: new Date(Date.now() + 60 * 86_400_000),
        title: 'Grande campagne',
      });
    },
  });

  it('mounts slices as the keyboard and the controls panel reach them, losing nothing', async () => {
    const { page } = t;
    await t.logInAs('ORG_SAISIE');
    await page
      .getByRole('row')
      .filter({ hasText: 'Grande campagne' })
      .getByRole('button', { name: /Commencer la saisie/ })
      .click();
    await page.waitForURL(/\/declarations\/\d+/);
    await page.getByRole('heading', { level: 2, name: /^Q01 — Bilan détaillé/ }).waitFor();

    // Only the top of the fiche is drawn; the rest waits behind placeholders.
    const far = page.locator(`[id="${fieldDomId('Q01', `${line(FAR)}.brut`)}"]`);
    await page.locator(`[id="${fieldDomId('Q01', `${line(0)}.brut`)}"]`).waitFor();
    expect(await page.locator('input[id^="f-Q01-ligne_"]').count()).toBeLessThan(GROUPS * 3);
    expect(await page.locator('.hm-lazy').count()).toBeGreaterThan(0);
    expect(await far.count()).toBe(0);

    // Tab from the last field before the first placeholder lands in that slice's first field.
    const placeholder = page.locator('.hm-lazy__button').first();
    const sliceLabel = (await placeholder.textContent()) ?? '';
    const before = await page.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { querySelector(s: string): unknown; querySelectorAll(s: string): ArrayLike<unknown> } }
      ).document;
      const button = doc.querySelector('.hm-lazy__button') as { compareDocumentPosition(n: unknown): number };
      const inputs = Array.from(doc.querySelectorAll('input[id^="f-Q01-ligne_"]:not([readonly])')) as Array<{ id: string }>;
      // DOCUMENT_POSITION_PRECEDING = 2: the input comes before the placeholder.
      return inputs.filter((input) => button.compareDocumentPosition(input) & 2).pop()?.id ?? '';
    });
    expect(before).not.toBe('');
    await page.locator(`[id="${before}"]`).focus();
    await page.keyboard.press('Tab');
    await page.waitForFunction((id) => {
      const active = (globalThis as unknown as Doc).document.activeElement?.id ?? '';
      return active.startsWith('f-Q01-ligne_') && active !== id;
    }, before);
    const landed = await focusedId(page);
    expect(landed).toMatch(/-brut$/);
    expect(await page.getByRole('button', { name: sliceLabel }).count()).toBe(0);
    // And Shift+Tab goes back to the field it came from.
    await page.keyboard.press('Shift+Tab');
    await expect(focusedId(page)).resolves.toBe(before);

    // The panel's link to a far field mounts its slice and focuses it.
    const link = page.locator('[data-severity-group="blocking"] [data-rule="R55"] a');
    await link.click();
    await waitForFocusOn(page, fieldDomId('Q01', `${line(FAR)}.brut`));
    await page.keyboard.type('1234');
    await page.locator('[data-rule="R55"]').waitFor({ state: 'detached' });
    await page.getByText('Enregistré à').first().waitFor();

    // Back at the top, the far slice unmounts; scrolled to again, it shows the value typed.
    const top = page.locator(`[id="${fieldDomId('Q01', `${line(0)}.brut`)}"]`);
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await top.focus();
    await far.waitFor({ state: 'detached' });
    for (let i = 0; i < 100 && (await far.count()) === 0; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(50);
    }
    await expect(far.inputValue()).resolves.toMatch(/^1\s234,00$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
