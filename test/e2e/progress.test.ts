// A learner's whole journey in Chromium: progress while signed out, the path adapting to a choice,
// sign-up keeping everything, a second device seeing it, and sign-out showing no one's progress.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';

const e2e = useBrowserAndServer();

const card = (page: Page, id: string) => page.locator(`.cards__item[data-topic-id="${id}"]`);
const percent = (page: Page) => page.locator('[data-progress-panel] [data-figure="percent"]').textContent();

async function markDone(page: Page, id: string) {
  await card(page, id).getByRole('button', { name: /^Done/ }).click();
  await expect.poll(() => card(page, id).getAttribute('data-status')).toBe('done');
}

describe('a learner’s progress', () => {
  it('is kept signed out, adapts to a choice, survives sign-up, shows on a second device, and leaves with sign-out', async () => {
    const email = `journey-${Date.now()}@example.org`;
    const password = 'a long and unusual passphrase';
    const first = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    const page = first.page;
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);

    // Signed out: mark three topics and pick Python.
    for (const id of ['rest-apis', 'auth', 'sql']) await markDone(page, id);
    expect(await card(page, 'sql').locator('[data-status-label]').textContent()).toBe('Done');
    expect(await percent(page)).toBe('23'); // 3 of 13: twelve required topics and the open language slot
    await expect.poll(() => card(page, 'express').isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'Python' }).check();
    await expect.poll(() => card(page, 'express').isVisible()).toBe(false);
    expect(await card(page, 'spring-boot').isVisible()).toBe(false);
    expect(await card(page, 'django').isVisible()).toBe(true);
    await expect.poll(() => percent(page)).toBe('21'); // 3 of 14: Django joins the path
    await page.getByRole('link', { name: 'Show all topics' }).click();
    expect(await card(page, 'express').isVisible()).toBe(true);

    // Sign up: the three topics and the choice are kept.
    await page.goto(`${e2e.server.baseUrl}/signup?next=/roadmaps/backend`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/roadmaps/backend');
    await expect.poll(() => card(page, 'sql').getAttribute('data-status')).toBe('done');
    for (const id of ['rest-apis', 'auth'])
      expect(await card(page, id).getAttribute('data-status')).toBe('done');
    expect(await page.getByRole('radio', { name: 'Python' }).isChecked()).toBe(true);
    expect(await card(page, 'express').isVisible()).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('trailmap.progress.v1'))).toBe('{}');

    // A second browser signs in as the same learner and sees the same.
    const second = await openPage(e2e.browser, { viewport: { width: 390, height: 844 } });
    await second.page.goto(`${e2e.server.baseUrl}/signin?next=/roadmaps/backend`);
    await second.page.getByLabel('Email').fill(email.toUpperCase());
    await second.page.getByLabel('Password').fill(password);
    await second.page.getByRole('button', { name: 'Sign in' }).click();
    await second.page.waitForURL('**/roadmaps/backend');
    for (const id of ['rest-apis', 'auth', 'sql'])
      expect(await card(second.page, id).getAttribute('data-status')).toBe('done');
    expect(await second.page.getByRole('radio', { name: 'Python' }).isChecked()).toBe(true);
    expect(await percent(second.page)).toBe('21');

    // Sign out: the page shows no one's progress.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${e2e.server.baseUrl}/`);
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    expect(await card(page, 'sql').getAttribute('data-status')).toBe('pending');
    expect(await percent(page)).toBe('0');
    expect(await page.getByRole('radio', { name: 'Not decided yet' }).isChecked()).toBe(true);

    await first.context.close();
    await second.context.close();
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  it('works without JavaScript for a signed-in learner, through forms that come back to the page', async () => {
    const signup = await openPage(e2e.browser, { javaScriptEnabled: false });
    const page = signup.page;
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    // Signed out, a status button invites the learner to sign in.
    await card(page, 'docker').getByRole('button', { name: /^Done/ }).click();
    await page.waitForURL('**/signin?notice=progress**');
    expect(await page.locator('.notice').textContent()).toContain('Sign in to keep your progress');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill(`nojs-${Date.now()}@example.org`);
    await page.getByLabel('Password').fill('works without scripts');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/roadmaps/backend**');
    await card(page, 'docker').getByRole('button', { name: /^Done/ }).click();
    await page.waitForURL('**/roadmaps/backend#topic-docker');
    expect(await card(page, 'docker').getAttribute('data-status')).toBe('done');
    await page.getByRole('radio', { name: 'Go' }).check();
    await page.getByRole('button', { name: 'Save choice' }).click();
    await page.waitForURL('**/roadmaps/backend#choice-language');
    expect(await card(page, 'express').isVisible()).toBe(false);
    expect(await card(page, 'gin').isVisible()).toBe(true);
    await signup.context.close();
    expect(signup.errors).toEqual([]);
  });
});
