// What a new user hit on the catalogue and roadmap pages (issue 13), each checked as a person would
// check it in real Chromium: what wraps, what looks alike, what is marked, what a key does.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { activeElement, openPage, useBrowserAndServer } from '../helpers/browser.ts';
import {
  buttonLook,
  contentLines,
  gapBetween,
  textLines,
  visibleSeparators,
  visibleText,
} from '../helpers/layout.ts';

const e2e = useBrowserAndServer();
let close: (() => Promise<void>) | undefined;
let errors: string[] = [];

async function visit(path: string, options: Parameters<typeof openPage>[1] = {}): Promise<Page> {
  const opened = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 }, ...options });
  close = () => opened.context.close();
  errors = opened.errors;
  await opened.page.goto(`${e2e.server.baseUrl}${path}`);
  return opened.page;
}

afterEach(async () => {
  const seen = errors;
  await close?.();
  close = undefined;
  expect(seen, 'console errors or CSP violations').toEqual([]);
});

const card = (page: Page, topicId: string) => page.locator(`.cards__item[data-topic-id="${topicId}"]`);
const statusButton = (page: Page, topicId: string, name: 'Learning' | 'Done' | 'Skip') =>
  card(page, topicId).getByRole('button', { name: new RegExp(`^${name}`) });

async function mark(page: Page, topicId: string, name: 'Learning' | 'Done' | 'Skip') {
  await statusButton(page, topicId, name).click();
  await expect.poll(() => statusButton(page, topicId, name).getAttribute('aria-pressed')).toBe('true');
}

describe('the catalogue', () => {
  it('shows a roadmap card’s progress, "8% done", on one line', async () => {
    const page = await visit('/roadmaps/backend');
    await mark(page, 'rest-apis', 'Done');
    await page.goto(`${e2e.server.baseUrl}/`);
    const progress = page.locator('[data-roadmap-progress="backend"]');
    await expect.poll(() => progress.isVisible()).toBe(true);
    expect(await visibleText(progress)).toMatch(/^\s*8% done\s*$/);
    expect(await textLines(progress)).toBe(1);
  });
});

describe('the progress panel', () => {
  it('shows Export, Import and Reset progress as one button style', async () => {
    const page = await visit('/roadmaps/backend');
    const panel = page.locator('[data-progress-panel]');
    const exportLook = await buttonLook(panel.getByRole('button', { name: 'Export progress' }));
    const importLook = await buttonLook(panel.locator('label', { hasText: 'Import progress' }));
    const resetLook = await buttonLook(panel.getByRole('button', { name: 'Reset progress' }));
    expect(importLook).toEqual(exportLook);
    expect(resetLook).toEqual(exportLook);
    expect(exportLook['border-top-style']).toBe('solid');
  });
});

describe('a card’s status buttons', () => {
  it('keep a pressed "✓ Learning" on one line at 1280 px, and the row of cards even', async () => {
    const page = await visit('/roadmaps/backend');
    await mark(page, 'rest-apis', 'Learning');
    expect(await contentLines(statusButton(page, 'rest-apis', 'Learning'))).toBe(1);
    const bars = await page
      .locator('#section-core .cards__item .status')
      .evaluateAll((forms) => forms.map((f) => Math.round(f.getBoundingClientRect().height)));
    expect(new Set(bars).size).toBe(1);
  });
});

