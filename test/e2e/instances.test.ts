// Two instances on different ports sharing one PostgreSQL and nothing else: a learner signed in
// through A stays signed in through B, a browser on B sees a change written through A within a
// second, a stream on B ends when its session is signed out through A, and stopping A loses
// nothing. Runs when TEST_DATABASE_URL names a PostgreSQL (CI does).
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { openDatabase } from '../../src/db/database.ts';
import { buildTestApp } from '../helpers/app.ts';
import { launchBrowser, openPage, signInWithForm } from '../helpers/browser.ts';
import { openTestDatabase, seedLearner, TEST_PASSWORD } from '../helpers/db.ts';
import { endsWithin, openEventStream } from '../helpers/event-stream.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('two instances on one PostgreSQL', () => {
  let browser: Browser;
  let a: App;
  let b: App;
  let baseA: string;
  let baseB: string;
  let closeSchema: () => Promise<void>;

  beforeAll(async () => {
    const first = await openTestDatabase('postgres');
    closeSchema = first.close;
    // Instance B has its own pool and its own LISTEN connection on the same schema.
    const second = await openDatabase({ databaseUrl: url, schema: first.schema });
    a = await buildTestApp({ database: first });
    b = await buildTestApp({ database: second });
    b.addHook('onClose', () => second.close());
    for (const app of [a, b]) await app.listen({ port: 0, host: '127.0.0.1' });
    baseA = `http://127.0.0.1:${(a.server.address() as AddressInfo).port}`;
    baseB = `http://127.0.0.1:${(b.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await b?.close();
    await a?.close().catch(() => {});
    await closeSchema?.();
  });

  it('ends a stream on B within two seconds when its session signs out through A', async () => {
    const { email } = await seedLearner(a.database);
    const signin = await fetch(`${baseA}/api/v1/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const answer = await openEventStream(baseB, cookie);
    if (!('stream' in answer)) throw new Error(`no stream on B: ${answer.status}`);
    const out = await fetch(`${baseA}/api/v1/auth/signout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(await endsWithin(answer.stream, 2000)).toBe(true);
    expect(await answer.stream.ended).toContain('event: signed-out\n');
  });

  it('shares sessions, fans changes out across instances and loses nothing when one stops', async () => {
    const { email } = await seedLearner(a.database);
    const { page, context, errors } = await openPage(browser);
    // Sign in through A; the cookie (host-wide, whatever the port) is honoured by B.
    await signInWithForm(page, baseA, email);
    const meOnB = await context.request.get(`${baseB}/api/v1/me`);
    expect(await meOnB.json()).toMatchObject({ email });

    // The browser watches B; the write goes through A.
    await page.goto(`${baseB}/roadmaps/backend`);
    await page.waitForResponse((r) => r.url().endsWith('/api/v1/me/events'));
    const written = await context.request.put(`${baseA}/api/v1/me/progress/backend/topics/monitoring`, {
      data: { status: 'done' },
    });
    expect(written.status()).toBe(200);
    const card = page.locator('.cards__item[data-topic-id="monitoring"]');
    await expect.poll(() => card.getAttribute('data-status'), { timeout: 1000, interval: 50 }).toBe('done');

    // Stop A: B still has the session and every acknowledged write.
    await a.close();
    const onB = await context.request.get(`${baseB}/api/v1/me/progress/backend`);
    expect((await onB.json()).topics.monitoring.status).toBe('done');
    const more = await context.request.put(`${baseB}/api/v1/me/progress/backend/topics/scaling`, {
      data: { status: 'learning' },
    });
    expect(more.status()).toBe(200);
    await expect
      .poll(() => page.locator('.cards__item[data-topic-id="scaling"]').getAttribute('data-status'), {
        timeout: 1000,
      })
      .toBe('learning');
    await context.close();
    expect(errors).toEqual([]);
  });
});
