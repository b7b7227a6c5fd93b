// A learner given a one-time password by an operator: signing in with it leads to a form that says
// why a new password is needed, nothing else opens until one is chosen, and the new one works.
import path from 'node:path';
import { expect, it } from 'vitest';
import { resetPasswordByEmail } from '../../src/features/accounts/service.ts';
import { repoRoot } from '../helpers/app.ts';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const e2e = useBrowserAndServer();

it('makes a learner who signed in with a one-time password choose a new one before anything else', async () => {
  const { email } = await seedLearner(e2e.server.app.database, 'reset-in-browser@example.org');
  const reset = await resetPasswordByEmail(e2e.server.app.database.db, email);
  const oneTime = reset?.password as string;
  const { page, context, errors } = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${e2e.server.baseUrl}/signin?next=/roadmaps/backend`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(oneTime);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${e2e.server.baseUrl}/account/password`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Choose a new password');
  expect(await page.locator('#new-password-why').textContent()).toContain(
    'You signed in with a one-time password from an administrator',
  );

  // Every other page leads back here.
  for (const url of ['/', '/roadmaps/backend', '/account']) {
    await page.goto(`${e2e.server.baseUrl}${url}`);
    expect(page.url(), url).toBe(`${e2e.server.baseUrl}/account/password`);
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({
        path: path.join(repoRoot, `docs/screenshots/new-password-${colorScheme}-${width}.png`),
        fullPage: true,
      });
    }
  }

  await page.getByLabel('New password').fill('password');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toBe(
    'The new password is one of the most common passwords: choose another',
  );
  await page.getByLabel('New password').fill('my very own passphrase');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await page.waitForURL(`${e2e.server.baseUrl}/account?notice=password-changed`);
  await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
  expect(page.url()).toBe(`${e2e.server.baseUrl}/roadmaps/backend`);
  await context.close();
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
}, 90_000);
