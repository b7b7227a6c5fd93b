// Sign-up as a new learner meets it: each error is a sentence starting with a capital letter, and an
// address that is taken links straight to sign in (keeping where the learner was going).
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const e2e = useBrowserAndServer();

const signUp = async (page: import('playwright-core').Page, email: string, password: string) => {
  await page.goto(`${e2e.server.baseUrl}/signup?next=/roadmaps/backend`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForLoadState('load');
};

it('starts every sign-up error with a capital letter', async () => {
  const { page, context, errors } = await openPage(e2e.browser);
  await signUp(page, 'new-learner@example.org', 'Password1');
  const alert = page.getByRole('alert');
  await expect(alert.textContent()).resolves.toBe(
    'Password is one of the most common passwords: choose another',
  );
  await signUp(page, 'new-learner@example', 'a long enough password');
  await expect(alert.textContent()).resolves.toBe('Email must be an email address');
  await context.close();
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
}, 60_000);

it('links "already exists" to sign in, keeping where the learner was going', async () => {
  await seedLearner(e2e.server.app.database, 'taken-in-browser@example.org');
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      const { page, context, errors } = await openPage(e2e.browser, {
        viewport: { width, height: 800 },
        colorScheme,
      });
      await signUp(page, 'taken-in-browser@example.org', 'a long enough password');
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toBe(
        'An account with this email already exists: sign in instead.',
      );
      await page.screenshot({
        path: path.join(repoRoot, `docs/screenshots/signup-taken-${colorScheme}-${width}.png`),
      });
      await alert.getByRole('link', { name: 'sign in instead' }).click();
      await page.waitForURL(`${e2e.server.baseUrl}/signin?next=%2Froadmaps%2Fbackend`);
      await context.close();
      // The form's own 409 answer is logged by Chromium as a failed load; nothing else may be.
      expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    }
  }
}, 120_000);
