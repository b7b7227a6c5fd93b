// What a learner is told when a change does not go as planned, in Chromium: a save that fails puts
// the control back and says why next to it, with Retry or Sign in again; the sign-in merge says
// what it kept and what it could not.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const e2e = useBrowserAndServer();
let page: Page;
let close: () => Promise<void>;
afterEach(() => close());

async function openSignedIn() {
  const opened = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
  page = opened.page;
  page.setDefaultTimeout(5000);
  close = () => opened.context.close();
  const learner = await seedLearner(e2e.server.app.database);
  await signInWithForm(page, e2e.server.baseUrl, learner.email);
  return { ...opened, learner };
}

const card = (id: string) => page.locator(`.cards__item[data-topic-id="${id}"]`);
const feedbackOf = (id: string) => card(id).locator('[data-feedback="error"]');

describe('a save that fails', () => {
  it('goes back to what the account holds when the learner was signed out elsewhere, and offers to sign in again', async () => {
    const { context } = await openSignedIn();
    await context.clearCookies();
    await card('sql').getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => feedbackOf('sql').count()).toBe(1);
    expect(await card('sql').getAttribute('data-status')).toBe('pending');
    expect(await card('sql').getByRole('button', { name: /^Done/ }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(await feedbackOf('sql').locator('.feedback__text').textContent()).toBe(
      'Not saved: you are signed out. This shows what your account holds.',
    );
    expect(await feedbackOf('sql').getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(
      '/signin?next=%2Froadmaps%2Fbackend',
    );
    expect(await page.locator('[data-progress-panel] [data-figure="finished"]').textContent()).toBe('0');
  });

  it('says there is no connection, and Retry saves it once there is', async () => {
    await openSignedIn();
    await page.route('**/api/v1/me/progress/**', (route) => route.abort('internetdisconnected'));
    await card('auth')
      .getByRole('button', { name: /^Learning/ })
      .click();
    await expect.poll(() => feedbackOf('auth').count()).toBe(1);
    expect(await card('auth').getAttribute('data-status')).toBe('pending');
    expect(await feedbackOf('auth').locator('.feedback__text').textContent()).toBe(
      'Not saved: no connection to Trailmap.',
    );
    await page.unroute('**/api/v1/me/progress/**');
    await feedbackOf('auth').getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => card('auth').getAttribute('data-status')).toBe('learning');
    expect(await feedbackOf('auth').count()).toBe(0);
    await page.reload();
    expect(await card('auth').getAttribute('data-status')).toBe('learning');
  });

  it('says the server could not store it when the server answers 503, and shows what is stored', async () => {
    await openSignedIn();
    await card('caching').getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => card('caching').getAttribute('data-status')).toBe('done');
    await page.route('**/api/v1/me/progress/backend/topics/**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'unavailable', message: 'The database is not answering' }),
      }),
    );
    await card('caching').getByRole('button', { name: /^Skip/ }).click();
    await expect.poll(() => feedbackOf('caching').count()).toBe(1);
    expect(await card('caching').getAttribute('data-status')).toBe('done');
    expect(await feedbackOf('caching').locator('.feedback__text').textContent()).toBe(
      'Not saved: Trailmap could not store it just now.',
    );
  });
});

