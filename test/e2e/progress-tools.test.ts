// The progress tools in Chromium: the drawer's buttons and notes, bulk actions, undo, files, skills.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const e2e = useBrowserAndServer();
let page: Page;
let errors: string[];
let close: () => Promise<void>;

afterEach(async () => {
  const seen = errors;
  await close();
  expect(seen).toEqual([]);
});

async function open(path: string) {
  const opened = await openPage(e2e.browser, {
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  ({ page, errors } = opened);
  // Fail fast: an element that never appears should fail the test, not outlast it.
  page.setDefaultTimeout(5000);
  close = () => opened.context.close();
  await page.goto(`${e2e.server.baseUrl}${path}`);
}

async function signInFresh() {
  const { email } = await seedLearner(e2e.server.app.database);
  await signInWithForm(page, e2e.server.baseUrl, email);
  return email;
}

const card = (id: string) => page.locator(`.cards__item[data-topic-id="${id}"]`);
const drawer = () => page.locator('dialog#topic-drawer');
/** The message next to the Export / Import buttons. */
const feedback = () => page.locator('.progress-panel__actions + [data-feedback]');

async function importFile(content: unknown) {
  await page.locator('[data-import-progress]').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(content)),
  });
}

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
    await page.waitForURL(`${e2e.server.baseUrl}/roadmaps/backend`);
    expect(await card('caching').getAttribute('data-status')).toBe('learning');
    await page.reload();
    expect(await card('caching').getAttribute('data-status')).toBe('learning');
  });

  it('saves a private note as the learner types, with its Markdown preview', async () => {
    await open('/roadmaps/backend/sql');
    if (who === 'signed in') {
      await signInFresh();
      await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/sql`);
    }
    await page
      .getByLabel('Only you see these. Markdown works.')
      .fill('Practise **joins** on a real dataset.');
    await expect.poll(() => page.locator('[data-note-status]').textContent()).toMatch(/^Saved/);
    // The Markdown preview, signed out as well (rendered by the server, stored only in the browser).
    await expect.poll(() => page.locator('[data-note-preview] strong').textContent()).toBe('joins');
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Only you see these. Markdown works.').inputValue())
      .toBe('Practise **joins** on a real dataset.');
  });

  it('says which topics "Mark section done" will change, asks, marks them, and undoes it', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    await card('auth').getByRole('button', { name: /^Skip/ }).click();
    await expect.poll(() => card('auth').getAttribute('data-status')).toBe('skipped');
    const section = page.locator('[data-section-id="core"]');
    await section.getByRole('button', { name: 'Mark section done' }).click();
    const question = section.locator('[data-feedback="question"]');
    expect(await question.locator('.feedback__text').textContent()).toBe(
      'This marks 3 topics done: REST APIs & Web Services, Caching Strategies, Testing Backend Applications.',
    );
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await card('caching').getAttribute('data-status')).toBe('pending');

    await section.getByRole('button', { name: 'Mark section done' }).click();
    await section.getByRole('button', { name: 'Mark done' }).click();
    await expect
      .poll(() => page.locator('[data-section-figures="core"] [data-figure="percent"]').textContent())
      .toBe('100');
    for (const id of ['rest-apis', 'caching', 'testing'])
      expect(await card(id).getAttribute('data-status')).toBe('done');
    expect(await card('auth').getAttribute('data-status')).toBe('skipped');
    expect(await section.locator('[data-feedback]').textContent()).toContain('3 topics marked done.');

    await section.locator('[data-feedback]').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => card('caching').getAttribute('data-status')).toBe('pending');
    expect(await card('rest-apis').getAttribute('data-status')).toBe('pending');
    expect(await card('auth').getAttribute('data-status')).toBe('skipped');
    await page.reload();
    await expect.poll(() => card('testing').getAttribute('data-status')).toBe('pending');
    expect(await card('auth').getAttribute('data-status')).toBe('skipped');
  });

  it('resets the roadmap after a confirmation, and undoes the reset', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    const section = page.locator('[data-section-id="core"]');
    await section.getByRole('button', { name: 'Mark section done' }).click();
    await section.getByRole('button', { name: 'Mark done' }).click();
    await expect.poll(() => card('auth').getAttribute('data-status')).toBe('done');

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
    await importFile(file);
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('skipped');
    expect(await feedback().textContent()).toContain('Progress imported: 1 marked topic.');
  });

  it('checks an import file whole before anything changes, naming each problem in a sentence', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    await card('sql').getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => card('sql').getAttribute('data-status')).toBe('done');
    const at = '2026-01-01T00:00:00.000Z';
    const files: [unknown, string][] = [
      [null, 'The file holds null, not Trailmap progress.'],
      [[1, 2], 'The file holds a list, not Trailmap progress.'],
      [42, 'The file holds a number, not Trailmap progress.'],
      [{ roadmap: 'frontend', topics: {} }, 'This is progress for the roadmap "frontend", not "backend".'],
      [
        {
          topics: {
            auth: { status: 'done', updatedAt: at },
            'no-such-topic': { status: 'done', updatedAt: at },
            'rest-apis': { status: 'banana', updatedAt: at },
          },
        },
        'topic "no-such-topic" is not in this roadmap|status "banana" for topic "rest-apis": use learning, done or skipped',
      ],
    ];
    for (const [content, sentences] of files) {
      await importFile(content);
      await expect.poll(() => feedback().getAttribute('data-feedback')).toBe('error');
      const items = await feedback().locator('li').allTextContents();
      const text = (await feedback().textContent()) ?? '';
      if (items.length > 0) expect(items.join('|')).toBe(sentences);
      else expect(text).toContain(sentences);
      expect(text).toMatch(/^Nothing was imported/);
    }
    expect(await card('sql').getAttribute('data-status')).toBe('done');
    expect(await card('auth').getAttribute('data-status')).toBe('pending');
    await page.reload();
    expect(await card('sql').getAttribute('data-status')).toBe('done');
  });

  it('asks before an import replaces marked topics, and offers Undo afterwards', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    for (const id of ['sql', 'auth']) {
      await card(id).getByRole('button', { name: /^Done/ }).click();
      await expect.poll(() => card(id).getAttribute('data-status')).toBe('done');
    }
    await importFile({ topics: {} });
    expect(await feedback().locator('.feedback__text').textContent()).toBe('This replaces 2 marked topics.');
    await feedback().getByRole('button', { name: 'Cancel' }).click();
    expect(await card('sql').getAttribute('data-status')).toBe('done');

    await importFile({ topics: {} });
    await feedback().getByRole('button', { name: 'Replace' }).click();
    await expect.poll(() => card('sql').getAttribute('data-status')).toBe('pending');
    expect(await feedback().textContent()).toContain('Progress imported: 0 marked topics.');
    await feedback().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => card('sql').getAttribute('data-status')).toBe('done');
    expect(await card('auth').getAttribute('data-status')).toBe('done');
    await page.reload();
    expect(await card('auth').getAttribute('data-status')).toBe('done');
  });

  it('shows a skill marked in one roadmap as done in another, with a note saying so', async () => {
    await open('/roadmaps/backend');
    if (who === 'signed in') await signInFresh();
    await card('docker').getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('done');
    await page.goto(`${e2e.server.baseUrl}/roadmaps/devops`);
    await expect.poll(() => card('docker').getAttribute('data-status')).toBe('done');
    expect(await card('docker').locator('[data-shared-note]').textContent()).toBe(
      'Marked in Backend Developer Roadmap 2026',
    );
    await page.goto(`${e2e.server.baseUrl}/`);
    await expect.poll(() => page.locator('[data-roadmap-progress="devops"]').isVisible()).toBe(true);
  });
});
