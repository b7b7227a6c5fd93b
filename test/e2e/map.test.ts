// The map in real Chromium: layout quality measured with getBBox on every shipped roadmap and on
// generated ones, the phone layout's size rules, the drawer, the keyboard, progress, the switch.

import type { Page } from 'playwright-core';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutRoadmap, MAP_METRICS, type MapWidth } from '../../src/features/map/layout.ts';
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

describe.each([360, 390, 430])('on a phone %i px wide', (phoneWidth) => {
  const phone = { viewport: { width: phoneWidth, height: 800 }, isMobile: true, hasTouch: true };

  it('no page scrolls sideways, and every map reads without zooming: text ≥ 14 px, boxes ≥ 44 px tall', async () => {
    const catalog = e2e.server.app.content.catalog;
    const page = await visit('/', 'narrow', phone);
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    for (const path of ['/', '/roadmaps/backend', '/roadmaps/backend/express', '/signin']) {
      await page.goto(`${e2e.server.baseUrl}${path}`);
      expect(await pageWidth(), path).toBeLessThanOrEqual(phoneWidth);
    }
    for (const roadmap of catalog.roadmaps) {
      await page.goto(`${e2e.server.baseUrl}/roadmaps/${roadmap.slug}/map`);
      const map = await measure(page);
      expect(await pageWidth(), roadmap.slug).toBeLessThanOrEqual(phoneWidth);
      expect(map.minFontPx, roadmap.slug).toBeGreaterThanOrEqual(14);
      expect(map.minNodeHeightPx, roadmap.slug).toBeGreaterThanOrEqual(44);
      expect(await page.locator('svg.map__svg--narrow').isVisible()).toBe(true);
    }
  }, 120_000);

  it('zooms with its buttons inside the frame and with a pinch, the page still not scrolling sideways', async () => {
    const page = await visit('/roadmaps/backend/map', 'narrow', phone);
    const svgWidth = () =>
      page.locator('svg[data-roadmap-map]:visible').evaluate((s) => s.getBoundingClientRect().width);
    const fitted = await svgWidth();
    await page.getByRole('button', { name: 'Zoom in' }).tap();
    await page.getByRole('button', { name: 'Zoom in' }).tap();
    expect(await svgWidth()).toBeGreaterThan(fitted * 1.5);
    const frame = page.locator('[data-map-viewport]');
    expect(await frame.evaluate((f) => f.scrollWidth > f.clientWidth)).toBe(true); // it pans inside
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phoneWidth);
    await page.getByRole('button', { name: 'Zoom out' }).tap();
    expect(await svgWidth()).toBeLessThan(fitted * 1.5);
    await page.getByRole('button', { name: 'Fit' }).tap();
    expect(await svgWidth()).toBeCloseTo(fitted, 0);

    // Pinches. Headless Chromium cannot synthesise a touch pinch, only a trackpad one, which it
    // delivers as Ctrl + wheel: on the map that zooms the map (our handler), elsewhere the page.
    // A touch pinch is the browser's own as long as nothing forbids it, so check that too.
    const cdp = await page.context().newCDPSession(page);
    const box = await frame.boundingBox();
    await cdp.send('Input.synthesizePinchGesture', {
      x: (box?.x ?? 0) + 100,
      y: (box?.y ?? 0) + 100,
      scaleFactor: 2,
    });
    await expect.poll(svgWidth).toBeGreaterThan(fitted * 1.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phoneWidth);
    await page.getByRole('button', { name: 'Fit' }).tap();
    await cdp.send('Input.synthesizePinchGesture', { x: phoneWidth / 2, y: 40, scaleFactor: 2 });
    await expect.poll(() => page.evaluate(() => window.visualViewport?.scale ?? 1)).toBeGreaterThan(1.5);
    const allowed = await page.evaluate(() => ({
      viewport: document.querySelector('meta[name="viewport"]')?.getAttribute('content'),
      touch: [...document.querySelectorAll('[data-map-viewport], [data-map-viewport] *')].map(
        (el) => getComputedStyle(el).touchAction,
      ),
    }));
    expect(allowed.viewport).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\D|$)/);
    expect(new Set(allowed.touch)).toEqual(new Set(['auto']));
  }, 60_000);
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

  it('prints one page wide: the wide layout fits the paper whatever the zoom, with its legend, without controls', async () => {
    // A4 at 96 px per inch, less Chromium's default margins: the width the print layout gets.
    const paper = 718;
    const page = await visit('/roadmaps/backend/map', 'wide', { viewport: { width: paper, height: 1000 } });
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const shown = (el: Element | null) => !!el && el.getClientRects().length > 0;
      const wide = document.querySelector('svg.map__svg--wide') as SVGSVGElement;
      const box = wide.getBoundingClientRect();
      const legend = [...wide.querySelectorAll('.map-legend__item')].map((item) => ({
        text: item.textContent,
        shown: shown(item),
      }));
      return {
        pageWidth: document.documentElement.scrollWidth,
        wide: { left: box.left, right: box.right, width: box.width, height: box.height },
        aspect: wide.viewBox.baseVal.height / wide.viewBox.baseVal.width,
        narrowShown: shown(document.querySelector('svg.map__svg--narrow')),
        zoomShown: shown(document.querySelector('.map__zoom')),
        nodesShown: [...wide.querySelectorAll('a[data-topic]')].filter(shown).length,
        nodes: wide.querySelectorAll('a[data-topic]').length,
        legend,
      };
    });
    expect(printed.pageWidth).toBeLessThanOrEqual(paper);
    expect(printed.wide.left).toBeGreaterThanOrEqual(0);
    expect(printed.wide.right).toBeLessThanOrEqual(paper);
    expect(printed.wide.width).toBeGreaterThan(paper * 0.8); // uses the width of the page
    expect(printed.wide.height / printed.wide.width).toBeCloseTo(printed.aspect, 2); // not squeezed
    expect(printed.narrowShown).toBe(false);
    expect(printed.zoomShown).toBe(false);
    expect(printed.nodes).toBe(43); // every backend topic
    expect(printed.nodesShown).toBe(printed.nodes);
    expect(printed.legend).toEqual([
      { text: 'Required', shown: true },
      { text: 'Pick One', shown: true },
      { text: 'Optional', shown: true },
    ]);
    // And Chromium prints it: a PDF of A4 pages.
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThan(1);
  });

  it('map.svg opens on its own, with nothing else loaded', async () => {
    const opened = await openPage(e2e.browser);
    closeContext = () => opened.context.close();
    seenErrors = opened.errors;
    const requests: string[] = [];
    opened.page.on('request', (request) => requests.push(request.url()));
    const response = await opened.page.goto(`${e2e.server.baseUrl}/roadmaps/backend/map.svg`);
    expect(response?.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(await opened.page.locator('a[data-topic]').count()).toBe(43);
    // The browser asks for /favicon.ico by itself; the SVG loads nothing.
    expect(requests.filter((url) => !url.endsWith('/favicon.ico'))).toEqual([
      `${e2e.server.baseUrl}/roadmaps/backend/map.svg`,
    ]);
    seenErrors.splice(0); // that favicon's 404
  });
});

