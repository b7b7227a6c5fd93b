// Real Chromium (Debian's package) driven by playwright-core, plus the app listening on a free port.
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp, type TestAppOptions } from './app.ts';
import { TEST_PASSWORD } from './db.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export async function startServer(beforeListen?: (app: App) => void, options: TestAppOptions = {}) {
  const app = await buildTestApp(options);
  beforeListen?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

/**
 * Chromium and a listening app for one test file: started before its tests, closed after them.
 * Read `browser` and `server` inside tests (they are set once the file's set-up has run).
 */
export function useBrowserAndServer(options: TestAppOptions = {}) {
  const e2e = {} as { browser: Browser; server: Awaited<ReturnType<typeof startServer>> };
  beforeAll(async () => {
    [e2e.browser, e2e.server] = await Promise.all([launchBrowser(), startServer(undefined, options)]);
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.server?.app.close();
  });
  return e2e;
}

/** Opens a page that records console errors, uncaught exceptions and CSP violations. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
      errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, errors };
}

/** Signs in through the sign-in form, as a learner does, and waits for the page it leads to. */
export async function signInWithForm(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/signin?next=/roadmaps/backend`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/roadmaps/backend`);
}

export const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase(),
      topic: el?.getAttribute('data-topic'),
      id: el?.id,
      inDrawer: Boolean(el?.closest('dialog')),
    };
  });
