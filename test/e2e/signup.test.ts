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

it('says after sign-up how many marked topics came along, and they are on the server', async () => {
  const { page, context, errors } = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
  for (const id of ['rest-apis', 'auth', 'sql']) {
    const card = page.locator(`.cards__item[data-topic-id="${id}"]`);
    await card.getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('done');
  }
  // A first try that fails does not count as an account created.
  await signUp(page, 'three-topics@example', 'a long enough password');
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Email must be an email address');
  await signUp(page, 'three-topics@example.org', 'a long enough password');
  await page.waitForURL('**/roadmaps/backend');
  const notice = page.locator('[data-page-notice]');
  await expect
    .poll(() => notice.textContent())
    .toBe('Account created: your 3 marked topics are now saved in it.');
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/signup-created-light-1280.png') });

  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const saved = await e2e.server.app.inject({ url: '/api/v1/me/progress/backend', headers: { cookie } });
  const topics = saved.json().topics as Record<string, { status: string }>;
  expect(Object.fromEntries(Object.entries(topics).map(([id, t]) => [id, t.status]))).toEqual({
    'rest-apis': 'done',
    auth: 'done',
    sql: 'done',
  });
  // Said once: the next page has nothing to announce.
  await page.reload();
  await page.waitForLoadState('load');
  expect(await notice.count()).toBe(0);
  await context.close();
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
}, 60_000);

it('says "Account created." when nothing came along from this browser', async () => {
  const { page, context } = await openPage(e2e.browser);
  await signUp(page, 'nothing-marked@example.org', 'a long enough password');
  await page.waitForURL('**/roadmaps/backend');
  await expect.poll(() => page.locator('[data-page-notice]').textContent()).toBe('Account created.');
  await context.close();
}, 60_000);
