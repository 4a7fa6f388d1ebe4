/**
 * The workspace by keyboard alone: from the home page into a fiche, a blocking control tripped and
 * seen at the field and in the panel, the panel's link back to the field, the fix and its save —
 * with Tab, Enter and typed keys only, as a keyboard user works (no click, no `fill`).
 */
import type { Page } from 'playwright-core';
import { demoCampaign } from '../server/statement-forms';
import { focusedId, seriousAccessibilityViolations, waitForFocusOn } from './support/browser';
import { useSmallWorld } from './support/small-world';

/** Presses Tab (or Shift+Tab) until the focused element matches `selector` (and `text`, if given). */
async function tabTo(page: Page, selector: string, text?: RegExp, { back = false, max = 200 } = {}) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const reached = await page.evaluate(
      ({ selector, text }) => {
        const el = (globalThis as unknown as { document: { activeElement: { matches(s: string): boolean; textContent: string } | null } })
          .document.activeElement;
        return !!el && el.matches(selector) && (text === null || new RegExp(text).test(el.textContent));
      },
      { selector, text: text?.source ?? null },
    );
    if (reached) return;
  }
  throw new Error(`${selector} ${text ?? ''} not reached in ${max} presses of Tab`);
}

describe('the workspace by keyboard alone', () => {
  const t = useSmallWorld('keyboard', {
    async prepare({ server }) {
      await demoCampaign(server.state);
    },
  });

  it('opens a fiche, trips and finds a blocking control, fixes it and saves, without a mouse', async () => {
    const { page } = t;
    await t.logInAs('ORG_SAISIE');

    await tabTo(page, 'button', /Commencer la saisie/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/declarations\/\d+/);
    await page.getByRole('heading', { level: 2, name: /^ER00/ }).waitFor();

    await tabTo(page, '[data-sheet-link="ER01"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: /^ER01/ }).waitFor();

    await tabTo(page, '#f-ER01-terrains-brut');
    await page.keyboard.type('-5');
    const atField = page.locator('[data-field-id="f-ER01-terrains-brut"] .fr-message--error');
    await atField.first().waitFor();

    // The panel's entry, reached by Tab, takes the keyboard back to the field.
    await tabTo(page, '[data-severity-group="blocking"] .hm-panel__entry a', /^Terrains – Brut/);
    await page.keyboard.press('Enter');
    await waitForFocusOn(page, 'f-ER01-terrains-brut');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('1000');
    await atField.first().waitFor({ state: 'detached' });
    await page.locator('[data-save-status="saved"]').waitFor({ timeout: 15000 });
    await expect(focusedId(page)).resolves.toBe('f-ER01-terrains-brut');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
