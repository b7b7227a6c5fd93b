// A form token belongs to the session it was made for: an anonymous visitor's token/cookie pair
// (which an attacker can get for themselves and plant) does not work once the learner has signed in.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedLearner, TEST_PASSWORD } from '../helpers/db.ts';
import { sessionCookie } from '../helpers/learners.ts';

let app: App;
beforeAll(async () => {
  app = await buildTestApp({ trustProxy: ['127.0.0.1'] });
});
afterAll(() => app.close());

const cookiesOf = (setCookie: string | string[] | undefined) =>
  [setCookie ?? []].flat().map((c) => String(c).split(';')[0]);

async function formPage(url: string, cookie = '') {
  const res = await app.inject({ url, headers: { cookie } });
  return {
    token: res.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '',
    cookie: [cookie, ...cookiesOf(res.headers['set-cookie'])].filter(Boolean).join('; '),
    setCookie: [res.headers['set-cookie'] ?? []].flat().map(String),
  };
}

const post = (url: string, fields: Record<string, string>, cookie: string) =>
  app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });

it('refuses an anonymous visitor’s form token once the visitor is signed in', async () => {
  const { email } = await seedLearner(app.database);
  const anonymous = await formPage('/signin');
  expect(anonymous.token).not.toBe('');
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signin',
    payload: { email, password: TEST_PASSWORD },
    headers: { cookie: anonymous.cookie },
  });
  const cookie = `${anonymous.cookie}; ${sessionCookie(signIn.headers['set-cookie'])}`;
  const planted = await post(
    '/roadmaps/backend/sql/status',
    { _csrf: anonymous.token, status: 'done' },
    cookie,
  );
  expect(planted.statusCode).toBe(403);
  const progress = await app.inject({ url: '/api/v1/me/progress/backend', headers: { cookie } });
  expect(progress.json().topics).toEqual({});

  // A token from a page of the signed-in session works.
  const own = await formPage('/account', cookie);
  const ok = await post('/roadmaps/backend/sql/status', { _csrf: own.token, status: 'done' }, own.cookie);
  expect(ok.statusCode).toBe(303);
});

it('marks the CSRF cookie Secure when the session cookie is (behind an HTTPS proxy)', async () => {
  const res = await app.inject({ url: '/signin', headers: { 'x-forwarded-proto': 'https' } });
  const csrf = [res.headers['set-cookie'] ?? []].flat().find((c) => String(c).startsWith('trailmap_csrf='));
  expect(String(csrf)).toMatch(/; Secure/);
  const plain = await app.inject({ url: '/signin' });
  const plainCsrf = [plain.headers['set-cookie'] ?? []]
    .flat()
    .find((c) => String(c).startsWith('trailmap_csrf='));
  expect(String(plainCsrf)).not.toMatch(/Secure/);
});
