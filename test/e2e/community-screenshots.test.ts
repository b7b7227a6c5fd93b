// The catalogue's Community section and a custom roadmap's page in Chromium, with screenshots under
// docs/screenshots/: a public custom roadmap is listed apart with its author, and credits its fork.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';
import { validDocument } from '../helpers/custom-roadmaps.ts';
import { seedLearner } from '../helpers/db.ts';
import { signInAs } from '../helpers/learners.ts';

const OUT = path.join(repoRoot, 'docs/screenshots');
const e2e = useBrowserAndServer();

beforeAll(async () => {
  const { app } = e2e.server;
  const author = await signInAs(app, (await seedLearner(app.database, 'rosa.gardener@example.org')).email);
  const send = (method: 'POST' | 'PUT', url: string, payload: object = {}) =>
    app.inject({ method, url, payload, headers: { cookie: author.cookie } });
  const document = { ...validDocument('Gardening for Coders: a Long Title That Has to Wrap on a Phone') };
  expect((await send('POST', '/api/v1/roadmaps', { slug: 'gardening', ...document })).statusCode).toBe(201);
  expect(
    (await send('POST', '/api/v1/roadmaps/backend/fork', { slug: 'backend-for-my-course' })).statusCode,
  ).toBe(201);
  for (const slug of ['gardening', 'backend-for-my-course']) {
    expect((await send('POST', `/api/v1/roadmaps/${slug}/publish`)).statusCode).toBe(200);
    await send('PUT', `/api/v1/roadmaps/${slug}/visibility`, { visibility: 'public' });
  }
});

describe('community roadmaps', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      it(`lists them under Community with their author and credits a fork, ${colorScheme}, ${width} px`, async () => {
        const { page, context, errors } = await openPage(e2e.browser, {
          viewport: { width, height: width === 390 ? 1400 : 1000 },
          colorScheme,
        });
        await page.goto(`${e2e.server.baseUrl}/`);
        const community = page.getByRole('region', { name: 'Community' });
        await expect.poll(() => community.locator('a.roadmap-card').count()).toBe(2);
        expect(await community.locator('.roadmap-card__author').first().textContent()).toBe(
          'by rosa.gardener',
        );
        await community.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(OUT, `community-${colorScheme}-${width}.png`) });
        await page.goto(`${e2e.server.baseUrl}/roadmaps/backend-for-my-course`);
        const credit = page.locator('.roadmap-header__credit');
        expect(await credit.textContent()).toBe(
          'A community roadmap by rosa.gardener, forked from Backend Developer Roadmap 2026',
        );
        await page.screenshot({ path: path.join(OUT, `community-roadmap-${colorScheme}-${width}.png`) });
        await context.close();
        expect(errors).toEqual([]);
      });
    }
  }
});
