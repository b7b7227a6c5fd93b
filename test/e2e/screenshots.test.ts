// Takes the screenshots committed under docs/screenshots/, so anyone can see the design without running it.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { launchBrowser, openPage, startServer } from '../helpers/browser.ts';

const OUT = path.join(repoRoot, 'docs/screenshots');
const PAGES = [
  { name: 'catalog', path: '/', fullPage: true },
  { name: 'roadmap', path: '/roadmaps/backend', fullPage: false },
  { name: 'topic', path: '/roadmaps/backend/express', fullPage: true },
];

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.app.close();
});

describe('screenshots', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [360, 1280]) {
      it(`renders the catalogue, the backend roadmap and a topic, ${colorScheme}, ${width} px`, async () => {
        const height = width === 360 ? 1400 : 1600;
        const { page, context, errors } = await openPage(browser, {
          viewport: { width, height },
          colorScheme,
        });
        for (const shot of PAGES) {
          await page.goto(`${server.baseUrl}${shot.path}`);
          await page.screenshot({
            path: path.join(OUT, `${shot.name}-${colorScheme}-${width}.png`),
            fullPage: shot.fullPage,
          });
        }
        if (width === 1280) {
          await page.goto(`${server.baseUrl}/roadmaps/backend`);
          await page.locator('.cards a[data-topic="django"]').click();
          await page.waitForURL('**/roadmaps/backend/django');
          await page.screenshot({
            path: path.join(OUT, `drawer-${colorScheme}-${width}.png`),
            animations: 'disabled',
          });
        }
        await context.close();
        expect(errors).toEqual([]);
      });
    }
  }
});
