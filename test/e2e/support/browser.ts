import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium; never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium introuvable à ${CHROMIUM} : installez le paquet Debian « chromium » (apt-get install -y chromium) ou indiquez CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Axe on the current page: the serious and critical violations, which the tests require to be none. */
export async function seriousAccessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Keeps a screenshot of the page when a test fails, under test-results/. */
export async function screenshotOnFailure(page: Page | undefined, name: string) {
  if (!page) return;
  const dir = path.resolve(__dirname, '../../../test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`), fullPage: true }).catch(() => {});
}

/** What the page's document sees (reached through globalThis: the tests have no DOM types). */
type FocusDocument = { document: { activeElement: { id: string } | null } };

/** The id of the focused element ('' when none has one). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as FocusDocument).document.activeElement?.id ?? '');
}

/** Waits until the element with this id has the focus. */
export async function waitForFocusOn(page: Page, id: string): Promise<void> {
  await page.waitForFunction((expected) => (globalThis as unknown as FocusDocument).document.activeElement?.id === expected, id);
}

/** Whether the located element has the focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement);
}
