// Private notes in Chromium: they follow the learner's other devices live, a save never overwrites
// a newer note unasked (both texts are offered), an over-long note is refused with the limit, and
// without JavaScript the form says "Saved".
import { describe, expect, it } from 'vitest';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner } from '../helpers/db.ts';

const e2e = useBrowserAndServer();
const LABEL = 'Only you see these. Markdown works.';

async function twoDevices() {
  const { email } = await seedLearner(e2e.server.app.database);
  const devices = [];
  for (let i = 0; i < 2; i++) {
    const opened = await openPage(e2e.browser, { viewport: { width: 1280, height: 900 } });
    opened.page.setDefaultTimeout(5000);
    await signInWithForm(opened.page, e2e.server.baseUrl, email);
    const events = opened.page.waitForResponse((r) => r.url().endsWith('/api/v1/me/events'));
    await opened.page.goto(`${e2e.server.baseUrl}/roadmaps/backend/sql`);
    await events;
    devices.push(opened);
  }
  return devices as [(typeof devices)[0], (typeof devices)[0]];
}

describe('notes', () => {
  it('show up in the open editor of another device, and Markdown in its preview', async () => {
    const [laptop, phone] = await twoDevices();
    await laptop.page.getByLabel(LABEL).fill('Index the **foreign keys**.');
    await expect.poll(() => laptop.page.locator('[data-note-status]').textContent()).toBe('Saved');
    await expect.poll(() => phone.page.getByLabel(LABEL).inputValue()).toBe('Index the **foreign keys**.');
    expect(await phone.page.locator('[data-note-preview] strong').textContent()).toBe('foreign keys');
    for (const device of [laptop, phone]) {
      await device.context.close();
      expect(device.errors).toEqual([]);
    }
  });

  it('offer both texts when another device saved while this one was typing, and keep the one chosen', async () => {
    const [laptop, phone] = await twoDevices();
    await phone.page.evaluate(async () => {
      const input = document.querySelector<HTMLTextAreaElement>('[data-note-form] textarea');
      if (!input) throw new Error('no editor');
      input.value = 'typed on the phone';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Before the phone's save goes out, the laptop's arrives (as another device's would).
      await fetch('/api/v1/me/notes/backend/sql', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ markdown: 'typed on the laptop' }),
      });
    });
    const question = phone.page.locator('[data-feedback="question"]');
    await expect.poll(() => question.count()).toBe(1);
    expect(await question.locator('.notes__theirs').textContent()).toBe('typed on the laptop');
    expect(await phone.page.getByLabel(LABEL).inputValue()).toBe('typed on the phone');
    await question.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => phone.page.locator('[data-note-status]').textContent()).toBe('Saved');
    await expect.poll(() => laptop.page.getByLabel(LABEL).inputValue()).toBe('typed on the phone');
    for (const device of [laptop, phone]) await device.context.close();
  });

  it('refuse an over-long note with the limit, signed out too, and keep the saved one', async () => {
    const { page, context } = await openPage(e2e.browser);
    page.setDefaultTimeout(5000);
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/sql`);
    await page.getByLabel(LABEL).fill('short');
    await expect.poll(() => page.locator('[data-note-status]').textContent()).toBe('Saved in this browser');
    await page.getByLabel(LABEL).fill('x'.repeat(20_001));
    await expect
      .poll(() => page.locator('[data-note-status]').textContent())
      .toBe('Not saved: a note can hold at most 20,000 characters; this one has 20,001.');
    expect((await page.getByLabel(LABEL).inputValue()).length).toBe(20_001);
    await page.reload();
    await expect.poll(() => page.getByLabel(LABEL).inputValue()).toBe('short');
    await context.close();
  });

  it('say "Saved" after a save through the form, without JavaScript', async () => {
    const { email } = await seedLearner(e2e.server.app.database);
    const { page, context } = await openPage(e2e.browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(5000);
    await signInWithForm(page, e2e.server.baseUrl, email);
    await page.goto(`${e2e.server.baseUrl}/roadmaps/backend/sql`);
    expect(await page.locator('[data-note-status]').textContent()).toBe('');
    await page.getByLabel(LABEL).fill('Normal forms, then indexes.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.waitForURL(/note=saved/);
    expect(await page.locator('[data-note-status]').textContent()).toBe('Saved');
    expect(await page.getByLabel(LABEL).inputValue()).toBe('Normal forms, then indexes.');
    await context.close();
  });
});
