// The XSS corpus placed in every place text comes from — roadmap and topic fields, resources, FAQ,
// choices, a learner's email, notes, query strings, error messages — rendered on every page in
// Chromium: no script runs, no dialog opens, no request leaves for an injected address; and the
// standalone map.svg stays well-formed XML (and the PNG drawable) whatever the titles hold.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { renderStandaloneSvg } from '../../src/features/map/standalone.ts';
import { buildTestApp, loadCatalog } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';
import { signInAs } from '../helpers/learners.ts';
import { makeRoadmap } from '../helpers/roadmaps.ts';
import { writeXssRoadmap } from './xss-content.ts';
import { XSS_PAYLOADS } from './xss-payloads.ts';

let dir: string;
let app: App;
let base: string;
let browser: Browser;
let topicIds: string[];
const incidents: string[] = [];
let pagesChecked = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trailmap-xss-'));
  topicIds = await writeXssRoadmap(dir, XSS_PAYLOADS);
  app = await buildTestApp({ catalog: await loadCatalog(dir) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  console.info(
    `xss: ${XSS_PAYLOADS.length} payloads, ${pagesChecked} page views checked, ${incidents.length} incidents`,
  );
  await browser?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A browser context that records every sign of a payload at work. */
async function watchedContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    incidents.push(`dialog "${dialog.message()}" on ${page.url()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      incidents.push(`request to ${url} from ${page.url()}`);
    }
  });
  page.on('console', (message) => {
    // The 404 pages this test visits on purpose report their own status, and a document without
    // an icon link (map.svg) makes the browser ask for /favicon.ico; anything else counts.
    const ownStatus =
      message.text().startsWith('Failed to load resource') &&
      (message.location().url === page.url() || message.location().url === `${base}/favicon.ico`);
    if (message.type() === 'error' && !ownStatus)
      incidents.push(`console error "${message.text()}" on ${page.url()}`);
  });
  page.on('pageerror', (error) => incidents.push(`page error "${error.message}" on ${page.url()}`));
  return { context, page };
}

/** Looks for anything a payload could have planted in the document. */
async function inspect(page: Page, url: string) {
  await page.goto(`${base}${url}`);
  await page.waitForTimeout(30);
  await inspectAsItIs(page, url);
}

/** The same look at the document as it is now (after scripts changed it, e.g. the search dialog). */
async function inspectAsItIs(page: Page, url: string) {
  pagesChecked++;
  const planted = await page.evaluate((origin) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`<${element.localName} ${attribute.name}>`);
        if (attribute.name === 'style') found.push(`<${element.localName} style>`);
      }
    }
    // SVG links (the map) have no .protocol: read the attribute as the browser resolves it.
    for (const link of document.querySelectorAll('a[href]')) {
      const url = new URL(link.getAttribute('href') ?? '', document.baseURI);
      if (!/^https?:$/.test(url.protocol)) found.push(`link to ${url.href}`);
    }
    for (const script of document.querySelectorAll('script')) {
      const src = script.getAttribute('src');
      if (src ? !new URL(src, origin).href.startsWith(origin) : script.type !== 'application/json')
        found.push('script');
    }
    for (const tag of [
      'iframe',
      'object',
      'embed',
      'base',
      'img:not(.brand__mark)',
      'style',
      'svg',
      'math',
      'video',
      'template',
    ]) {
      // The map is our own inline SVG (svg[data-roadmap-map]); an element of any other kind, or an
      // svg anywhere else, is planted. Text inside the map is still checked by the rules above.
      const planted = [...document.querySelectorAll(tag)].filter(
        (element) => !(tag === 'svg' && element.matches('[data-roadmap-map]')),
      );
      if (planted.length > 0) found.push(`<${tag}>`);
    }
    for (const sheet of document.querySelectorAll<HTMLLinkElement>('link[href]')) {
      if (!sheet.href.startsWith(origin)) found.push(`link ${sheet.href}`);
    }
    return found;
  }, base);
  for (const item of planted) incidents.push(`${item} on ${url}`);
}

const q = (payload: string) => encodeURIComponent(payload);

describe('the XSS corpus', () => {
  it('has at least 50 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  });

  it('would be caught: an unescaped payload on a page without our headers is reported', async () => {
    const { context, page } = await watchedContext();
    await page.route(`${base}/__control`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<p>${XSS_PAYLOADS[1]}</p><a href="javascript:void 0">x</a>`,
      }),
    );
    const before = incidents.length;
    await inspect(page, '/__control');
    await expect.poll(() => incidents.length - before).toBeGreaterThanOrEqual(3);
    const caught = incidents.splice(before);
    pagesChecked--;
    expect(caught.join('\n')).toMatch(/dialog "2"/);
    expect(caught.join('\n')).toMatch(/<img onerror>/);
    expect(caught.join('\n')).toMatch(/link to javascript:void 0/);
    await context.close();
  });

  it('map.svg stays well-formed XML whatever a roadmap author puts in its titles', async () => {
    const { context, page } = await watchedContext();
    const res = await page.request.get(`${base}/roadmaps/xss/map.svg`);
    expect(res.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    // Chromium's XML parser, as a viewer or an <img> reads the file: no error, and every title
    // whole in its box (the lines of a box, joined, are the title; wrapping only moves spaces).
    const read = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        titles: Object.fromEntries(
          [...doc.querySelectorAll('a[data-topic]')].map((a) => [
            a.getAttribute('data-topic'),
            [...a.querySelectorAll('.map-node__title tspan')].map((t) => t.textContent).join(''),
          ]),
        ),
      };
    }, svg);
    expect(read.error).toBeNull();
    expect(read.root).toBe('svg');
    const catalog = app.content.catalog;
    const roadmap = catalog.roadmaps.find((r) => r.slug === 'xss');
    const squeeze = (text: string) => text.replace(/\s+/g, '');
    for (const topic of roadmap?.topics ?? []) {
      expect(squeeze(read.titles[topic.id] ?? ''), topic.id).toBe(squeeze(topic.title));
    }
    expect(Object.keys(read.titles)).toHaveLength(XSS_PAYLOADS.length + 2);
    await context.close();
  });

  it('map.svg is well-formed for every payload, and for text XML cannot hold, in every kind of title', async () => {
    const { context, page } = await watchedContext();
    const hostile = [
      ...XSS_PAYLOADS,
      ']]>',
      'a\u0001b\u0008c\u001fd',
      'lone \ud800 surrogate',
      'not a char \ufffe\uffff',
    ];
    const errors: string[] = [];
    for (const [i, text] of hostile.entries()) {
      const svg = await renderStandaloneSvg(
        makeRoadmap({
          slug: `hostile-${i}`,
          title: text,
          choiceGroups: [
            {
              id: 'g',
              title: text,
              options: [
                { id: 'a', title: text },
                { id: 'b', title: 'B' },
              ],
            },
          ],
          sections: [
            {
              id: 's',
              title: text,
              topics: [
                { id: 'a', title: text, type: 'pick-one', group: 'g', option: 'a' },
                { id: 'b', title: 'B', type: 'pick-one', group: 'g', option: 'b' },
                { id: 'c', title: text, when: { g: 'a' } },
              ],
            },
          ],
        }),
      );
      const error = await page.evaluate((markup) => {
        const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
        return doc.querySelector('parsererror')?.textContent ?? null;
      }, svg);
      if (error) errors.push(`${JSON.stringify(text)}: ${error}`);
    }
    await context.close();
    expect(errors.join('\n')).toBe('');
  }, 120_000);

  it('map.png still draws a roadmap whose titles carry the corpus', async () => {
    const res = await app.inject({ method: 'GET', url: '/roadmaps/xss/map.png' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const svg = (await app.inject({ method: 'GET', url: '/roadmaps/xss/map.svg' })).body;
    const svgWidth = Number(svg.match(/<svg [^>]*width="(\d+)"/)?.[1]);
    expect(res.rawPayload.readUInt32BE(16)).toBe(svgWidth * 2);
  }, 60_000);

  it('runs nowhere a visitor can see it: catalogue, roadmap, its map, every topic, the drawer, query strings, errors', async () => {
    const { context, page } = await watchedContext();
    await inspect(page, '/');
    await inspect(page, '/roadmaps/xss');
    await inspect(page, '/roadmaps/xss/map');
    await inspect(page, '/roadmaps/xss/map.svg');
    for (const id of topicIds) await inspect(page, `/roadmaps/xss/${id}`);
    await inspect(page, '/roadmaps/xss');
    for (const id of topicIds.slice(0, 8)) {
      await page.locator(`.cards a[data-topic="${id}"]`).click();
      await page.locator('dialog#topic-drawer h1').waitFor();
      await page.keyboard.press('Escape');
      await page.waitForURL(`${base}/roadmaps/xss`);
    }
    for (const payload of XSS_PAYLOADS) {
      await inspect(page, `/signin?next=${q(payload)}&notice=${q(payload)}`);
      await inspect(page, `/roadmaps/${q(payload)}`);
      await inspect(page, `/roadmaps/xss/${q(payload)}?all=${q(payload)}`);
    }
    await context.close();
    expect(incidents.join('\n')).toBe('');
  }, 300_000);

  it('runs nowhere on a custom roadmap carrying it in every field: catalogue card, page, map, every topic, drawer, search', async () => {
    // Forked through the API from the roadmap above, so every field of the document holds a payload.
    const author = await signInAs(app, (await seedLearner(app.database)).email);
    const send = (method: 'POST' | 'PUT', url: string, payload: object = {}) =>
      app.inject({ method, url, payload, headers: { cookie: author.cookie } });
    expect((await send('POST', '/api/v1/roadmaps/xss/fork', { slug: 'xss-custom' })).statusCode).toBe(201);
    const published = await send('POST', '/api/v1/roadmaps/xss-custom/publish');
    expect(published.statusCode, published.body).toBe(200);
    await send('PUT', '/api/v1/roadmaps/xss-custom/visibility', { visibility: 'public' });
    const { context, page } = await watchedContext();
    await inspect(page, '/');
    expect(await page.locator('a.roadmap-card[data-roadmap="xss-custom"]').count()).toBe(1);
    await inspect(page, '/roadmaps/xss-custom');
    await inspect(page, '/roadmaps/xss-custom/map');
    await inspect(page, '/roadmaps/xss-custom/map.svg');
    for (const id of topicIds) await inspect(page, `/roadmaps/xss-custom/${id}`);
    await inspect(page, '/roadmaps/xss-custom');
    for (const id of topicIds.slice(0, 4)) {
      await page.locator(`.cards a[data-topic="${id}"]`).click();
      await page.locator('dialog#topic-drawer h1').waitFor();
      await page.keyboard.press('Escape');
      await page.waitForURL(`${base}/roadmaps/xss-custom`);
    }
    for (const query of XSS_PAYLOADS.slice(0, 10))
      await inspect(page, `/search?q=${q(query)}&roadmap=xss-custom`);
    await context.close();
    expect(incidents.join('\n')).toBe('');
  }, 300_000);

  it('runs nowhere for a learner whose email and notes carry it', async () => {
    const { context, page } = await watchedContext();
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      const email = `${payload.replace(/\s/g, '')}${i}@trailmap-xss.dev`;
      // Leave the last page first, so its scripts do not run on after the learner changes.
      await page.goto('about:blank');
      await context.clearCookies();
      const signup = await context.request.post(`${base}/api/v1/auth/signup`, {
        data: { email, password: `a long password ${i}` },
      });
      // Some payloads are not email addresses; they are refused, and that refusal is rendered too.
      if (signup.status() !== 201) {
        expect(signup.status()).toBe(400);
        continue;
      }
      const topic = topicIds[i % topicIds.length] as string;
      const note = await context.request.put(`${base}/api/v1/me/notes/xss/${topic}`, {
        data: { markdown: payload },
      });
      expect(note.status()).toBe(200);
      await inspect(page, '/account');
      await inspect(page, `/roadmaps/xss/${topic}`);
      if (i % 10 === 0) await inspect(page, '/roadmaps/xss');
    }
    // A sign-up form that fails shows what was typed back, escaped.
    await page.goto('about:blank');
    await context.clearCookies();
    for (const payload of XSS_PAYLOADS.slice(0, 10)) {
      await page.goto(`${base}/signup`);
      await page.getByLabel('Email').evaluate((input: HTMLInputElement, value) => {
        input.type = 'text';
        input.value = value;
      }, payload);
      await page.getByLabel('Password').fill('x');
      await page
        .getByLabel('Password')
        .evaluate((input: HTMLInputElement) => input.removeAttribute('minlength'));
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.locator('.form-error').waitFor();
      await inspect(page, '/signup');
    }
    await context.close();
    expect(incidents.join('\n')).toBe('');
  }, 300_000);

  it('runs nowhere in search: every payload as q on the results page and the API, over content and notes that carry them, and in the search dialog', async () => {
    const { context, page } = await watchedContext();
    const snippetsOf = async (query: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/search?q=${q(query)}&limit=50` });
      expect([200, 400]).toContain(res.statusCode);
      return res.statusCode === 200 ? (res.json().results as { snippetHtml: string }[]) : [];
    };
    // Words the payloads are made of find the roadmap that carries them.
    const words = ['alert', 'script', 'onerror', 'javascript', 'evil', 'img'];
    let snippets = 0;
    for (const query of [...XSS_PAYLOADS, ...words]) {
      await inspect(page, `/search?q=${q(query)}`);
      for (const { snippetHtml } of await snippetsOf(query)) {
        snippets++;
        expect(snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      }
    }
    expect(snippets).toBeGreaterThan(50); // the check did look at snippets made from the payloads
    await page.goto(`${base}/roadmaps/xss`);
    for (const word of words) {
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox').fill(word);
      await page.getByRole('option').first().waitFor();
      await inspectAsItIs(page, `the search dialog, searching ${word}`);
      await page.keyboard.press('Escape');
    }
    await context.close();
    expect(incidents.join('\n')).toBe('');
  }, 300_000);
});
