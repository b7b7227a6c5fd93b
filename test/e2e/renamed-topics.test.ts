// A learner who marked topics in this browser before issue 18 renamed them (frontend "testing" is
// now "frontend-testing") still sees them marked, and keeps them when signing up.
import { describe, expect, it } from 'vitest';
import { openPage, useBrowserAndServer } from '../helpers/browser.ts';

const e2e = useBrowserAndServer();

describe('progress kept in the browser under a former topic id', () => {
  it('shows under the new id and moves into the account at sign-up', async () => {
    const { page } = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${e2e.server.baseUrl}/roadmaps/frontend`);
    await page.evaluate(() =>
      localStorage.setItem(
        'trailmap.progress.v1',
        JSON.stringify({
          frontend: {
            choices: {},
            choicesUpdatedAt: {},
            topics: { testing: { status: 'done', updatedAt: '2026-06-01T10:00:00.000Z' } },
          },
        }),
      ),
    );
    await page.reload();
    const card = page.locator('.cards__item[data-topic-id="frontend-testing"]');
    await expect.poll(() => card.getAttribute('data-status')).toBe('done');

    await page.goto(`${e2e.server.baseUrl}/signup?next=/roadmaps/frontend`);
    await page.getByLabel('Email').fill(`renamed-${Date.now()}@example.org`);
    await page.getByLabel('Password').fill('a long and unusual passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/roadmaps/frontend');
    await expect.poll(() => card.getAttribute('data-status')).toBe('done');
    expect(await page.evaluate(() => localStorage.getItem('trailmap.progress.v1'))).toBe('{}');
  });
});
