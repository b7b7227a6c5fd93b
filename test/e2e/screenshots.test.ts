// Takes the screenshots committed under docs/screenshots/, so anyone can see the design without running it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';

const OUT = path.join(repoRoot, 'docs/screenshots');
const PAGES = [
  { name: 'catalog', path: '/', fullPage: true },
  { name: 'roadmap', path: '/roadmaps/backend', fullPage: false },
  { name: 'topic', path: '/roadmaps/backend/express', fullPage: true },
];

const e2e = useBrowserAndServer();

describe('screenshots', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      it(`renders the catalogue, the backend roadmap and a topic, ${colorScheme}, ${width} px`, async () => {
        const height = width === 390 ? 1400 : 1600;
        const { page, context, errors } = await openPage(e2e.browser, {
          viewport: { width, height },
          colorScheme,
        });
        for (const shot of PAGES) {
          await page.goto(`${e2e.server.baseUrl}${shot.path}`);
          await page.screenshot({
            path: path.join(OUT, `${shot.name}-${colorScheme}-${width}.png`),
            fullPage: shot.fullPage,
          });
        }
        if (width === 1280) {
          // Progress kept in the browser: three topics marked and a language picked.
          await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
          for (const id of ['rest-apis', 'auth', 'caching']) {
            await page
              .locator(`.cards__item[data-topic-id="${id}"]`)
              .getByRole('button', { name: /^Done/ })
              .click();
          }
          await page.getByRole('radio', { name: 'Python' }).check();
          await page.locator('#section-frameworks').scrollIntoViewIfNeeded();
          await page.waitForFunction(
            () => !document.querySelector('.cards__item[data-topic-id="express"]')?.checkVisibility(),
          );
          await page.screenshot({ path: path.join(OUT, `progress-${colorScheme}-${width}.png`) });
          await page.goto(`${e2e.server.baseUrl}/signin`);
          await page.screenshot({ path: path.join(OUT, `signin-${colorScheme}-${width}.png`) });
          await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
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
