// Takes the map's screenshots under docs/screenshots/: a signed-in learner with progress and a
// chosen language, at 1280 and 390 px, light and dark.
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const OUT = path.join(repoRoot, 'docs/screenshots');
const e2e = useBrowserAndServer();

it.each([
  ['light', 1280],
  ['dark', 1280],
  ['light', 390],
  ['dark', 390],
] as const)(
  'shows the backend map with progress, %s, %d px',
  async (colorScheme, width) => {
    const { page, context, errors } = await openPage(e2e.browser, {
      viewport: { width, height: width === 390 ? 844 : 1000 },
      colorScheme,
    });
    const { email } = await seedLearner(e2e.server.app.database);
    await signInWithForm(page, e2e.server.baseUrl, email);
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/map`);
    await page.getByRole('radio', { name: 'Python' }).check();
    const node = (id: string) => page.locator(`svg[data-roadmap-map]:visible a[data-topic="${id}"]`);
    for (const [id, status] of [
      ['python', 'Done'],
      ['rest-apis', 'Done'],
      ['auth', 'Learning'],
      ['django', 'Learning'],
    ] as const) {
      await node(id).click();
      await page
        .locator('dialog#topic-drawer')
        .getByRole('button', { name: new RegExp(`^${status}`) })
        .click();
      await expect.poll(() => node(id).getAttribute('data-status')).toBe(status.toLowerCase());
      await page.keyboard.press('Escape');
      await page.waitForURL('**/roadmaps/backend/map');
    }
    await expect.poll(() => node('express').getAttribute('class')).toMatch(/is-folded/);
    await page.locator('[data-map]').scrollIntoViewIfNeeded();
    // The drawer gave focus back to the last node; the picture shows the map, not that focus ring.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector('.map')?.scrollIntoView();
    });
    await page.screenshot({
      path: path.join(OUT, `map-${colorScheme}-${width}.png`),
      animations: 'disabled',
    });
    await context.close();
    expect(errors).toEqual([]);
  },
  120_000,
);