describe('on a 390 px screen', () => {
  const phone = { viewport: { width: 390, height: 844 } };

  it('keeps the breadcrumb on one line, on the roadmap and on a topic', async () => {
    const page = await visit('/roadmaps/backend', phone);
    expect(await textLines(page.locator('nav.breadcrumbs'))).toBe(1);
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/express`);
    expect(await textLines(page.locator('nav.breadcrumbs'))).toBe(1);
    expect(await page.locator('nav.breadcrumbs').getByRole('link').allInnerTexts()).toContain(
      'Backend Developer Roadmap 2026',
    );
  });

  it('never starts a line of facts with "·"', async () => {
    const page = await visit('/roadmaps/backend', phone);
    const header = page.locator('.roadmap-header__meta');
    expect(await textLines(header)).toBeGreaterThan(1); // it does wrap at this width
    expect(await visibleSeparators(header)).toMatchObject({ leading: 0, between: expect.any(Number) });
    expect((await visibleSeparators(header)).between).toBeGreaterThan(0);
    for (const line of await page.locator('.section__meta').all()) {
      await line.scrollIntoViewIfNeeded();
      expect((await visibleSeparators(line)).leading).toBe(0);
    }
    await page.goto(`${e2e.server.baseUrl}/`);
    for (const line of await page.locator('.roadmap-card__meta').all()) {
      await line.scrollIntoViewIfNeeded();
      expect((await visibleSeparators(line)).leading).toBe(0);
    }
  });

  it('keeps the Pick One legend’s title on one line', async () => {
    const page = await visit('/roadmaps/backend', phone);
    const legend = page.locator('#choice-language legend');
    expect(await visibleText(legend)).toMatch(/Pick One\s+Your programming language/i);
    expect(await textLines(legend, '.badge')).toBe(1);
  });
});

describe('spacing', () => {
  it('keeps the folded-away note clear of the next heading', async () => {
    const page = await visit('/roadmaps/backend');
    await page.getByRole('radio', { name: 'Python' }).check();
    const note = page.locator('[data-fold-note]');
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await gapBetween(note, page.locator('#h-languages'))).toBeGreaterThanOrEqual(24);
  });

  it('keeps "Save choice" clear of its radios without JavaScript', async () => {
    const page = await visit('/roadmaps/backend', { javaScriptEnabled: false });
    const form = page.locator('#choice-language');
    const gap = await gapBetween(
      form.locator('.choice__options'),
      form.getByRole('button', { name: 'Save choice' }),
    );
    expect(gap).toBeGreaterThanOrEqual(12);
  });
});

describe('printing a roadmap', () => {
  it('prints each topic as one line, "1." and its title, with no stray mark under it', async () => {
    const page = await visit('/roadmaps/backend');
    await page.emulateMedia({ media: 'print' });
    const numbers = await page
      .locator('.card__number')
      .evaluateAll((all) =>
        all.map((n) => n.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(n).lineHeight)),
      );
    expect(numbers).toHaveLength(43);
    for (const lines of numbers) expect(lines).toBeLessThan(1.5);
  });
});

describe('choices and sections', () => {
  it('marks the chosen language card as the learner’s choice', async () => {
    const page = await visit('/roadmaps/backend');
    await page.getByRole('radio', { name: 'Python' }).check();
    await expect.poll(() => card(page, 'python').getByText('Your choice').isVisible()).toBe(true);
    expect(await card(page, 'javascript').getByText('Your choice').isVisible()).toBe(false);
    await page.reload();
    await expect.poll(() => card(page, 'python').getByText('Your choice').isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'Not decided yet' }).check();
    await expect.poll(() => card(page, 'python').getByText('Your choice').isVisible()).toBe(false);
  });

  it('gives an all-optional section and Frameworks before a choice a progress line', async () => {
    const page = await visit('/roadmaps/backend');
    const advanced = page.locator('#section-advanced .section__progress');
    await expect.poll(() => visibleText(advanced)).toMatch(/0 of 5 optional topics done/);
    await mark(page, 'graphql', 'Done');
    await expect.poll(() => visibleText(advanced)).toMatch(/1 of 5 optional topics done/);

    const frameworks = page.locator('#section-frameworks .section__progress');
    expect(await visibleText(frameworks)).toMatch(/Pick a programming language first/);
    await frameworks.getByRole('link', { name: /programming language/ }).click();
    expect(new URL(page.url()).hash).toBe('#choice-language');
    await page.getByRole('radio', { name: 'Python' }).check();
    await expect.poll(() => visibleText(frameworks)).toMatch(/0 \/ 1 done · 0%/);
  });

  it('says "optional only" instead of "~0 h" for a section of optional topics', async () => {
    const page = await visit('/roadmaps/backend');
    expect(await visibleText(page.locator('#section-advanced .section__meta'))).toMatch(/optional only/i);
    expect(await visibleText(page.locator('main'))).not.toContain('~0 h');
  });
});

describe('the keyboard', () => {
  it('reaches each card’s status buttons as one Tab stop, with the arrow keys inside', async () => {
    const page = await visit('/roadmaps/backend');
    await page.locator('.cards a[data-topic="rest-apis"]').focus();
    await page.keyboard.press('Tab');
    const focusedLabel = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    expect(await focusedLabel()).toMatch(/^Learning: REST APIs/);
    await page.keyboard.press('ArrowRight');
    expect(await focusedLabel()).toMatch(/^Done: REST APIs/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusedLabel()).toMatch(/^Learning/); // wraps round
    await page.keyboard.press('ArrowLeft');
    expect(await focusedLabel()).toMatch(/^Skip/);
    await page.keyboard.press('Space');
    await expect
      .poll(() => statusButton(page, 'rest-apis', 'Skip').getAttribute('aria-pressed'))
      .toBe('true');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toMatchObject({ topic: 'auth' });
    // Coming back lands on the button used last.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedLabel()).toMatch(/^Skip: REST APIs/);
  });

  it('jumps between sections with links, without tabbing through every card', async () => {
    const page = await visit('/roadmaps/backend');
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('link', { name: /Databases & Data Storage/ }).focus();
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#section-databases');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#section-databases')))).toBe(
      true,
    );
    // Inside a section, its first stop skips to the next one.
    const skip = page
      .locator('#section-databases')
      .getByRole('link', { name: 'Skip to DevOps & Infrastructure' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to DevOps & Infrastructure',
    );
    await skip.press('Enter');
    expect(new URL(page.url()).hash).toBe('#section-devops');
  });

  it('moves through the languages with the arrow keys without folding topics, and applies on Space', async () => {
    const page = await visit('/roadmaps/backend');
    const folded = () => page.locator('.cards__item.is-folded').count();
    await page.getByRole('radio', { name: 'Not decided yet' }).focus();
    await page.keyboard.press('ArrowRight'); // wraps to JavaScript
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Python' }).isChecked()).toBe(true);
    const status = page.locator('#choice-language [role="status"]');
    await expect.poll(() => visibleText(status)).toMatch(/Python.*Space or Enter/);
    expect(await folded()).toBe(0);
    expect(await page.locator('[data-fold-note]').isVisible()).toBe(false);

    await page.keyboard.press('Space');
    await expect.poll(folded).toBeGreaterThan(0);
    await expect.poll(() => visibleText(status)).toMatch(/Python chosen/);
    // Still chosen after a reload: it was saved, not only shown.
    await page.reload();
    expect(await page.getByRole('radio', { name: 'Python' }).isChecked()).toBe(true);
  });

  it('applies a choice reached with the arrow keys when focus leaves the group', async () => {
    const page = await visit('/roadmaps/backend');
    await page.getByRole('radio', { name: 'Not decided yet' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('.cards__item.is-folded').count()).toBe(0);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('.cards__item.is-folded').count()).toBeGreaterThan(0);
    expect(await card(page, 'javascript').getByText('Your choice').isVisible()).toBe(true);
  });
});
