// The cross-site check holds for every spelling of an API path. The router decodes `%61pi`, accepts
// absolute-form targets and a trailing slash, so the guard must decide by the route that matched:
// a cross-site form post, however its target is spelt, never reaches an API handler.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedLearner, TEST_PASSWORD } from '../helpers/db.ts';
import { type SignedIn, signInAs } from '../helpers/learners.ts';
import { rawRequest } from '../helpers/raw-http.ts';

const PARAMS: Record<string, string> = {
  slug: 'backend',
  topicId: 'sql',
  group: 'language',
  sectionId: 'core',
};
const fill = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => PARAMS[name] ?? 'x');

/** What a cross-site form would post to each route, to do the most harm. */
const FORMS: Record<string, Record<string, string>> = {
  '/api/v1/auth/signin': { email: 'attacker@example.org', password: TEST_PASSWORD },
  '/api/v1/auth/signup': { email: 'planted@example.org', password: 'a planted account here' },
  '/api/v1/me/password': { current: TEST_PASSWORD, next: 'the attacker chose this' },
  '/api/v1/me': { password: TEST_PASSWORD },
  '/api/v1/me/progress/:slug/topics/:topicId': { status: 'done' },
  '/api/v1/me/progress/:slug/choices/:group': { option: 'python' },
  '/api/v1/me/notes/:slug/:topicId': { markdown: 'written by another site' },
};

/** Ways to spell one path so that a prefix test on the raw URL misses it while the router may not. */
const SPELLINGS: Record<string, (path: string, origin: string) => string> = {
  plain: (p) => p,
  'encoded letter': (p) => p.replace('/api/', '/%61pi/'),
  'every letter encoded': (p) => p.replace('/api/v1/', '/%61%70%69/%76%31/'),
  'lower-case hex in a later segment': (p) => p.replace('/api/v1/', '/a%70i/v%31/'),
  'encoded slash': (p) => p.replace('/api/v1/', '/api%2Fv1/'),
  'encoded leading slash': (p) => p.replace('/api/', '/%2Fapi/'),
  'double-encoded': (p) => p.replace('/api/', '/%2561pi/'),
  'absolute-form': (p, origin) => `${origin}${p}`,
  'absolute-form, encoded': (p, origin) => `${origin}${p.replace('/api/', '/%61pi/')}`,
  'double slash': (p) => `/${p}`,
  'mixed case': (p) => p.replace('/api/', '/API/'),
  'trailing slash': (p) => `${p}/`,
  'trailing slash, encoded': (p) => `${p.replace('/api/', '/%61pi/')}/`,
  'dot segment': (p) => p.replace('/api/', '/./api/'),
  semicolon: (p) => `${p.replace('/api/', '/%61pi/')};x=1`,
  'with a query': (p) => `${p.replace('/api/', '/%61pi/')}?x=1`,
};

/** How a cross-site request announces itself; each alone must be enough to refuse it. */
const FOREIGN: Record<string, Record<string, string>> = {
  'foreign Origin': { origin: 'https://evil.example' },
  'Sec-Fetch-Site: cross-site': { 'sec-fetch-site': 'cross-site' },
  'opaque Origin': { origin: 'null' },
};

