/**
 * What most browser tests start from: a server on a throwaway database holding the small test world
 * (test/server/support/world, not the demo seed), one Chromium for the file, a fresh page in its own
 * context for each test, and a screenshot of the page when a test fails.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PASSWORD, buildWorld, type World } from '../../server/support/world';
import { startTestServer, type TestServer } from '../../support/server';
import { launchBrowser, screenshotOnFailure } from './browser';
import { logIn } from './world';

export interface SmallWorld {
  server: TestServer;
  world: World;
  browser: Browser;
  /** This test's page (a new browser context per test). */
  page: Page;
  /** Logs the world's user `key` in through the login page, second factor included. */
  logInAs(key: string, path?: string): Promise<void>;
}

/** Registers the hooks; the returned object is filled in as they run (read it inside tests). */
export function useSmallWorld(
  name: string,
  options: {
    env?: Record<string, string>;
    context?: BrowserContextOptions;
    /** More data, once the world exists. */
    prepare?: (t: SmallWorld) => Promise<void>;
  } = {},
): SmallWorld {
  const t = {
    logInAs: (key: string, path = '/') => logIn(t.page, t.server.baseUrl, t.world.users[key].email, path, PASSWORD),
  } as SmallWorld;
  beforeAll(async () => {
    t.server = await startTestServer({ SEED_DEMO: '0', ...options.env });
    t.world = await buildWorld(t.server.state);
    await options.prepare?.(t);
    t.browser = await launchBrowser();
  });
  afterAll(async () => {
    await t.browser?.close();
    await t.server?.close();
  });
  beforeEach(async () => {
    t.page = await (await t.browser.newContext({ locale: 'fr-FR', ...options.context })).newPage();
  });
  afterEach(async () => {
    const state = expect.getState();
    if (state.assertionCalls !== state.numPassingAsserts) await screenshotOnFailure(t.page, state.currentTestName ?? name);
    await t.page?.context().close();
  });
  return t;
}
