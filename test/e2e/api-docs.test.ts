// The API reference in a real browser: Trailmap's name and icon in the top bar, a link home, no
// CSP violation, readable in light and dark at phone and desktop widths (docs/screenshots/).
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';

const e2e = useBrowserAndServer();

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [390, 1280]) {
    it(`shows the API reference as Trailmap’s, with a way home (${colorScheme}, ${width} px)`, async () => {
      const { page, context, errors } = await openPage(e2e.browser, {
        viewport: { width, height: 900 },
        colorScheme,
      });
      await page.goto(`${e2e.server.baseUrl}/api/docs`);
      await expect(page.title()).resolves.toBe('Trailmap API');
      const home = page.locator('.topbar a.trailmap-home');
      await home.waitFor();
      await expect(home.textContent()).resolves.toBe('Trailmap API');
      await expect(home.getAttribute('href')).resolves.toBe('/');
      await expect(page.locator('.topbar a.trailmap-home img').getAttribute('src')).resolves.toMatch(
        /^\/assets\/favicon-\w+\.svg$/,
      );
      // Only the JSON API: the accounts, progress and roadmaps groups, no page routes.
      await page.locator('.opblock-tag-section').first().waitFor();
      const tags = await page
        .locator('.opblock-tag[data-tag]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-tag')));
      expect(tags).toEqual(['roadmaps', 'accounts', 'progress', 'search', 'teams', 'authoring']);
      await expect(page.locator('.opblock-summary-path', { hasText: /^\/signin$/ }).count()).resolves.toBe(0);
      const dark = await page.evaluate(() => document.documentElement.classList.contains('dark-mode'));
      expect(dark).toBe(colorScheme === 'dark');
      await page.screenshot({
        path: path.join(repoRoot, `docs/screenshots/api-docs-${colorScheme}-${width}.png`),
      });
      await page.locator('.topbar a.trailmap-back').click();
      await page.waitForURL(`${e2e.server.baseUrl}/`);
      await context.close();
      expect(errors).toEqual([]);
    }, 120_000); // Swagger UI is a megabyte and a half of script: slow on a busy machine
  }
}