describe('the API guard and the spelling of a path', () => {
  let app: App;
  let port: number;
  let learner: SignedIn;
  const reachedHandler: string[] = [];

  beforeAll(async () => {
    app = await buildTestApp();
    // Anything past the guard with a foreign Origin is a bypass, whatever the handler then says.
    app.addHook('preParsing', async (request) => {
      if (request.routeOptions.url?.startsWith('/api/') && request.headers['x-attempt'])
        reachedHandler.push(String(request.headers['x-attempt']));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    await seedLearner(app.database, 'attacker@example.org');
    learner = await signInAs(app, (await seedLearner(app.database)).email);
  });
  afterAll(() => app?.close());

  it('refuses every API write, in every spelling, with form bodies from another site', async () => {
    const writes = app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && !['GET', 'HEAD', 'OPTIONS'].includes(r.method),
    );
    expect(writes.length).toBeGreaterThanOrEqual(10);
    const origin = `http://127.0.0.1:${port}`;
    const answers: string[] = [];
    let attempts = 0;
    for (const route of writes) {
      const form = new URLSearchParams(FORMS[route.url] ?? { anything: 'x' }).toString();
      for (const [spelling, spell] of Object.entries(SPELLINGS)) {
        for (const [kind, headers] of Object.entries(FOREIGN)) {
          const attempt = `${route.method} ${route.url} ${spelling} ${kind}`;
          attempts++;
          const res = await rawRequest(port, {
            method: route.method,
            target: spell(fill(route.url), origin),
            headers: {
              ...headers,
              cookie: learner.cookie,
              'content-type': 'application/x-www-form-urlencoded',
              'x-attempt': attempt,
            },
            body: form,
          });
          const cookies = (res.headers['set-cookie'] ?? []).filter((c) => c.startsWith('trailmap_session='));
          // 405: the spelling matched another route's path, whose methods this is not: refused too.
          if (![403, 404, 405].includes(res.status) || cookies.length > 0)
            answers.push(`${attempt}: ${res.status} ${cookies.join(' ')}`);
        }
      }
    }
    expect(answers, 'answers other than 403/404, or a session cookie set').toEqual([]);
    expect(reachedHandler, 'requests that got past the guard').toEqual([]);
    expect(attempts).toBe(writes.length * Object.keys(SPELLINGS).length * Object.keys(FOREIGN).length);

    // The learner's data is as it was: same account, same password, no progress, no note.
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie: learner.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe(learner.email);
    await signInAs(app, learner.email);
    const progress = await app.inject({
      url: '/api/v1/me/progress/backend',
      headers: { cookie: learner.cookie },
    });
    expect(progress.json()).toMatchObject({ topics: {}, choices: {} });
    const note = await app.inject({
      url: '/api/v1/me/notes/backend/sql',
      headers: { cookie: learner.cookie },
    });
    expect(note.body).not.toContain('another site');
    const planted = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { email: 'planted@example.org', password: 'a planted account here' },
    });
    expect(planted.statusCode).toBe(401);
    // Hundreds of requests; before the fix many of them hash a password.
  }, 240_000);

  it('still refuses a form body sent without any Origin to the API, in every spelling', async () => {
    learner = await signInAs(app, learner.email);
    const target = '/api/v1/me/progress/backend/topics/sql';
    for (const [spelling, spell] of Object.entries(SPELLINGS)) {
      const res = await rawRequest(port, {
        method: 'PUT',
        target: spell(target, `http://127.0.0.1:${port}`),
        headers: { cookie: learner.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'status=done',
      });
      expect([404, 415], spelling).toContain(res.status);
    }
    const progress = await app.inject({
      url: '/api/v1/me/progress/backend',
      headers: { cookie: learner.cookie },
    });
    expect(progress.json().topics).toEqual({});
  });

  it('lets the site itself write through the API', async () => {
    learner = await signInAs(app, learner.email);
    const res = await rawRequest(port, {
      method: 'PUT',
      target: '/api/v1/me/progress/backend/topics/sql',
      headers: {
        origin: `http://127.0.0.1:${port}`,
        'sec-fetch-site': 'same-origin',
        cookie: learner.cookie,
        'content-type': 'application/json',
      },
      body: '{"status":"learning"}',
    });
    expect(res.status).toBe(200);
    const progress = await app.inject({
      url: '/api/v1/me/progress/backend',
      headers: { cookie: learner.cookie },
    });
    expect(progress.json().topics.sql.status).toBe('learning');
    await app.inject({
      method: 'DELETE',
      url: '/api/v1/me/progress/backend',
      headers: { cookie: learner.cookie },
    });
  });
});
