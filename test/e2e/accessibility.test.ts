// axe-core on every kind of page, light and dark, with the drawer open and closed, signed out and
// signed in: no violation of the WCAG 2.2 A and AA rules.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGES = [
  '/',
  '/roadmaps/backend',
  '/roadmaps/frontend',
  '/roadmaps/devops',
  '/roadmaps/backend/express',
  '/roadmaps/backend/map',
  '/roadmaps/cyber-security/map',
  '/signin',
  '/signup',
  '/no-such-page',
];

const e2e = useBrowserAndServer();

async function violations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')} — ${v.help}`,
  );
}

it('would catch a violation: a control page with an unlabelled image and low contrast fails', async () => {
  const { page, context } = await openPage(e2e.browser);
  await page.route(`${e2e.server.baseUrl}/__control`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>x</title><main><img src="/x.png"><p class="low">faint</p></main>',
    }),
  );
  await page.goto(`${e2e.server.baseUrl}/__control`);
  await page.addStyleTag({ content: '.low { color: #eee; background: #fff; }' });
  const found = await violations(page, 'control');
  await context.close();
  expect(found.join('\n')).toMatch(/image-alt/);
  expect(found.join('\n')).toMatch(/color-contrast/);
});

describe.each(['light', 'dark'] as const)('accessibility in %s mode', (colorScheme) => {
  it('has no WCAG 2.2 A/AA violations on any page, signed out', async () => {
    const { page, context } = await openPage(e2e.browser, { colorScheme });
    const found: string[] = [];
    for (const path of PAGES) {
      await page.goto(`${e2e.server.baseUrl}${path}`);
      found.push(...(await violations(page, path)));
    }
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    await page.locator('.cards a[data-topic="django"]').click();
    await page.waitForURL('**/roadmaps/backend/django');
    // Check the drawer as it rests, not halfway through its opening animation (colours mid-fade).
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    found.push(...(await violations(page, 'drawer open')));
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/map`);
    await page.locator('svg[data-roadmap-map]:visible a[data-topic="sql"]').click();
    await page.waitForURL('**/roadmaps/backend/sql');
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    found.push(...(await violations(page, 'map, drawer open')));
    await context.close();
    expect(found).toEqual([]);
  }, 240_000);

  it('has no WCAG 2.2 A/AA violations for a signed-in learner', async () => {
    const { page, context } = await openPage(e2e.browser, { colorScheme });
    const { email } = await seedLearner(e2e.server.app.database);
    await signInWithForm(page, e2e.server.baseUrl, email);
    await page.locator('.cards__item[data-topic-id="sql"]').getByRole('button', { name: /^Done/ }).click();
    await page.getByRole('radio', { name: 'Python' }).check();
    const found = await violations(page, 'roadmap signed in');
    for (const path of ['/', '/account', '/roadmaps/backend/sql', '/roadmaps/backend/map']) {
      await page.goto(`${e2e.server.baseUrl}${path}`);
      found.push(...(await violations(page, path)));
    }
    await context.close();
    expect(found).toEqual([]);
  }, 240_000);
});
