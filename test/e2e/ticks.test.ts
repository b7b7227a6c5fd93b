// Resources ticked as read, in Chromium: the tick survives a reload, a second tab sees it live, a
// signed-out tick moves into the account at sign-up, and export then import brings ticks back.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const e2e = useBrowserAndServer();
const within = { timeout: 2000, interval: 50 };

/** The first resource of the SQL topic, as the content has it. */
const sqlResource = () => {
  const topic = e2e.server.app.content.catalog.bySlug.get('backend')?.topicById.get('sql');
  const resource = topic?.resources[0];
  if (!topic || !resource) throw new Error('no SQL resource');
  return { ...resource, total: topic.resources.length };
};
const tickButton = (page: Page | Locator, title: string) =>
  page.getByRole('button', { name: `Mark as read: ${title}`, exact: true });
const readFigure = (page: Page) =>
  page.locator('[data-read-count="sql"] [data-figure="read"]').first().textContent();

describe('ticking resources as read', () => {
  it('keeps a signed-in tick over a reload and shows it in a second tab within two seconds', async () => {
    const { email } = await seedLearner(e2e.server.app.database);
    const resource = sqlResource();
    const { page: first, context, errors } = await openPage(e2e.browser);
    await signInWithForm(first, e2e.server.baseUrl, email);
    await first.goto(`${e2e.server.baseUrl}/roadmaps/backend/sql`);
    const second = await context.newPage();
    await second.goto(`${e2e.server.baseUrl}/roadmaps/backend/sql`);
    await second.waitForResponse((r) => r.url().endsWith('/api/v1/me/events'));
    expect(await first.locator('[data-read-count="sql"]').textContent()).toBe(`0 of ${resource.total} read`);

    await tickButton(first, resource.title).click();
    await expect
      .poll(() => tickButton(first, resource.title).getAttribute('aria-pressed'), within)
      .toBe('true');
    await expect
      .poll(() => tickButton(second, resource.title).getAttribute('aria-pressed'), within)
      .toBe('true');
    expect(await readFigure(second)).toBe('1');

    await first.reload();
    expect(await tickButton(first, resource.title).getAttribute('aria-pressed')).toBe('true');
    expect(await first.locator('[data-read-count="sql"]').textContent()).toBe(`1 of ${resource.total} read`);
    // Pressed again, it unticks.
    await tickButton(first, resource.title).click();
    await expect
      .poll(() => tickButton(second, resource.title).getAttribute('aria-pressed'), within)
      .toBe('false');
    await context.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it('keeps a signed-out tick in the browser, and moves it into the account made at sign-up', async () => {
    const resource = sqlResource();
    const { page, context, errors } = await openPage(e2e.browser);
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/sql`);
    await tickButton(page, resource.title).click();
    await expect.poll(() => readFigure(page), within).toBe('1');
    await page.reload();
    await expect
      .poll(() => tickButton(page, resource.title).getAttribute('aria-pressed'), within)
      .toBe('true');

    const email = `ticks-${Date.now()}@example.org`;
    await page.goto(`${e2e.server.baseUrl}/signup?next=/roadmaps/backend/sql`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a long enough password for ticks');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/roadmaps\/backend\/sql/);
    // The merge runs on this page; then the account holds the tick and this browser forgets it.
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const res = await fetch('/api/v1/me/progress/backend');
            return (await res.json()).resources;
          }),
        within,
      )
      .toMatchObject({ sql: { [resource.id]: { read: true } } });
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('trailmap.progress.v1')), within)
      .toBe('{}');
    await page.reload();
    expect(await tickButton(page, resource.title).getAttribute('aria-pressed')).toBe('true');
    await context.close();
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  }, 60_000);

  it('ticks in the drawer, exports the ticks and imports them back', async () => {
    const { email } = await seedLearner(e2e.server.app.database);
    const resource = sqlResource();
    const { page, context, errors } = await openPage(e2e.browser);
    await signInWithForm(page, e2e.server.baseUrl, email);
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    await page.locator('.cards a[data-topic="sql"]').click();
    const drawer = page.locator('dialog#topic-drawer');
    await tickButton(drawer, resource.title).click();
    await expect
      .poll(() => drawer.locator('[data-read-count="sql"] [data-figure="read"]').textContent(), within)
      .toBe('1');
    await drawer.getByRole('button', { name: 'Close topic' }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export progress' }).click(),
    ]);
    const file = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
    expect(file.resources).toEqual({ sql: { [resource.id]: { read: true, updatedAt: expect.any(String) } } });

    // Untick in the drawer, then import the file.
    await page.locator('.cards a[data-topic="sql"]').click();
    await tickButton(drawer, resource.title).click();
    await expect
      .poll(() => drawer.locator('[data-read-count="sql"] [data-figure="read"]').textContent(), within)
      .toBe('0');
    await drawer.getByRole('button', { name: 'Close topic' }).click();
    await page.locator('[data-import-progress]').setInputFiles({
      name: 'progress.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    const feedback = page.locator('.progress-panel__actions + [data-feedback]');
    await expect
      .poll(() => feedback.textContent(), within)
      .toContain('Progress imported: 0 marked topics and 1 resource read.');
    await page.locator('.cards a[data-topic="sql"]').click();
    await expect
      .poll(() => tickButton(drawer, resource.title).getAttribute('aria-pressed'), within)
      .toBe('true');
    await context.close();
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('screenshots of ticks', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      it(`shows two of a topic's resources read, ${colorScheme}, ${width} px`, async () => {
        const { page, context, errors } = await openPage(e2e.browser, {
          viewport: { width, height: 900 },
          colorScheme,
        });
        await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/sql`);
        const topic = e2e.server.app.content.catalog.bySlug.get('backend')?.topicById.get('sql');
        for (const resource of topic?.resources.slice(0, 2) ?? [])
          await tickButton(page, resource.title).click();
        await expect.poll(() => readFigure(page), within).toBe('2');
        await page.locator('.resources').screenshot({
          path: path.join(repoRoot, `docs/screenshots/topic-ticks-${colorScheme}-${width}.png`),
        });
        await context.close();
        expect(errors).toEqual([]);
      }, 60_000);
    }
  }
});
