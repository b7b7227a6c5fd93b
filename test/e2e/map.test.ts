// The map in real Chromium: layout quality measured with getBBox on every shipped roadmap and on
// generated ones, the phone layout's size rules, the drawer, the keyboard, progress, the switch.

import type { Page } from 'playwright-core';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutRoadmap, type MapWidth } from '../../src/features/map/layout.ts';
import { MapSvg } from '../../src/features/map/MapSvg.tsx';
import { emptyState } from '../../src/features/progress/state.ts';
import { activeElement, openPage, useBrowserAndServer } from '../helpers/browser.ts';
import { type MeasuredMap, mapProblems } from '../helpers/map-geometry.ts';
import { bigRoadmap, longTitlesRoadmap, twelveOptionsRoadmap } from '../helpers/roadmaps.ts';

const e2e = useBrowserAndServer();
const VIEWPORT: Record<MapWidth, { width: number; height: number }> = {
  wide: { width: 1280, height: 900 },
  narrow: { width: 390, height: 844 },
};

let closeContext: (() => Promise<void>) | undefined;
let seenErrors: string[] = [];
afterEach(async () => {
  await closeContext?.();
  closeContext = undefined;
  expect(seenErrors, 'console errors or CSP violations').toEqual([]);
  seenErrors = [];
});

async function visit(path: string, width: MapWidth = 'wide', options = {}) {
  const opened = await openPage(e2e.browser, { viewport: VIEWPORT[width], ...options });
  closeContext = () => opened.context.close();
  seenErrors = opened.errors;
  await opened.page.goto(`${e2e.server.baseUrl}${path}`);
  return opened.page;
}

