import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { launchBrowser, screenshotOnFailure, seriousAccessibilityViolations } from './support/browser';

describe('the application in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
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
    if (state.assertionCalls !== state.numPassingAsserts) await screenshotOnFailure(page, state.currentTestName ?? 'e2e');
    await page.context().close();
  });

  it('serves the home page in French, talking to the API, with no serious accessibility violation', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.baseUrl);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Harmonia');
    await page.getByRole('status').filter({ hasText: 'Service disponible' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