describe('a save started from the drawer that fails', () => {
  const drawer = () => page.locator('dialog#topic-drawer');
  const drawerFeedback = () => drawer().locator('[data-status-form] + [data-feedback="error"]');
  async function openInDrawer(id: string) {
    await card(id).locator(`a[data-topic="${id}"]`).first().click();
    await expect.poll(() => drawer().locator(`[data-topic-article="${id}"]`).count()).toBe(1);
  }

  it('says there is no connection next to the drawer’s buttons, shows what is stored, and Retry saves it', async () => {
    await openSignedIn();
    await openInDrawer('docker');
    await page.route('**/api/v1/me/progress/**', (route) => route.abort('internetdisconnected'));
    await drawer().getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => drawerFeedback().count()).toBe(1);
    expect(await drawerFeedback().locator('.feedback__text').textContent()).toBe(
      'Not saved: no connection to Trailmap.',
    );
    expect(await drawer().getByRole('button', { name: /^Done/ }).getAttribute('aria-pressed')).toBe('false');
    expect(await card('docker').getAttribute('data-status')).toBe('pending');
    await page.unroute('**/api/v1/me/progress/**');
    await drawerFeedback().getByRole('button', { name: 'Retry' }).click();
    await expect
      .poll(() => drawer().getByRole('button', { name: /^Done/ }).getAttribute('aria-pressed'))
      .toBe('true');
    expect(await drawerFeedback().count()).toBe(0);
    expect(await card('docker').getAttribute('data-status')).toBe('done');
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    expect(await card('docker').getAttribute('data-status')).toBe('done');
  });

  it('goes back to what the account holds when the session expired on the server, and offers to sign in again', async () => {
    const { learner } = await openSignedIn();
    await card('git').getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => card('git').getAttribute('data-status')).toBe('done');
    await openInDrawer('git');
    // The session ends on the server and the browser keeps its cookie: its row goes, and the app is
    // told as when sessions end elsewhere (each instance caches sessions; a bare DELETE is not seen).
    await e2e.server.app.database.db.deleteFrom('sessions').where('learner_id', '=', learner.id).execute();
    e2e.server.app.sessions.ended(learner.id);
    await drawer().getByRole('button', { name: /^Skip/ }).click();
    await expect.poll(() => drawerFeedback().count()).toBe(1);
    expect(await drawerFeedback().locator('.feedback__text').textContent()).toBe(
      'Not saved: you are signed out. This shows what your account holds.',
    );
    expect(await drawer().getByRole('button', { name: /^Skip/ }).getAttribute('aria-pressed')).toBe('false');
    expect(await drawer().getByRole('button', { name: /^Done/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await drawerFeedback().getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(
      '/signin?next=%2Froadmaps%2Fbackend%2Fgit',
    );
  });
});

describe('the sign-in merge', () => {
  it('keeps the valid entries of this browser, names the ones it drops, and empties the browser', async () => {
    const opened = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    page = opened.page;
    page.setDefaultTimeout(5000);
    close = () => opened.context.close();
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    for (const id of ['sql', 'docker']) {
      await card(id).getByRole('button', { name: /^Done/ }).click();
      await expect.poll(() => card(id).getAttribute('data-status')).toBe('done');
    }
    // What an older version of this page could leave behind.
    await page.evaluate(() => {
      const all = JSON.parse(localStorage.getItem('trailmap.progress.v1') ?? '{}');
      all.backend.topics['rest-apis'] = { status: 'banana', updatedAt: new Date().toISOString() };
      localStorage.setItem('trailmap.progress.v1', JSON.stringify(all));
    });
    const { email } = await seedLearner(e2e.server.app.database);
    await signInWithForm(page, e2e.server.baseUrl, email);
    const notice = page.locator('[data-page-notice]');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.locator('p').allTextContents()).toEqual([
      'Your 2 marked topics from this browser are now saved in your account.',
      '1 entry from this browser could not be kept: status "banana" for topic "rest-apis": use learning, done or skipped (backend).',
    ]);
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('done');
    expect(await page.evaluate(() => localStorage.getItem('trailmap.progress.v1'))).toBe('{}');
    await page.reload();
    expect(await card('sql').getAttribute('data-status')).toBe('done');
    expect(await page.locator('[data-page-notice]').count()).toBe(0);
  });

  it('keeps this browser’s progress, shown and stored here, when it cannot reach the server, and merges it on the next page load', async () => {
    const opened = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    page = opened.page;
    page.setDefaultTimeout(5000);
    close = () => opened.context.close();
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    for (const id of ['sql', 'docker']) {
      await card(id).getByRole('button', { name: /^Done/ }).click();
      await expect.poll(() => card(id).getAttribute('data-status')).toBe('done');
    }
    const kept = () =>
      page.evaluate(() => {
        const topics = JSON.parse(localStorage.getItem('trailmap.progress.v1') ?? '{}').backend?.topics ?? {};
        return Object.fromEntries(
          Object.entries(topics).map(([id, t]) => [id, (t as { status: string }).status]),
        );
      });
    await page.route('**/api/v1/me/progress/*/merge', (route) => route.abort('internetdisconnected'));
    const { email } = await seedLearner(e2e.server.app.database);
    await signInWithForm(page, e2e.server.baseUrl, email);
    const notice = page.locator('[data-page-notice]');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.locator('p').allTextContents()).toEqual([
      'Trailmap could not be reached, so what you marked in this browser is not in your account yet: it stays here and is saved the next time a page loads.',
    ]);
    expect(await kept()).toEqual({ sql: 'done', docker: 'done' });
    expect(await card('sql').getAttribute('data-status')).toBe('done');
    expect(await card('docker').getAttribute('data-status')).toBe('done');
    expect(await page.locator('[data-progress-panel] [data-figure="finished"]').textContent()).toBe('2');
    expect(await page.locator('.progress-panel__where').textContent()).toBe(
      'Not all in your account yet: what you marked in this browser is kept here until it gets there.',
    );
    const stored = () =>
      page.evaluate(async () => (await (await fetch('/api/v1/me/progress/backend')).json()).topics);
    expect(await stored()).toEqual({});

    await page.unroute('**/api/v1/me/progress/*/merge');
    await page.reload();
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.locator('p').allTextContents()).toEqual([
      'Your 2 marked topics from this browser are now saved in your account.',
    ]);
    expect(await kept()).toEqual({});
    expect(await page.locator('.progress-panel__where').textContent()).toBe('Saved in your account.');
    expect(await page.evaluate(() => localStorage.getItem('trailmap.progress.v1'))).toBe('{}');
    expect(await card('sql').getAttribute('data-status')).toBe('done');
    expect(Object.keys(await stored()).sort()).toEqual(['docker', 'sql']);
  });
});

// The notice a learner reads when the sign-in merge could not reach the server, for docs/screenshots/.
it.each([
  ['light', 1280],
  ['dark', 1280],
  ['light', 390],
  ['dark', 390],
] as const)(
  'shows the merge that could not reach the server in one notice, %s, %d px',
  async (colorScheme, width) => {
    const opened = await openPage(e2e.browser, { viewport: { width, height: 700 }, colorScheme });
    page = opened.page;
    page.setDefaultTimeout(5000);
    close = () => opened.context.close();
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    await card('sql').getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => card('sql').getAttribute('data-status')).toBe('done');
    await page.route('**/api/v1/me/progress/*/merge', (route) => route.abort('internetdisconnected'));
    const { email } = await seedLearner(e2e.server.app.database);
    await signInWithForm(page, e2e.server.baseUrl, email);
    const notice = page.locator('[data-page-notice]');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({
      path: path.join(repoRoot, `docs/screenshots/merge-unsent-${colorScheme}-${width}.png`),
    });
  },
);
