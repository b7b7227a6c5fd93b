// Single sign-on in Chromium against a real OpenID provider in process: the button on the sign-in
// page, the provider's own login and consent pages, and back signed in with what this browser had
// marked merged into the account and reported. Screenshots of the sign-in page with the button.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { repoRoot } from '../helpers/app.ts';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { type OpenIdProvider, startAppWithOpenIdProvider } from '../helpers/openid-provider.ts';

let browser: Browser;
let app: App;
let op: OpenIdProvider;
let baseUrl: string;
let close: () => Promise<void>;
beforeAll(async () => {
  [{ app, op, baseUrl, close }, browser] = await Promise.all([startAppWithOpenIdProvider(), launchBrowser()]);
  expect((app.server.address() as AddressInfo).port).toBe(Number(new URL(baseUrl).port));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await close?.();
});

it('signs in through the provider and merges what this browser had marked', async () => {
  op.addAccount('ada', { email: 'ada@acme.example', emailVerified: true });
  const { page, context, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  const card = (id: string) => page.locator(`.cards__item[data-topic-id="${id}"]`);
  await page.goto(`${baseUrl}/roadmaps/backend`);
  await card('sql').getByRole('button', { name: /^Done/ }).click();
  await expect.poll(() => card('sql').getAttribute('data-status')).toBe('done');

  await page.goto(`${baseUrl}/signin?next=/roadmaps/backend`);
  await page.getByRole('link', { name: 'Sign in with Acme' }).click();
  // The provider's own pages (oidc-provider's development login and consent).
  await page.locator('input[name="login"]').fill('ada');
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.waitForURL(`${baseUrl}/roadmaps/backend`);
  const notice = page.locator('[data-page-notice]');
  await expect.poll(() => notice.count()).toBe(1);
  expect(await notice.locator('p').allTextContents()).toEqual([
    'Your 1 marked topic from this browser is now saved in your account.',
  ]);
  const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json()));
  expect(me.email).toBe('ada@acme.example');
  const progress = await page.evaluate(() => fetch('/api/v1/me/progress/backend').then((r) => r.json()));
  expect(progress.topics.sql.status).toBe('done');
  expect(await page.evaluate(() => localStorage.getItem('trailmap.progress.v1'))).toBe('{}');
  await context.close();
  // The provider's page asks for a web font this machine cannot reach; nothing else may fail.
  expect(errors.filter((e) => !/Failed to load resource|fonts\.googleapis/.test(e))).toEqual([]);
}, 120_000);

it('shows the single sign-on button on the sign-in page (screenshots)', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      const { page, context } = await openPage(browser, { viewport: { width, height: 800 }, colorScheme });
      await page.goto(`${baseUrl}/signin`);
      const button = page.getByRole('link', { name: 'Sign in with Acme' });
      expect(await button.isVisible()).toBe(true);
      await page.screenshot({
        path: path.join(repoRoot, `docs/screenshots/signin-sso-${colorScheme}-${width}.png`),
      });
      await context.close();
    }
  }
}, 120_000);
