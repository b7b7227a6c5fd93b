// Sessions, progress and signed-in pages are cached per instance. These tests run two app
// instances on one database (on PostgreSQL each with its own pool and LISTEN connection) and check
// that what one instance changes, the other never serves stale for long: progress, sign-out,
// password change, and a LISTEN connection that drops.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { buildTestApp } from './helpers/app.ts';
import { DATABASE_KINDS, openTestDatabase, seedLearner, TEST_PASSWORD } from './helpers/db.ts';
import { signInAs } from './helpers/learners.ts';

/** Cookies as a browser keeps them: the session and the CSRF secret the first page sets. */
class Jar {
  private readonly cookies = new Map<string, string>();
  constructor(cookie: string) {
    this.take(cookie);
  }
  take(setCookie: string | string[] | undefined) {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair as string).split('=');
      this.cookies.set(name as string, value.join('='));
    }
  }
  get header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function page(app: App, jar: Jar, url = '/roadmaps/backend') {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: jar.header } });
  jar.take(res.headers['set-cookie']);
  return res;
}

const cardStatus = (html: string, topicId: string) =>
  html.match(new RegExp(`id="topic-${topicId}"[^>]*data-status="(\\w+)"`))?.[1];

async function eventually(check: () => Promise<boolean>, timeoutMs = 2000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

describe.each(DATABASE_KINDS)('two instances on one %s database', (kind) => {
  let databaseA: DatabaseHandle & { schema?: string };
  let databaseB: DatabaseHandle;
  let a: App;
  let b: App;

  beforeAll(async () => {
    databaseA = await openTestDatabase(kind);
    // PGlite has one process: both instances share its handle. PostgreSQL: a pool and LISTEN each.
    databaseB =
      kind === 'pglite'
        ? databaseA
        : await openDatabase({
            databaseUrl: process.env.TEST_DATABASE_URL as string,
            schema: databaseA.schema as string,
          });
    a = await buildTestApp({ database: databaseA });
    b = await buildTestApp({ database: databaseB });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (databaseB !== databaseA) await databaseB?.close();
    await databaseA?.close();
  });

  it('serves a cached page until the progress changes, here or on the other instance', async () => {
    const learner = await seedLearner(databaseA);
    const session = await signInAs(a, learner.email);
    const onA = new Jar(session.cookie);
    const onB = new Jar(session.cookie);
    // The first page sets the CSRF secret cookie; pages are kept per session and secret.
    await page(a, onA);
    await page(b, onB);
    const first = await page(b, onB);
    expect(cardStatus(first.body, 'sql')).toBe('pending');
    // The same session gets the very same page again (its form tokens still match its secret).
    expect((await page(b, onB)).body === first.body).toBe(true);

    const put = await a.inject({
      method: 'PUT',
      url: '/api/v1/me/progress/backend/topics/sql',
      headers: { cookie: onA.header, 'content-type': 'application/json' },
      payload: { status: 'done' },
    });
    expect(put.statusCode).toBe(200);
    // The writing instance updated its own cache before answering.
    expect(cardStatus((await page(a, onA)).body, 'sql')).toBe('done');
    // The other one hears of it through NOTIFY.
    expect(await eventually(async () => cardStatus((await page(b, onB)).body, 'sql') === 'done')).toBe(true);
    const api = await b.inject({
      method: 'GET',
      url: '/api/v1/me/progress/backend',
      headers: { cookie: onB.header },
    });
    expect(api.json().topics.sql.status).toBe('done');
  });

  it('forgets a session on every instance when the learner signs out', async () => {
    const learner = await seedLearner(databaseA);
    const session = await signInAs(a, learner.email);
    const jar = new Jar(session.cookie);
    expect((await page(b, jar, '/api/v1/me/progress/backend')).statusCode).toBe(200);
    const form = await page(a, jar, '/account');
    const csrf = form.body.match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const out = await a.inject({
      method: 'POST',
      url: '/signout',
      headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.statusCode).toBe(303);
    expect(
      await eventually(
        async () =>
          (await page(b, new Jar(session.cookie), '/api/v1/me/progress/backend')).statusCode === 401,
      ),
    ).toBe(true);
  });

  it('ends the other sessions everywhere after a password change', async () => {
    const learner = await seedLearner(databaseA);
    const kept = await signInAs(a, learner.email);
    const other = await signInAs(b, learner.email);
    expect((await page(b, new Jar(other.cookie), '/api/v1/me/progress/backend')).statusCode).toBe(200);
    const change = await a.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie: kept.cookie, 'content-type': 'application/json' },
      payload: { current: TEST_PASSWORD, next: 'a brand new passphrase 42' },
    });
    expect(change.statusCode).toBe(204);
    expect(
      await eventually(
        async () => (await page(b, new Jar(other.cookie), '/api/v1/me/progress/backend')).statusCode === 401,
      ),
    ).toBe(true);
    expect((await page(b, new Jar(kept.cookie), '/api/v1/me/progress/backend')).statusCode).toBe(200);
  });

  it.runIf(kind === 'postgres')(
    'reads from the database while its LISTEN connection is down, and forgets what it cached',
    async () => {
      const learner = await seedLearner(databaseA);
      const session = await signInAs(a, learner.email);
      const onB = new Jar(session.cookie);
      await page(b, onB);
      await page(b, onB);
      // Cut every LISTEN connection of this schema's channel: B may miss notifications now.
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where query = $1 and pid <> pg_backend_pid()`,
        [`LISTEN trailmap_live_${databaseA.schema}`],
      );
      await admin.end();
      await a.inject({
        method: 'PUT',
        url: '/api/v1/me/progress/backend/topics/docker',
        headers: { cookie: session.cookie, 'content-type': 'application/json' },
        payload: { status: 'learning' },
      });
      expect(
        await eventually(async () => cardStatus((await page(b, onB)).body, 'docker') === 'learning'),
      ).toBe(true);
      expect(b.changes.trustworthy || (await eventually(async () => b.changes.trustworthy, 5000))).toBe(true);
    },
  );
});