describe('what the map draws, as Chromium computes it', () => {
  it('borders and fills each node like its type’s swatch in the legend: Required solid, Pick One, Optional dashed', async () => {
    const page = await visit('/roadmaps/backend/map');
    const drawn = await page.evaluate(() => {
      const svg = document.querySelector('svg.map__svg--wide') as SVGSVGElement;
      const style = (el: Element | null) => {
        const s = getComputedStyle(el as Element);
        return { stroke: s.stroke, dash: s.strokeDasharray, fill: s.fill, width: s.strokeWidth };
      };
      return ['required', 'pick-one', 'optional'].map((type) => ({
        type,
        nodes: [...svg.querySelectorAll(`a[data-type="${type}"]:not(.is-folded) .map-node__box`)].map(style),
        legend: style(svg.querySelector(`.map-legend__item--${type} rect`)),
      }));
    });
    for (const { type, nodes, legend } of drawn) {
      expect(nodes.length, type).toBeGreaterThan(0);
      for (const node of nodes) expect(node, type).toEqual(legend);
    }
    const [required, pickOne, optional] = drawn.map((d) => d.legend);
    expect(required?.dash).toBe('none');
    expect(pickOne?.dash).toBe('none');
    expect(optional?.dash).not.toBe('none');
    expect(new Set(drawn.map((d) => d.legend.stroke)).size).toBe(3); // three colours, one per type
  });

  it('lays the options of a Pick One side by side, and draws an alternative’s link dashed', async () => {
    const page = await visit('/roadmaps/backend/map');
    const languages = ['javascript', 'python', 'java', 'go', 'csharp', 'php'];
    const drawn = await page.evaluate((ids) => {
      const svg = document.querySelector('svg.map__svg--wide') as SVGSVGElement;
      const boxOf = (id: string) =>
        (svg.querySelector(`a[data-topic="${id}"] .map-node__box`) as SVGGraphicsElement).getBBox();
      const dashOf = (path: Element) => getComputedStyle(path).strokeDasharray;
      return {
        options: ids.map((id) => ({ x: boxOf(id).x, y: boxOf(id).y, width: boxOf(id).width })),
        alternative: [...svg.querySelectorAll('path.map-link--alternative')].map((p) => ({
          link: `${p.getAttribute('data-from')} → ${p.getAttribute('data-to')}`,
          dash: dashOf(p),
        })),
        spine: [...svg.querySelectorAll('path.map-link--spine')].map(dashOf),
        branch: [...svg.querySelectorAll('path.map-link--branch')].map(dashOf),
      };
    }, languages);
    // Side by side, in the content's order, as many to a row as the wide layout holds (then a row below).
    const columns = MAP_METRICS.wide.columns;
    expect(columns).toBeGreaterThan(1);
    const rows = [0, columns].map((start) => drawn.options.slice(start, start + columns));
    expect(rows.map((row) => row.length)).toEqual([4, 2]);
    for (const row of rows) {
      for (const option of row) expect(option.y).toBeCloseTo(row[0]?.y ?? Number.NaN, 0);
      for (let i = 1; i < row.length; i++) {
        const left = row[i - 1] as { x: number; width: number };
        expect(row[i]?.x).toBeGreaterThanOrEqual(left.x + left.width); // to its right, no overlap
      }
    }
    expect(rows[1]?.[0]?.y).toBeGreaterThan(rows[0]?.[0]?.y ?? Number.POSITIVE_INFINITY);
    // Fastify instead of Express, Flask instead of Django, Echo instead of Gin: each a dashed link.
    expect(drawn.alternative.map((a) => a.link)).toEqual(
      expect.arrayContaining(['express → fastify', 'django → flask', 'gin → echo']),
    );
    for (const { link, dash } of drawn.alternative) expect(dash, link).toMatch(/^\d+px, \d+px$/);
    expect(drawn.spine.length).toBeGreaterThan(0);
    expect(new Set([...drawn.spine, ...drawn.branch])).toEqual(new Set(['none'])); // only alternatives dash
  });

  it('shows where keyboard focus is: the focused node’s border turns the focus colour', async () => {
    const page = await visit('/roadmaps/backend/map');
    const strokeOf = (id: string) =>
      shownNode(page, id)
        .locator('.map-node__box')
        .evaluate((box) => getComputedStyle(box).stroke);
    const focusColour = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--focus)';
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    });
    const before = await strokeOf('javascript');
    expect(before).not.toBe(focusColour);
    await page.locator('.map__skip').focus();
    await page.keyboard.press('Tab');
    expect((await activeElement(page)).topic).toBe('javascript');
    expect(await strokeOf('javascript')).toBe(focusColour);
    expect(await strokeOf('python')).not.toBe(focusColour);
    await page.keyboard.press('Tab');
    expect(await strokeOf('javascript')).toBe(before);
    expect(await strokeOf('python')).toBe(focusColour);
  });

  it('a tap on a node opens the drawer on a phone', async () => {
    const page = await visit('/roadmaps/backend/map', 'narrow', {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await shownNode(page, 'docker').tap();
    await page.waitForURL('**/roadmaps/backend/docker');
    const drawer = page.locator('dialog#topic-drawer');
    await expect.poll(() => drawer.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await expect
      .poll(() => drawer.locator('[data-topic-article="docker"] h1').textContent())
      .toMatch(/Docker/);
  });
});
