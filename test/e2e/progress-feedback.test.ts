// What a learner is told when a change does not go as planned, in Chromium: a save that fails puts
// the control back and says why next to it, with Retry or Sign in again; the sign-in merge says
// what it kept and what it could not.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
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
  const { email } = await seedLearner(e2e.server.app.database);
  await signInWithForm(page, e2e.server.baseUrl, email);
  return opened;
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
});
