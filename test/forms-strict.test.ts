// Forms and pages go through the same schemas as the API: a return path with a line break or
// another control character, or a field sent twice, answers 400 (an error page for a browser, the
// { error, message } shape for a client), never a 500 and never a changed note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { buildTestApp } from './helpers/app.ts';
import { seedLearner } from './helpers/db.ts';
import { type SignedIn, signInAs } from './helpers/learners.ts';

let app: App;
let learner: SignedIn;
beforeAll(async () => {
  app = await buildTestApp();
  learner = await signInAs(app, (await seedLearner(app.database, 'forms@example.org')).email);
});
afterAll(() => app.close());

const BAD_PATHS = [
  ['a line feed', '/roadmaps%0aSet-Cookie:x=1'],
  ['a carriage return', '/roadmaps%0d%0aLocation:%20https://evil.example'],
  ['a NUL', '/roadmaps%00'],
  ['a line separator (U+2028)', '/roadmaps%E2%80%A8x'],
] as const;
const MESSAGE = 'must not contain line breaks or other control characters';

const form = (url: string, body: string, cookie = '') =>
  app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie },
  });

describe.each(BAD_PATHS)('a return path with %s', (_name, path) => {
  it('answers the sign-in page with a 400 error page', async () => {
    const res = await app.inject({ url: `/signin?next=${path}`, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain(`next in the query string ${MESSAGE}`);
  });

  it('answers the sign-in form with a 400 error page, signing nobody in', async () => {
    const res = await form('/signin', `email=forms%40example.org&password=x&next=${path}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`next ${MESSAGE}`);
    expect(res.headers['set-cookie'] ?? '').not.toContain('trailmap_session');
  });

  it('answers a progress form with a 400 in the error shape for a client that asks for JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/roadmaps/backend/sql/status',
      payload: `status=done&back=${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid', message: `back ${MESSAGE}` });
  });
});

describe('fields sent twice or with a value not on the form', () => {
  it('refuses markdown=x&markdown=y and keeps the note', async () => {
    const res = await form('/roadmaps/backend/sql/note', 'markdown=x&markdown=y', learner.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('markdown must be text, not a list');
    const note = await app.inject({
      url: '/api/v1/me/notes/backend/sql',
      headers: { cookie: learner.cookie },
    });
    expect(note.json().markdown).toBe('');
  });

  it.each([
    [
      '/roadmaps/backend/sql/status',
      'status=banana',
      'status must be one of: pending, learning, done, skipped',
    ],
    ['/roadmaps/backend/sql/status', 'status=done&status=skipped', 'status must be one of'],
    ['/roadmaps/backend/choices/language', 'option=Not%20An%20Id', 'option must be lowercase letters'],
    [
      '/roadmaps/backend/sql/note',
      'markdown=(20,001 characters)',
      'markdown must be at most 20000 characters',
    ],
    ['/signin', 'email=a&email=b&password=x', 'email must be text, not a list'],
    ['/account/password', 'current=a&next=b&next=c', 'next must be text, not a list'],
  ])('POST %s with %s answers 400 naming the field', async (url, body, message) => {
    const payload = body.replace('(20,001 characters)', 'x'.repeat(20_001));
    const res = await form(url, payload, learner.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
  });

  it('refuses a malformed roadmap address on a page with a 400 page, and a missing one with a 404 page', async () => {
    const bad = await app.inject({ url: '/roadmaps/Back%20End', headers: { accept: 'text/html' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('slug in the address must be lowercase letters');
    const missing = await app.inject({ url: '/roadmaps/cooking', headers: { accept: 'text/html' } });
    expect(missing.statusCode).toBe(404);
  });
});
