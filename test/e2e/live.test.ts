// Live sync in Chromium: a change in one tab appears in another within a second, signed in (through
// Server-Sent Events; on the list and on the map) and signed out (through the browser's storage events).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, signInWithForm, useBrowserAndServer } from '../helpers/browser.ts';
import { seedLearner, TEST_PASSWORD } from '../helpers/db.ts';

const e2e = useBrowserAndServer();

const status = (page: Page, id: string) =>
  page.locator(`.cards__item[data-topic-id="${id}"]`).getAttribute('data-status');
const within = { timeout: 1000, interval: 50 };

describe('live sync between tabs', () => {
  it('shows a status, a choice and the figures from one signed-in tab in another within a second', async () => {
    const { email } = await seedLearner(e2e.server.app.database);
    const { page: first, context, errors } = await openPage(e2e.browser);
    await signInWithForm(first, e2e.server.baseUrl, email);
    const second = await context.newPage();
    await second.goto(`${e2e.server.baseUrl}/roadmaps/backend`);
    await second.waitForResponse((r) => r.url().endsWith('/api/v1/me/events'));

    await first.locator('.cards__item[data-topic-id="sql"]').getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => status(second, 'sql'), within).toBe('done');
    await first.getByRole('radio', { name: 'Java', exact: true }).check();
    await expect
      .poll(() => second.getByRole('radio', { name: 'Java', exact: true }).isChecked(), within)
      .toBe(true);
    expect(await second.locator('.cards__item[data-topic-id="express"]').isVisible()).toBe(false);
    expect(await second.locator('[data-progress-panel] [data-figure="percent"]').textContent()).toBe('7');
    await context.close();
    expect(errors).toEqual([]);
  });

  it('moves a signed-in map on another device: node status by icon and words, folding and figures', async () => {
    const { email } = await seedLearner(e2e.server.app.database);
    const phone = await openPage(e2e.browser, { viewport: { width: 390, height: 844 } });
    const laptop = await openPage(e2e.browser);
    await signInWithForm(phone.page, e2e.server.baseUrl, email);
    await signInWithForm(laptop.page, e2e.server.baseUrl, email);
    const map = phone.page;
    await map.goto(`${e2e.server.baseUrl}/roadmaps/backend/map`);
    await map.waitForResponse((r) => r.url().endsWith('/api/v1/me/events'));
    const node = (id: string) => map.locator(`svg[data-roadmap-map]:visible a[data-topic="${id}"]`);
    expect(await node('sql').getAttribute('data-status')).toBe('pending');

    await laptop.page
      .locator('.cards__item[data-topic-id="sql"]')
      .getByRole('button', { name: /^Done/ })
      .click();
    await expect.poll(() => node('sql').getAttribute('data-status'), within).toBe('done');
    expect(await node('sql').locator('[data-status-label]').textContent()).toBe('Done');
    expect(await node('sql').locator('.map-icon--done').isVisible()).toBe(true);
    expect(await node('sql').locator('.map-icon--pending').isVisible()).toBe(false);
    expect(await map.locator('[data-progress-panel] [data-figure="finished"]').textContent()).toBe('1');

    await laptop.page.getByRole('radio', { name: 'Python', exact: true }).check();
    await expect.poll(() => node('express').getAttribute('class'), within).toMatch(/is-folded/);
    expect(await node('django').getAttribute('class')).not.toMatch(/is-folded/);
    expect(await map.locator('[data-progress-panel] [data-figure="path"]').textContent()).toBe('14');
    await phone.context.close();
    await laptop.context.close();
    expect([...phone.errors, ...laptop.errors]).toEqual([]);
  });

  it('keeps signed-out tabs in step through the browser alone', async () => {
    const { page: first, context, errors } = await openPage(e2e.browser);
    await first.goto(`${e2e.server.baseUrl}/roadmaps/devops`);
    const second = await context.newPage();
    await second.goto(`${e2e.server.baseUrl}/roadmaps/devops`);
    await first
      .locator('.cards__item[data-topic-id="linux"]')
      .getByRole('button', { name: /^Learning/ })
      .click();
    await expect.poll(() => status(second, 'linux'), within).toBe('learning');
    await context.close();
    expect(errors).toEqual([]);
  });
});

describe('the event stream', () => {
  it('sends progress and choice events with ids, and resumes from Last-Event-ID', async () => {
    const { email } = await seedLearner(e2e.server.app.database);
    const signin = await fetch(`${e2e.server.baseUrl}/api/v1/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const before = Date.now() - 1;
    const put = (url: string, body: object) =>
      fetch(`${e2e.server.baseUrl}${url}`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await put('/api/v1/me/progress/backend/topics/docker', { status: 'learning' });
    await put('/api/v1/me/progress/backend/choices/language', { option: 'go' });

    // A client that was away since `before` reconnects and catches up on both changes.
    const controller = new AbortController();
    const stream = await fetch(`${e2e.server.baseUrl}/api/v1/me/events`, {
      headers: { cookie, 'last-event-id': String(before) },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!(text.includes('event: progress') && text.includes('event: choice'))) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toMatch(
      /id: \d+\nevent: progress\ndata: \{"slug":"backend","topicId":"docker","status":"learning","updatedAt":"[^"]+"\}/,
    );
    expect(text).toMatch(
      /id: \d+\nevent: choice\ndata: \{"slug":"backend","group":"language","option":"go","updatedAt":"[^"]+"\}/,
    );
  });

  it('never carries one learner’s changes to another learner’s stream', async () => {
    const cookieOf = async () => {
      const { email } = await seedLearner(e2e.server.app.database);
      const res = await fetch(`${e2e.server.baseUrl}/api/v1/auth/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
      return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    };
    const [a, b] = [await cookieOf(), await cookieOf()];
    const controller = new AbortController();
    const stream = await fetch(`${e2e.server.baseUrl}/api/v1/me/events`, {
      headers: { cookie: b },
      signal: controller.signal,
    });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    await fetch(`${e2e.server.baseUrl}/api/v1/me/progress/backend/topics/sql`, {
      method: 'PUT',
      headers: { cookie: a, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'done' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort();
    await reading;
    expect(text).not.toContain('event:');
  });

  it('answers 401 when signed out', async () => {
    const res = await fetch(`${e2e.server.baseUrl}/api/v1/me/events`);
    expect(res.status).toBe(401);
  });
});
