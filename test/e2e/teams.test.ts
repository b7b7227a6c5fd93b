// Teams in Chromium: an owner makes a team and an invitation, a learner joins in a second browser,
// the owner assigns a roadmap with a due date, the member sees it, and the owner's open dashboard
// moves when the member marks a topic. Takes the screenshots of the join page and the dashboard.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const OUT = path.join(repoRoot, 'docs/screenshots');
const e2e = useBrowserAndServer();

/** The JSON API from inside the page, as the page's own scripts would call it (same origin, cookie). */
const api = (page: Page, method: string, url: string, body?: object) =>
  page.evaluate(
    async ([m, u, b]) => {
      const res = await fetch(u as string, {
        method: m as string,
        headers: b ? { 'content-type': 'application/json' } : {},
        body: b ? JSON.stringify(b) : null,
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    [method, url, body] as const,
  );

async function shoot(page: Page, name: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: width === 390 ? 1200 : 900 });
      await page.screenshot({ path: path.join(OUT, `${name}-${colorScheme}-${width}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('teams in the browser', () => {
  it('invites, joins in a second browser, assigns with a due date, and the dashboard moves live', async () => {
    const base = e2e.server.baseUrl;
    const owner = await seedLearner(e2e.server.app.database, 'coach.e2e@example.org');
    const member = await seedLearner(e2e.server.app.database, 'ada.e2e@example.org');
    const coachSide = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    const memberSide = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await signInWithForm(coachSide.page, base, owner.email);
      expect(
        (await api(coachSide.page, 'POST', '/api/v1/teams', { name: 'Java Bootcamp', slug: 'java-bootcamp' }))
          .status,
      ).toBe(201);
      const invite = await api(coachSide.page, 'POST', '/api/v1/teams/java-bootcamp/invites', {
        role: 'member',
        expiresInDays: 7,
        maxUses: 30,
      });
      expect(invite.status).toBe(201);

      await signInWithForm(memberSide.page, base, member.email);
      await memberSide.page.goto(invite.body.url.replace(/^https?:\/\/[^/]+/, base));
      await expect
        .poll(() => memberSide.page.getByRole('heading', { name: 'Join “Java Bootcamp”' }).isVisible())
        .toBe(true);
      expect(await memberSide.page.locator('#what-coaches-see').textContent()).toContain(
        'Your private notes, which stay yours alone.',
      );
      await shoot(memberSide.page, 'join');
      await memberSide.page.getByRole('button', { name: 'Join Java Bootcamp' }).click();
      await memberSide.page.waitForURL(`${base}/me`);

      expect(
        (
          await api(coachSide.page, 'PUT', '/api/v1/teams/java-bootcamp/assignments/backend', {
            dueDate: '2030-06-30',
            choices: { language: 'java' },
          })
        ).status,
      ).toBe(200);
      await memberSide.page.goto(`${base}/`);
      expect(await memberSide.page.locator('[data-roadmap="backend"] [data-assigned]').textContent()).toBe(
        'Assigned by Java Bootcamp · due 2030-06-30',
      );
      await memberSide.page.goto(`${base}/roadmaps/backend`);
      expect(await memberSide.page.locator('.assigned-note').textContent()).toContain(
        'Programming language: Java',
      );
      expect(await memberSide.page.getByRole('radio', { name: 'Java', exact: true }).isChecked()).toBe(true);

      await coachSide.page.goto(`${base}/teams/java-bootcamp`);
      const row = coachSide.page.locator('tbody tr', { hasText: member.email });
      expect(await row.locator('.team-table__percent').textContent()).toBe('0%');
      await coachSide.page.waitForTimeout(300);
      for (const id of ['rest-apis', 'auth', 'caching'])
        await memberSide.page
          .locator(`.cards__item[data-topic-id="${id}"]`)
          .getByRole('button', { name: /^Done/ })
          .click();
      // The coach's page was not reloaded: the live stream brought the new figure.
      await expect
        .poll(
          () =>
            coachSide.page
              .locator('tbody tr', { hasText: member.email })
              .locator('.team-table__percent')
              .textContent(),
          {
            timeout: 15_000,
          },
        )
        .not.toBe('0%');
      await shoot(coachSide.page, 'team-dashboard');
      expect(coachSide.errors).toEqual([]);
      expect(memberSide.errors).toEqual([]);
    } finally {
      await coachSide.context.close();
      await memberSide.context.close();
    }
  }, 120_000);
});
