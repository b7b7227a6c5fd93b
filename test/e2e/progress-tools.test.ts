// The progress tools in Chromium: the drawer's buttons and notes, bulk actions, undo, files, skills.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signInWithForm, startServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let errors: string[];
let close: () => Promise<void>;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});
afterEach(async () => {
  const seen = errors;
  await close();
  expect(seen).toEqual([]);
});

async function open(path: string) {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  ({ page, errors } = opened);
  // Fail fast: an element that never appears should fail the test, not outlast it.
  page.setDefaultTimeout(5000);
  close = () => opened.context.close();
  await page.goto(`${server.baseUrl}${path}`);
}

async function signInFresh() {
  const { email } = await seedLearner(server.app.database);
  await signInWithForm(page, server.baseUrl, email);
  return email;
}

const card = (id: string) => page.locator(`.cards__item[data-topic-id="${id}"]`);
const drawer = () => page.locator('dialog#topic-drawer');

describe.each(['signed out', 'signed in'])('progress tools, %s', (who) => {
  it('marks a topic from the drawer, and the card behind it follows', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    await page.locator('.cards a[data-topic="caching"]').click();
    await drawer()
      .getByRole('button', { name: /^Learning/ })
      .click();
    await expect.poll(() => drawer().locator('[data-status-label]').textContent()).toBe('Learning');
    expect(
      await drawer()
        .getByRole('button', { name: /^Learning/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    await page.keyboard.press('Escape');
    await page.waitForURL(`${server.baseUrl}/roadmaps/backend`);
    expect(await card('caching').getAttribute('data-status')).toBe('learning');
    await page.reload();
    expect(await card('caching').getAttribute('data-status')).toBe('learning');
  });

  it('saves a private note as the learner types', async () => {
    await open('/roadmaps/backend/sql');
    if (who === 'signed in') {
      await signInFresh();
      await page.goto(`${server.baseUrl}/roadmaps/backend/sql`);
    }
    await page
      .getByLabel('Only you see these. Markdown works.')
      .fill('Practise **joins** on a real dataset.');
    await expect.poll(() => page.locator('[data-note-status]').textContent()).toMatch(/^Saved/);
    if (who === 'signed in')
      expect(await page.locator('[data-note-preview] strong').textContent()).toBe('joins');
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Only you see these. Markdown works.').inputValue())
      .toBe('Practise **joins** on a real dataset.');
  });

  it('marks a whole section done, resets the roadmap after a confirmation, and undoes the reset', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    await page
      .locator('[data-section-done="core"]')
      .getByRole('button', { name: 'Mark section done' })
      .click();
    await expect
      .poll(() => page.locator('[data-section-figures="core"] [data-figure="percent"]').textContent())
      .toBe('100');
    for (const id of ['rest-apis', 'auth', 'caching', 'testing'])
      expect(await card(id).getAttribute('data-status')).toBe('done');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await expect.poll(() => card('auth').getAttribute('data-status')).toBe('pending');
    await page.locator('[data-toast]').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => card('auth').getAttribute('data-status')).toBe('done');
    expect(await page.locator('[data-progress-panel] [data-figure="finished"]').textContent()).toBe('4');
  });

  it('exports progress to a file and imports it back', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    await card('docker').getByRole('button', { name: /^Skip/ }).click();
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('skipped');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export progress' }).click(),
    ]);
    const file = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
    expect(file).toMatchObject({
      format: 'trailmap-progress',
      roadmap: 'backend',
      topics: { docker: { status: 'skipped' } },
    });

    await card('docker').getByRole('button', { name: /^Skip/ }).click();
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('pending');
    await page.locator('[data-import-progress]').setInputFiles({
      name: 'progress.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('skipped');
    expect(await page.locator('[data-toast]').textContent()).toContain('Progress imported.');
  });

  it('shows a skill marked in one roadmap as done in another, with a note saying so', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    await card('docker').getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('done');
    await page.goto(`${server.baseUrl}/roadmaps/devops`);
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('done');
    expect(await card('docker').locator('[data-shared-note]').textContent()).toBe(
      'Marked in Backend Developer Roadmap 2026',
    );
    await page.goto(`${server.baseUrl}/`);
    await expect.poll(() => page.locator('[data-roadmap-progress="devops"]').isVisible()).toBe(true);
  });
});
