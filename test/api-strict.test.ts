// The JSON API is as strict as its documentation: unknown fields and wrong types are refused, a
// known address with the wrong method answers 405 with Allow, and every refusal is one sentence
// that names the field and, where there is a list, the allowed values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { buildTestApp } from './helpers/app.ts';
import { seedLearner } from './helpers/db.ts';
import { type SignedIn, signInAs } from './helpers/learners.ts';

let app: App;
let learner: SignedIn;
beforeAll(async () => {
  app = await buildTestApp();
  learner = await signInAs(app, (await seedLearner(app.database, 'strict@example.org')).email);
});
afterAll(() => app.close());

const send = (method: string, url: string, payload?: unknown, cookie = learner.cookie) =>
  app.inject({
    method: method as 'PUT',
    url,
    headers: { cookie, 'content-type': 'application/json' },
    ...(payload === undefined
      ? {}
      : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });

describe('bodies are strict', () => {
  it('refuses an unknown field at sign-up, listing the fields it takes, and creates no account', async () => {
    const res = await send(
      'POST',
      '/api/v1/auth/signup',
      { email: 'extra@example.org', password: 'a long enough password', admin: true },
      '',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid',
      message: 'Unknown field "admin": the allowed fields are email, password',
    });
    const signIn = await send(
      'POST',
      '/api/v1/auth/signin',
      { email: 'extra@example.org', password: 'a long enough password' },
      '',
    );
    expect(signIn.statusCode).toBe(401);
  });

  it('refuses a note that is a number instead of turning it into text', async () => {
    const res = await send('PUT', '/api/v1/me/notes/backend/rest-apis', { markdown: 42 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid', message: 'markdown must be text, not a number' });
    const note = await send('GET', '/api/v1/me/notes/backend/rest-apis');
    expect(note.json().markdown).toBe('');
  });

  it.each([
    [
      'a status that is not one of the statuses',
      'PUT',
      '/api/v1/me/progress/backend/topics/sql',
      { status: 'banana' },
      'status must be one of: pending, learning, done, skipped',
    ],
    [
      'a status of the wrong type',
      'PUT',
      '/api/v1/me/progress/backend/topics/sql',
      { status: true },
      'status must be one of: pending, learning, done, skipped',
    ],
    [
      'a missing field',
      'POST',
      '/api/v1/auth/signin',
      { email: 'strict@example.org' },
      'password is required',
    ],
    [
      'an empty password',
      'POST',
      '/api/v1/me/password',
      { current: '', next: 'another long password' },
      'current must not be empty',
    ],
    [
      'an option of the wrong type',
      'PUT',
      '/api/v1/me/progress/backend/choices/language',
      { option: 42 },
      'option must be text or null, not a number',
    ],
    [
      'an option id in the wrong form',
      'PUT',
      '/api/v1/me/progress/backend/choices/language',
      { option: 'Go Lang' },
      'option must be lowercase letters and digits with single hyphens between words, like rest-apis',
    ],
    [
      'a body that is null',
      'PUT',
      '/api/v1/me/progress/backend/topics/sql',
      'null',
      'The body must be a JSON object, not null',
    ],
    ['a body that is a list', 'DELETE', '/api/v1/me', '[]', 'The body must be a JSON object, not a list'],
    [
      'a body that is not JSON',
      'PUT',
      '/api/v1/me/progress/backend/topics/sql',
      '{"status":',
      'The body is not valid JSON',
    ],
    [
      'an over-long note',
      'PUT',
      '/api/v1/me/notes/backend/rest-apis',
      { markdown: 'x'.repeat(20_001) },
      'markdown must be at most 20000 characters',
    ],
    [
      'a malformed id in the address',
      'GET',
      '/api/v1/roadmaps/Back%20End',
      undefined,
      'slug in the address must be lowercase letters and digits with single hyphens between words, like rest-apis',
    ],
  ])('refuses %s with a sentence naming the field', async (_name, method, url, payload, message) => {
    const res = await send(method, url, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid', message });
  });
});

describe('methods', () => {
  it.each([
    ['PATCH', '/api/v1/me', 'GET, HEAD, DELETE'],
    ['PUT', '/api/v1/roadmaps', 'GET, HEAD, POST'],
    ['POST', '/api/v1/roadmaps/backend/topics/sql', 'GET, HEAD'],
    ['GET', '/api/v1/auth/signin', 'POST'],
    ['DELETE', '/api/v1/me/notes/backend/sql', 'GET, HEAD, PUT'],
  ])('answers %s %s with 405, Allow: %s and a JSON error', async (method, url, allow) => {
    const res = await send(method, url, method === 'GET' ? undefined : {});
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      error: 'method_not_allowed',
      message: `${url} does not accept ${method}: use ${allow.replace(/, (\w+)$/, ' or $1')}`,
    });
  });

  it('still answers 404 for an address that does not exist with any method', async () => {
    const res = await send('PATCH', '/api/v1/nothing-here', {});
    expect(res.statusCode).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });

  it('shows a page for a wrong method on a page address', async () => {
    const res = await app.inject({ method: 'PUT', url: '/signin', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('/signin does not accept PUT: use GET, HEAD or POST');
  });
});

describe('progress documents are strict at the top level', () => {
  const doc = { choices: {}, choicesUpdatedAt: {}, topics: {} };
  it('refuses an unknown top-level field in an import (PUT), naming the fields it takes, and changes nothing', async () => {
    await send('PUT', '/api/v1/me/progress/backend/topics/docker', { status: 'done' });
    const res = await send('PUT', '/api/v1/me/progress/backend', { ...doc, topcis: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid',
      message:
        'Unknown field "topcis": the allowed fields are format, version, roadmap, slug, summary, choices, choicesUpdatedAt, topics, resources',
    });
    const kept = await send('GET', '/api/v1/me/progress/backend');
    expect(kept.json().topics.docker.status).toBe('done');
  });

  it('takes an exported file as it is (format, version, roadmap)', async () => {
    const file = { format: 'trailmap-progress', version: 1, roadmap: 'backend', ...doc };
    const res = await send('PUT', '/api/v1/me/progress/backend', {
      ...file,
      topics: { sql: { status: 'learning', updatedAt: new Date().toISOString() } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().topics.sql.status).toBe('learning');
  });

  it('refuses an unknown top-level field in the sign-in merge', async () => {
    const res = await send('POST', '/api/v1/me/progress/backend/merge', { ...doc, extra: true });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid',
      message: 'Unknown field "extra": the allowed fields are choices, choicesUpdatedAt, topics, resources',
    });
  });
});
