// A learner who forgot the password gets back in from the sign-in page, in Chromium, through a
// real SMTP server: sign-in → "Forgot your password?" → mail → link → new password → signed in,
// and the session on another device is ended. Also takes the screenshots of the mail pages.
import { createServer } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp, repoRoot } from '../helpers/app.ts';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { seedLearner, TEST_PASSWORD } from '../helpers/db.ts';
import { signInAs } from '../helpers/learners.ts';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

let browser: Browser;
let app: App;
let smtp: TestSmtp;
let baseUrl: string;
beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  [browser, smtp] = await Promise.all([launchBrowser(), startSmtp()]);
  app = await buildTestApp({
    mail: { smtpUrl: smtp.url, from: 'Trailmap <trailmap@example.org>', siteUrl: baseUrl },
  });
  await app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

it('resets a forgotten password from the sign-in page and ends the other sessions', async () => {
  const { email } = await seedLearner(app.database);
  const otherDevice = await signInAs(app, email);
  const { page, context, errors } = await openPage(browser);
  await page.goto(`${baseUrl}/signin`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.waitForURL(`${baseUrl}/forgot`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('status').textContent()).resolves.toMatch(/If an account uses this address/);

  const mail = await smtp.waitFor(email);
  const link = linkIn(mail, `${baseUrl}/reset/`);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Choose a new password');
  await page.getByLabel('New password').fill('my new long passphrase');
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await page.waitForURL(`${baseUrl}/account?notice=password-reset`);
  await expect(page.getByRole('status').first().textContent()).resolves.toContain(
    'Your new password is saved',
  );
  await expect(page.getByText(`Signed in as ${email}`)).toBeDefined();
  expect(await page.locator('body[data-signed-in="true"]').count()).toBe(1);

  const me = await app.inject({ url: '/api/v1/me', headers: { cookie: otherDevice.cookie } });
  expect(me.statusCode).toBe(401);

  // The same link a second time says why it does not work and offers a new one.
  await page.goto(link);
  await expect(page.getByRole('alert').textContent()).resolves.toBe(
    'This link was already used: each link works once. Ask for a new link below.',
  );
  expect(await page.getByRole('button', { name: 'Send me a link' }).count()).toBe(1);
  await context.close();
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
}, 90_000);

it('takes screenshots of /forgot, /reset/<token> and the reminder to confirm, 390 and 1280 px, light and dark', async () => {
  const { email } = await seedLearner(app.database);
  const since = smtp.mails.length;
  await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
  const resetPath = linkIn(await smtp.waitFor(email, { since }), `${baseUrl}/reset/`).slice(baseUrl.length);
  const out = (name: string) => path.join(repoRoot, 'docs/screenshots', `${name}.png`);
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      const { page, context } = await openPage(browser, { viewport: { width, height: 900 }, colorScheme });
      await page.goto(`${baseUrl}/forgot`);
      await page.screenshot({ path: out(`forgot-${colorScheme}-${width}`), fullPage: true });
      await page.goto(`${baseUrl}${resetPath}`);
      await page.screenshot({ path: out(`reset-${colorScheme}-${width}`), fullPage: true });
      await page.goto(`${baseUrl}/signin`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${baseUrl}/`);
      await page.goto(`${baseUrl}/account`);
      expect(await page.locator('#verify-reminder').isVisible()).toBe(true);
      await page.screenshot({ path: out(`verify-reminder-${colorScheme}-${width}`), fullPage: false });
      await context.close();
    }
  }
}, 120_000);