/** The shown map as Chromium lays it out: boxes, text and links in the SVG's own units. */
function measure(
  page: Page,
): Promise<MeasuredMap & { scale: number; minNodeHeightPx: number; minFontPx: number }> {
  return page.evaluate(() => {
    const svg = [...document.querySelectorAll<SVGSVGElement>('svg[data-roadmap-map]')].find(
      (s) => s.getClientRects().length > 0,
    ) as SVGSVGElement;
    const box = (el: SVGGraphicsElement) => {
      const b = el.getBBox();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const nodes = [...svg.querySelectorAll<SVGAElement>('a[data-topic]')].map((a) => ({
      id: a.dataset.topic as string,
      box: box(a.querySelector('.map-node__box') as SVGGraphicsElement),
      text: [...a.querySelectorAll<SVGTextElement>('text')].map(box),
    }));
    const fonts = [...svg.querySelectorAll('text')].map((t) =>
      Number.parseFloat(getComputedStyle(t).fontSize),
    );
    return {
      width: svg.viewBox.baseVal.width,
      scale,
      minNodeHeightPx: Math.min(...nodes.map((n) => n.box.height)) * scale,
      minFontPx: Math.min(...fonts) * scale,
      nodes,
      sections: [...svg.querySelectorAll<SVGGElement>('g[data-section]')].map((g) => ({
        id: g.dataset.section as string,
        box: box(g.querySelector('.map-section__box') as SVGGraphicsElement),
      })),
      links: [...svg.querySelectorAll<SVGPathElement>('path[data-from]')].map((p) => ({
        from: p.dataset.from as string,
        to: p.dataset.to as string,
        points: [...(p.getAttribute('d') ?? '').matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((m) => ({
          x: Number(m[1]),
          y: Number(m[2]),
        })),
      })),
    };
  });
}

async function expectGoodMap(page: Page, width: MapWidth, topicIds: string[], sectionIds: string[]) {
  const map = await measure(page);
  expect(mapProblems(map, topicIds, sectionIds)).toEqual([]);
  if (width === 'narrow') {
    // A phone reads the map without zooming: 14 px text, 44 px tall boxes, no sideways scrolling.
    expect(map.minFontPx).toBeGreaterThanOrEqual(14);
    expect(map.minNodeHeightPx).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } else {
    expect(map.scale).toBeLessThanOrEqual(1); // it fits the content column
  }
}

describe.each(['wide', 'narrow'] as const)('the %s layout in Chromium', (width) => {
  it('is sound on every shipped roadmap: each topic once, nothing overlaps, titles fit, links go around', async () => {
    const catalog = e2e.server.app.content.catalog;
    const page = await visit('/roadmaps/backend/map', width);
    for (const roadmap of catalog.roadmaps) {
      await page.goto(`${e2e.server.baseUrl}/roadmaps/${roadmap.slug}/map`);
      await expectGoodMap(
        page,
        width,
        roadmap.topics.map((t) => t.id),
        roadmap.sections.map((s) => s.id),
      );
    }
  }, 120_000);

  it('is sound on generated roadmaps: 120 topics in 15 sections, 12 options, long titles', async () => {
    const page = await visit('/roadmaps/backend/map', width);
    for (const roadmap of [bigRoadmap(), twelveOptionsRoadmap(), longTitlesRoadmap()]) {
      const layout = await layoutRoadmap(roadmap, width);
      const svg = renderToString(MapSvg({ roadmap, layout, width, state: emptyState(roadmap) }));
      await page.evaluate((markup) => {
        const viewport = document.querySelector('[data-map-viewport]') as HTMLElement;
        viewport.innerHTML = markup;
      }, svg);
      await expectGoodMap(
        page,
        width,
        roadmap.topics.map((t) => t.id),
        roadmap.sections.map((s) => s.id),
      );
    }
  }, 120_000);
});

const shownNode = (page: Page, id: string) =>
  page.locator(`svg[data-roadmap-map]:visible a[data-topic="${id}"]`);

describe('on the map', () => {
  it('a click on a node opens the drawer; Esc closes it and gives focus back to the node', async () => {
    const page = await visit('/roadmaps/backend/map');
    await shownNode(page, 'django').click();
    await page.waitForURL('**/roadmaps/backend/django');
    await expect(
      page.locator('dialog#topic-drawer h1, dialog#topic-drawer h2').first().textContent(),
    ).resolves.toMatch(/Django/);
    await page.keyboard.press('Escape');
    await page.waitForURL('**/roadmaps/backend/map');
    expect((await activeElement(page)).topic).toBe('django');
  });

  it('Tab reaches the nodes in number order after the skip link, which jumps past the map', async () => {
    const page = await visit('/roadmaps/backend/map');
    await page.locator('.map__skip').focus();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const { topic } = await activeElement(page);
      if (topic) order.push(topic);
    }
    expect(order).toEqual(['javascript', 'python', 'java', 'go', 'csharp', 'php']);
    await page.keyboard.press('Enter'); // on PHP: the drawer
    await page.waitForURL('**/roadmaps/backend/php');
    await page.keyboard.press('Escape');
    // The drawer gives focus back to its node once it has closed; skip from there on.
    await page.waitForURL('**/roadmaps/backend/map');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-topic') === 'php');
    await page.locator('.map__skip').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'after-map', undefined, {
      timeout: 5000,
    });
    expect((await activeElement(page)).id).toBe('after-map');
  });

  it('without JavaScript every node is a plain link to its topic page', async () => {
    const page = await visit('/roadmaps/backend/map', 'wide', { javaScriptEnabled: false });
    await shownNode(page, 'sql').click();
    await page.waitForURL('**/roadmaps/backend/sql');
    expect(await page.locator('h1').textContent()).toMatch(/SQL/);
  });

  it('shows progress by icon and words, and fades the branches of the options not chosen', async () => {
    const page = await visit('/roadmaps/backend/map');
    await shownNode(page, 'sql').click();
    await page.locator('dialog#topic-drawer').getByRole('button', { name: /^Done/ }).click();
    await page.keyboard.press('Escape');
    const sql = shownNode(page, 'sql');
    await expect.poll(() => sql.getAttribute('data-status')).toBe('done');
    expect(await sql.locator('[data-status-label]').textContent()).toBe('Done');
    expect(await sql.locator('.map-icon--done').isVisible()).toBe(true);
    expect(await sql.locator('.map-icon--pending').isVisible()).toBe(false);

    await page.getByRole('radio', { name: 'Python' }).check();
    await expect.poll(() => shownNode(page, 'express').getAttribute('class')).toMatch(/is-folded/);
    expect(await shownNode(page, 'django').getAttribute('class')).not.toMatch(/is-folded/);
    expect(await page.locator('[data-progress-panel] [data-figure="path"]').textContent()).toBe('14'); // Django joins

    // Kept in this browser: still there after a reload, and in another tab at once.
    const other = await page.context().newPage();
    await other.goto(`${e2e.server.baseUrl}/roadmaps/backend/map`);
    await expect.poll(() => shownNode(other, 'sql').getAttribute('data-status')).toBe('done');
    await shownNode(other, 'docker').click();
    await other
      .locator('dialog#topic-drawer')
      .getByRole('button', { name: /^Learning/ })
      .click();
    await expect
      .poll(() => shownNode(page, 'docker').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('learning');
  });

  it('remembers the Map view: roadmap links lead to the map once the learner picked it', async () => {
    const page = await visit('/roadmaps/backend');
    await page.locator('[data-view-choice="map"]').click();
    await page.waitForURL('**/roadmaps/backend/map');
    await page.goto(`${e2e.server.baseUrl}/`);
    await page.getByRole('link', { name: /Frontend Developer Roadmap 2026/ }).click();
    await page.waitForURL('**/roadmaps/frontend/map');
    await page.locator('[data-view-choice="list"]').click();
    await page.waitForURL('**/roadmaps/frontend');
    await page.goto(`${e2e.server.baseUrl}/`);
    await page.getByRole('link', { name: /Backend Developer Roadmap 2026/ }).click();
    await page.waitForURL('**/roadmaps/backend');
  });

  it('zooms with its buttons and Ctrl + scroll inside its frame; the page never scrolls sideways', async () => {
    const page = await visit('/roadmaps/backend/map');
    const width = () =>
      page.locator('svg[data-roadmap-map]:visible').evaluate((s) => s.getBoundingClientRect().width);
    const fitted = await width();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await width()).toBeGreaterThan(fitted * 1.2);
    const viewport = page.locator('[data-map-viewport]');
    await viewport.hover();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await expect.poll(width).toBeGreaterThan(fitted * 1.3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.getByRole('button', { name: 'Fit' }).click();
    expect(await width()).toBeCloseTo(fitted, 0);
  });

  it('map.svg opens on its own, with nothing else loaded', async () => {
    const opened = await openPage(e2e.browser);
    closeContext = () => opened.context.close();
    seenErrors = opened.errors;
    const requests: string[] = [];
    opened.page.on('request', (request) => requests.push(request.url()));
    const response = await opened.page.goto(`${e2e.server.baseUrl}/roadmaps/backend/map.svg`);
    expect(response?.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(await opened.page.locator('a[data-topic]').count()).toBe(37);
    // The browser asks for /favicon.ico by itself; the SVG loads nothing.
    expect(requests.filter((url) => !url.endsWith('/favicon.ico'))).toEqual([
      `${e2e.server.baseUrl}/roadmaps/backend/map.svg`,
    ]);
    seenErrors.splice(0); // that favicon's 404
  });
});
