// Every personal API route (/api/v1/me/**) answers a signed-out request 401, whatever it sends:
// the session is checked before the body is parsed or validated, so a stranger never learns which
// fields a route wants (or that its parameters have a pattern) by sending it nonsense.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';

let app: App;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const personalRoutes = () => app.routeTable.filter((route) => /^\/api\/v1\/me(\/|$)/.test(route.url));

/** Bodies that a route would refuse with a 400 (or worse) if it looked at them. */
const BAD_BODIES: { name: string; type: string; payload: string }[] = [
  { name: 'no body', type: '', payload: '' },
  { name: 'an empty object', type: 'application/json', payload: '{}' },
  { name: 'unknown fields', type: 'application/json', payload: '{"admin":true,"markdown":42}' },
  { name: 'a number', type: 'application/json', payload: '42' },
  { name: 'null', type: 'application/json', payload: 'null' },
  { name: 'an array', type: 'application/json', payload: '[1,2,3]' },
  { name: 'broken JSON', type: 'application/json', payload: '{"status": "done"' },
  { name: 'a NUL in a string', type: 'application/json', payload: '{"markdown":"a\\u0000b"}' },
  { name: 'a form body', type: 'application/x-www-form-urlencoded', payload: 'status=done&status=x' },
  { name: 'plain text', type: 'text/plain', payload: 'hello' },
  { name: 'an unknown media type', type: 'application/x-unknown', payload: '\u0000\u0001' },
];

/** Parameters that fail the routes' patterns. */
const badParams = (url: string) => url.replace(/:\w+/g, 'NOT%20A%20VALID%20ID!');
const goodParams = (url: string) => url.replace(/:\w+/g, 'backend');

it('has personal routes to check (the table is read from the app, so a new one is checked too)', () => {
  const keys = personalRoutes().map((r) => `${r.method} ${r.url}`);
  expect(keys).toContain('PUT /api/v1/me/notes/:slug/:topicId');
  expect(keys).toContain('POST /api/v1/me/password');
  expect(keys).toContain('DELETE /api/v1/me');
  expect(keys.length).toBeGreaterThanOrEqual(12);
});

it('answers 401 "Sign in first" to every signed-out request on every /api/v1/me route, whatever its body or parameters', async () => {
  let checked = 0;
  for (const { method, url } of personalRoutes()) {
    for (const target of [goodParams(url), badParams(url)]) {
      for (const body of BAD_BODIES) {
        const res = await app.inject({
          method: method as 'PUT',
          url: target,
          headers: body.type ? { 'content-type': body.type } : {},
          ...(body.payload ? { payload: body.payload } : {}),
        });
        const key = `${method} ${target} with ${body.name}`;
        checked += 1;
        expect(res.statusCode, key).toBe(401);
        expect(res.json(), key).toEqual({ error: 'unauthorized', message: 'Sign in first' });
      }
    }
  }
  expect(checked).toBeGreaterThanOrEqual(12 * 2 * BAD_BODIES.length);
});

it('still validates the body once the learner is signed in (authentication first, then validation)', async () => {
  const signup = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email: 'signed-in@example.org', password: 'a long enough password' },
  });
  const cookie = String(signup.headers['set-cookie']).split(';')[0] as string;
  const res = await app.inject({
    method: 'PUT',
    url: '/api/v1/me/notes/backend/rest-apis',
    headers: { cookie, 'content-type': 'application/json' },
    payload: '{"status": "done"',
  });
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toBe('invalid');
});
