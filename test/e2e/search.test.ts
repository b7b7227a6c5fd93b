// Search in Chromium: the dialog by keyboard (Ctrl+K and "/"), results highlighted and grouped by
// roadmap, a topic opening in the drawer, the results page without JavaScript, "My notes" for their
// owner only, axe with the dialog open, and screenshots of both (docs/screenshots/).
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/app.ts';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const e2e = useBrowserAndServer();
const SHOTS = path.join(repoRoot, 'docs/screenshots');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

describe('the search dialog', () => {
  it('opens with Ctrl+K, shows highlighted results grouped by roadmap, moves with the arrows, opens a topic in the drawer, and Esc gives focus back', async () => {
    const { page, context, errors } = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    const scriptsBefore = await page.evaluate(() => performance.getEntriesByType('resource').length);
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    const box = dialog.getByRole('combobox');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    // The dialog's code came only now.
    expect(
      await page.evaluate(() =>
        performance.getEntriesByType('resource').some((r) => /search-palette/.test(r.name)),
      ),
    ).toBe(true);
    expect(scriptsBefore).toBeGreaterThan(0);

    await box.pressSequentially('kubernets');
    const options = dialog.getByRole('option');
    await options.first().waitFor();
    await expect.poll(() => options.first().textContent()).toMatch(/Kubernetes/);
    expect(await dialog.locator('mark').first().textContent()).toMatch(/kubernetes/i);
    expect(await dialog.getByRole('group').count()).toBeGreaterThan(1); // grouped by roadmap
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    const firstId = await options.first().getAttribute('id');
    expect(await box.getAttribute('aria-activedescendant')).toBe(firstId);
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');

    // "/" opens it too; a topic of this roadmap opens in the drawer.
    await page.locator('.cards a[data-topic="sql"]').focus();
    await page.keyboard.press('/');
    await dialog.waitFor();
    await box.fill('docker');
    await expect.poll(() => dialog.locator('[role="option"][data-topic="docker"]').count()).toBe(1);
    while (
      (await box.getAttribute('aria-activedescendant')) !==
      (await dialog.locator('[data-topic="docker"]').getAttribute('id'))
    )
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('dialog#topic-drawer[open] h1').waitFor();
    await page.waitForURL('**/roadmaps/backend/docker');
    expect(await dialog.isVisible()).toBe(false);
    await context.close();
    expect(errors).toEqual([]);
  });

  it('opens from the header field with what was typed, and Esc gives focus back to the field', async () => {
    const { page, context, errors } = await openPage(e2e.browser, { viewport: { width: 390, height: 800 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${e2e.server.baseUrl}/`);
    await page.getByRole('searchbox', { name: 'Search' }).click();
    const box = page.getByRole('dialog', { name: 'Search' }).getByRole('combobox');
    await box.waitFor();
    await page.keyboard.type('dock');
    await expect.poll(() => page.getByRole('option').first().textContent()).toMatch(/Docker/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('site-search-q');
    await context.close();
    expect(errors).toEqual([]);
  });

  it('has no axe violations with the dialog open, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await openPage(e2e.browser, { colorScheme });
      await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox').fill('caching');
      await page.getByRole('option').first().waitFor();
      const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(
        result.violations.map((v) => `${colorScheme}: ${v.id} ${v.nodes[0]?.target.join(' ')} — ${v.help}`),
      ).toEqual([]);
      await page.goto(`${e2e.server.baseUrl}/search?q=caching`);
      const page2 = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(page2.violations.map((v) => `${colorScheme} page: ${v.id} — ${v.help}`)).toEqual([]);
      await context.close();
    }
  }, 120_000);
});

describe('the results page', () => {
  it('works without JavaScript: the header field submits, results are highlighted, narrowed by roadmap, in pages', async () => {
    const { page, context } = await openPage(e2e.browser, { javaScriptEnabled: false });
    await page.goto(`${e2e.server.baseUrl}/`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('api');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=api');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toMatch(
      /^\d+ results for “api”$/,
    );
    expect(await page.locator('.search-result mark').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL('**/search?q=api&page=2');
    expect(await page.getByText(/Page 2 of \d+/).count()).toBe(1);

    await page.getByLabel('Roadmap', { exact: true }).selectOption('devops');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/search?q=api&roadmap=devops');
    const metas = await page.locator('.search-result__meta').allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) expect(meta).toMatch(/^(Roadmap|.*DevOps Engineer Roadmap 2026)/);
    await context.close();
  });
});

describe('my notes', () => {
  it('are found by their owner only, with the topic they belong to', async () => {
    const ada = await seedLearner(e2e.server.app.database);
    const bob = await seedLearner(e2e.server.app.database);
    const devices = [];
    for (const [who, text] of [
      [ada, 'Ada keeps a quokka checklist here'],
      [bob, 'Bob writes quokka too'],
    ] as const) {
      const { page, context } = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(10_000);
      await signInWithForm(page, e2e.server.baseUrl, who.email);
      const topic = who === ada ? 'docker' : 'sql';
      const saved = await page.request.put(`${e2e.server.baseUrl}/api/v1/me/notes/backend/${topic}`, {
        data: { markdown: text },
        headers: { origin: e2e.server.baseUrl },
      });
      expect(saved.status()).toBe(200);
      devices.push({ page, context, topic });
    }
    for (const { page, topic } of devices) {
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox').fill('quokka');
      const notes = page.locator('.palette__option--note');
      await expect.poll(() => notes.count()).toBe(1);
      expect(await notes.getAttribute('href')).toBe(`/roadmaps/backend/${topic}#note-${topic}`);
      expect(await notes.locator('mark').textContent()).toBe('quokka');
    }
    const ada1 = devices[0];
    await ada1?.page.keyboard.press('Enter');
    await ada1?.page.waitForURL('**/roadmaps/backend/docker#note-docker');
    for (const { context } of devices) await context.close();

    const { page, context } = await openPage(e2e.browser);
    await page.goto(`${e2e.server.baseUrl}/search?q=quokka`);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('Nothing found for “quokka”');
    await context.close();
  });
});

describe('screenshots', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      it(`shows the dialog and the results page, ${colorScheme}, ${width} px`, async () => {
        const { page, context, errors } = await openPage(e2e.browser, {
          viewport: { width, height: width === 390 ? 844 : 900 },
          colorScheme,
        });
        await page.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
        await page.keyboard.press('Control+k');
        await page.getByRole('combobox').fill('cach');
        await page.getByRole('option').first().waitFor();
        await page.screenshot({
          path: path.join(SHOTS, `search-dialog-${colorScheme}-${width}.png`),
          animations: 'disabled',
        });
        await page.goto(`${e2e.server.baseUrl}/search?q=postgress`);
        await page.screenshot({ path: path.join(SHOTS, `search-page-${colorScheme}-${width}.png`) });
        await context.close();
        expect(errors).toEqual([]);
      });
    }
  }
});
