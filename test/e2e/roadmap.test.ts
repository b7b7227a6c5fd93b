// What a visitor sees and clicks, in real Chromium: catalogue, roadmap, drawer, keyboard, no-JS.

import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { activeElement, openPage, useBrowserAndServer } from '../helpers/browser.ts';

const e2e = useBrowserAndServer();
let page: Page;
let errors: string[];
let closeContext: () => Promise<void>;

async function visit(path: string, options = {}) {
  const opened = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 }, ...options });
  ({ page, errors } = opened);
  closeContext = () => opened.context.close();
  await page.goto(`${e2e.server.baseUrl}${path}`);
  return page;
}

afterEach(async () => {
  const seen = errors;
  await closeContext?.();
  expect(seen, 'console errors or CSP violations').toEqual([]);
});

const drawer = () => page.locator('dialog#topic-drawer');
const pathname = () => new URL(page.url()).pathname;

describe('the catalogue', () => {
  it('shows a card per roadmap that leads to the roadmap', async () => {
    await visit('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('All Roadmaps');
    expect(await page.locator('.roadmap-card').count()).toBe(8);
    await page.getByRole('link', { name: /Backend Developer Roadmap 2026/ }).click();
    await page.waitForURL('**/roadmaps/backend');
    expect(await page.locator('h1').textContent()).toBe('Backend Developer Roadmap 2026');
  });
});

describe('the backend roadmap', () => {
  it('shows 43 numbered topics in 9 sections, with the legend and the FAQ', async () => {
    await visit('/roadmaps/backend');
    expect(await page.locator('section.section').count()).toBe(9);
    const numbers = await page.locator('.card__number').allTextContents();
    expect(numbers).toEqual(Array.from({ length: 43 }, (_, i) => String(i + 1)));
    expect(await page.locator('.legend__item').allInnerTexts()).toEqual([
      'Required\nMust learn',
      'Pick One\nChoose one',
      'Optional\nGood to know',
    ]);
    expect(await page.locator('.faq__entry').count()).toBe(5);
  });

  it('opens a topic in the drawer without a page load, and Esc closes it and returns focus', async () => {
    await visit('/roadmaps/backend');
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'same document';
    });
    await page.locator('.cards a[data-topic="express"]').click();
    await expect(drawer().getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Express.js (JavaScript)',
    );
    expect(await drawer().evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(pathname()).toBe('/roadmaps/backend/express');
    expect(await page.evaluate(() => (window as unknown as { marker: string }).marker)).toBe('same document');
    expect((await activeElement(page)).inDrawer).toBe(true);
    expect(await drawer().locator('.resource').count()).toBeGreaterThanOrEqual(3);

    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => !(document.querySelector('dialog#topic-drawer') as HTMLDialogElement).open,
    );
    await page.waitForURL('**/roadmaps/backend');
    expect(await activeElement(page)).toMatchObject({ topic: 'express', inDrawer: false });
  });

  it('closes the drawer with the browser’s Back button', async () => {
    await visit('/roadmaps/backend');
    await page.locator('.cards a[data-topic="sql"]').click();
    await page.waitForURL('**/roadmaps/backend/sql');
    expect(await drawer().evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await page.goBack();
    await page.waitForFunction(
      () => !(document.querySelector('dialog#topic-drawer') as HTMLDialogElement).open,
    );
    expect(pathname()).toBe('/roadmaps/backend');
    expect(await page.locator('h1').first().textContent()).toBe('Backend Developer Roadmap 2026');
  });

  it('moves to the next topic inside the drawer, and Back still returns to the roadmap', async () => {
    await visit('/roadmaps/backend');
    await page.locator('.cards a[data-topic="docker"]').click();
    await drawer().locator('a[rel="next"]').click();
    await page.waitForURL('**/roadmaps/backend/cloud');
    await expect(drawer().locator('h1').textContent()).resolves.toBe('Cloud Platforms (AWS, Azure, GCP)');
    await page.goBack();
    await page.waitForFunction(
      () => !(document.querySelector('dialog#topic-drawer') as HTMLDialogElement).open,
    );
    expect(pathname()).toBe('/roadmaps/backend');
  });

  it('works with the keyboard alone', async () => {
    await visit('/roadmaps/backend');
    for (let i = 0; i < 30 && !(await activeElement(page)).topic; i++) await page.keyboard.press('Tab');
    expect(await activeElement(page)).toMatchObject({ topic: 'javascript' });
    await page.keyboard.press('Enter');
    await page.waitForURL('**/roadmaps/backend/javascript');
    expect((await activeElement(page)).inDrawer).toBe(true);
    // Focus stays inside the open drawer while tabbing.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focused = await activeElement(page);
      if (focused.tag !== 'body') expect(focused.inDrawer).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.waitForURL('**/roadmaps/backend');
    expect(await activeElement(page)).toMatchObject({ topic: 'javascript' });
  });

  it('closes with the close button and by clicking outside the panel', async () => {
    await visit('/roadmaps/backend');
    await page.locator('.cards a[data-topic="auth"]').click();
    await page.waitForURL('**/roadmaps/backend/auth');
    await drawer().getByRole('button', { name: 'Close topic' }).click();
    await page.waitForURL('**/roadmaps/backend');
    await page.locator('.cards a[data-topic="caching"]').click();
    await page.waitForURL('**/roadmaps/backend/caching');
    await page.mouse.click(20, 450);
    await page.waitForURL('**/roadmaps/backend');
    expect(await drawer().evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
  });

  it('shows the full topic page when the drawer URL is reloaded', async () => {
    await visit('/roadmaps/backend');
    await page.locator('.cards a[data-topic="graphql"]').click();
    await page.waitForURL('**/roadmaps/backend/graphql');
    await page.reload();
    expect(await page.locator('main h1').textContent()).toBe('GraphQL');
    expect(await page.locator('nav.breadcrumbs').textContent()).toContain('Backend Developer Roadmap 2026');
  });
});

describe('without JavaScript', () => {
  it('every card is a plain link to the topic page', async () => {
    await visit('/roadmaps/backend', { javaScriptEnabled: false });
    const hrefs = await page
      .locator('.cards a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toHaveLength(43);
    expect(hrefs.every((href) => href?.startsWith('/roadmaps/backend/'))).toBe(true);
    await page.locator('.cards a[data-topic="rest-apis"]').click();
    await page.waitForURL('**/roadmaps/backend/rest-apis');
    expect(await page.locator('main h1').textContent()).toBe('REST APIs & Web Services');
    expect(await page.locator('dialog#topic-drawer').count()).toBe(0);
  });
});

describe('design', () => {
  it('fits a 360 px wide screen without sideways scrolling', async () => {
    for (const path of ['/', '/roadmaps/backend', '/roadmaps/backend/express']) {
      await visit(path, { viewport: { width: 360, height: 740 } });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
      await closeContext();
    }
  });

  it('follows the system dark mode', async () => {
    await visit('/roadmaps/backend', { colorScheme: 'dark' });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await closeContext();
    await visit('/roadmaps/backend', { colorScheme: 'light' });
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).toBe('rgb(17, 20, 22)');
    expect(light).toBe('rgb(247, 247, 244)');
  });

  it('colours cards by type consistently with the legend', async () => {
    await visit('/roadmaps/backend');
    const colour = (selector: string, property: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop), property);
    expect(await colour('.card--required', 'border-left-color')).toBe(
      await colour('.swatch--required', 'border-top-color'),
    );
    expect(await colour('.card--pick-one', 'border-left-color')).toBe(
      await colour('.swatch--pick-one', 'border-top-color'),
    );
    expect(await colour('.card--optional', 'border-left-color')).toBe(
      await colour('.swatch--optional', 'border-top-color'),
    );
  });

  it('prints the roadmap as a checklist', async () => {
    await visit('/roadmaps/backend');
    await page.emulateMedia({ media: 'print' });
    const box = await page
      .locator('.card')
      .first()
      .evaluate((el) => getComputedStyle(el, '::before').content);
    expect(box).toBe('"☐"');
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.card__summary').first().isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
  });
});

describe('the API reference', () => {
  it('renders the OpenAPI document without CSP violations', async () => {
    await visit('/api/docs');
    await page.getByText('/api/v1/roadmaps/{slug}/topics/{topicId}').first().waitFor();
    expect(await page.locator('.title').first().textContent()).toContain('Trailmap API');
  });
});
