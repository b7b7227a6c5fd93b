// Accounts over HTTP, on every test database: sign up, sign in, sessions, password, deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, openTestDatabase, seedLearner, TEST_PASSWORD } from '../../../test/helpers/db.ts';
import { sessionCookie, signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';

describe.each(DATABASE_KINDS)('accounts on %s', (kind) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ kind });
  });
  afterAll(() => app.close());

  const post = (url: string, payload: object, cookie?: string) =>
    app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });

  it('signs up with email and password, sets an HttpOnly SameSite=Lax session cookie, and knows the learner', async () => {
    const res = await post('/api/v1/auth/signup', {
      email: 'Ada@Example.org',
      password: 'analytical engine 1843',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'Ada@Example.org', id: expect.any(String) });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/trailmap_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');
    const me = await app.inject({
      url: '/api/v1/me',
      headers: { cookie: sessionCookie(res.headers['set-cookie']) },
    });
    expect(me.json()).toMatchObject({ email: 'Ada@Example.org' });
  });

  it('stores only an argon2id hash of the password and a hash of the session token', async () => {
    const res = await post('/api/v1/auth/signup', {
      email: 'grace@example.org',
      password: 'compilers all the way',
    });
    const token = sessionCookie(res.headers['set-cookie']).split('=')[1] as string;
    const learner = await app.db
      .selectFrom('learners')
      .selectAll()
      .where('email', '=', 'grace@example.org')
      .executeTakeFirstOrThrow();
    expect(learner.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const sessions = await app.db
      .selectFrom('sessions')
      .selectAll()
      .where('learner_id', '=', learner.id)
      .execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.token_hash).not.toBe(token);
  });

  it('answers 409 for a taken email, compared without regard to case', async () => {
    await seedLearner(app.database, 'taken@example.org');
    const res = await post('/api/v1/auth/signup', {
      email: 'TAKEN@example.org',
      password: 'another fine password',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: 'conflict',
      message: 'An account with this email already exists: sign in instead',
    });
  });

  it.each([
    [{ email: 'short@example.org', password: 'seven77' }, 'password must be at least 8 characters'],
    [
      { email: 'common@example.org', password: 'Password1' },
      'password is one of the most common passwords: choose another',
    ],
    [
      { email: 'common2@example.org', password: 'qwertyuiop' },
      'password is one of the most common passwords: choose another',
    ],
    [{ email: 'not-an-email', password: 'long enough password' }, 'email must be an email address'],
  ])('refuses a bad sign-up %o with a clear 400', async (payload, message) => {
    const res = await post('/api/v1/auth/signup', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid', message });
  });

  it('refuses a body that is not an object of strings, naming the field', async () => {
    const res = await post('/api/v1/auth/signup', { email: 'x@example.org' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid', message: 'password is required' });
  });

  it('refuses an email with a NUL or another control character with a 4xx, never a 500', async () => {
    // PostgreSQL cannot store a NUL in text; the fuzz test once reached it through the rate limiter.
    for (const email of ['\u0000\uffff', 'a\u0000b@example.org', 'a\u0001b@example.org']) {
      const signUp = await post('/api/v1/auth/signup', { email, password: 'a long enough password' });
      expect(signUp.statusCode).toBe(400);
      expect(signUp.json()).toMatchObject({ error: 'invalid', message: 'email must be an email address' });
      const signIn = await post('/api/v1/auth/signin', { email, password: 'a long enough password' });
      expect(signIn.statusCode).toBe(401);
    }
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { email } = await seedLearner(app.database);
    const wrong = await post('/api/v1/auth/signin', { email, password: 'not the password' });
    const unknown = await post('/api/v1/auth/signin', {
      email: 'nobody@example.org',
      password: 'not the password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('signs in with any letter case of the email and gives a new session each time', async () => {
    const { email } = await seedLearner(app.database);
    const first = await signInAs(app, email.toUpperCase());
    const second = await signInAs(app, email);
    expect(first.cookie).not.toBe(second.cookie);
  });

  it('forgets a learner’s expired sessions when they sign in again', async () => {
    const { email, id } = await seedLearner(app.database);
    await app.db
      .insertInto('sessions')
      .values({ token_hash: `expired-${id}`, learner_id: id, expires_at: new Date(Date.now() - 1000) })
      .execute();
    await signInAs(app, email);
    const rows = await app.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('learner_id', '=', id)
      .execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(`expired-${id}`);
    expect(rows).toHaveLength(1);
  });

  it('ends the session at sign-out, on the server', async () => {
    const { email } = await seedLearner(app.database);
    const { cookie } = await signInAs(app, email);
    expect((await post('/api/v1/auth/signout', {}, cookie)).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const { email } = await seedLearner(app.database);
    const here = await signInAs(app, email);
    const elsewhere = await signInAs(app, email);
    const wrong = await post(
      '/api/v1/me/password',
      { current: 'nope nope nope', next: 'a brand new secret' },
      here.cookie,
    );
    expect(wrong.statusCode).toBe(403);
    const res = await post(
      '/api/v1/me/password',
      { current: TEST_PASSWORD, next: 'a brand new secret' },
      here.cookie,
    );
    expect(res.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: here.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: elsewhere.cookie } })).statusCode).toBe(
      401,
    );
    await signInAs(app, email, 'a brand new secret');
  });

  it('deletes the account and every row of it, after asking for the password', async () => {
    const { email, id } = await seedLearner(app.database);
    const { cookie } = await signInAs(app, email);
    await app.inject({
      method: 'PUT',
      url: '/api/v1/me/progress/backend/topics/sql',
      payload: { status: 'done' },
      headers: { cookie },
    });
    await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notes/backend/sql',
      payload: { markdown: 'joins!' },
      headers: { cookie },
    });
    const refused = await app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      payload: { password: 'wrong one' },
      headers: { cookie },
    });
    expect(refused.statusCode).toBe(403);
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      payload: { password: TEST_PASSWORD },
      headers: { cookie },
    });
    expect(res.statusCode).toBe(204);
    for (const table of ['learners', 'sessions', 'progress', 'notes', 'choices'] as const) {
      const column = table === 'learners' ? 'id' : 'learner_id';
      const rows = await app.db.selectFrom(table).select(column).where(column, '=', id).execute();
      expect(rows, table).toEqual([]);
    }
  });

  it('downloads all my data as JSON', async () => {
    const { email } = await seedLearner(app.database);
    const { cookie } = await signInAs(app, email);
    await app.inject({
      method: 'PUT',
      url: '/api/v1/me/progress/backend/choices/language',
      payload: { option: 'go' },
      headers: { cookie },
    });
    const res = await app.inject({ url: '/api/v1/me/export', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.json()).toMatchObject({
      learner: { email },
      choices: [{ roadmap: 'backend', group: 'language', option: 'go' }],
    });
    expect(res.body).not.toContain('argon2');
  });

  it('answers 401 to every personal route when signed out', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/me/export'],
      ['GET', '/api/v1/me/progress/backend'],
      ['POST', '/api/v1/me/password'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        ...(method === 'POST' ? { payload: { current: 'x', next: 'y' } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error).toBe('unauthorized');
    }
  });

  it('refuses a cookie-authenticated write from another site, or in a form encoding', async () => {
    const { email } = await seedLearner(app.database);
    const { cookie } = await signInAs(app, email);
    const url = '/api/v1/me/progress/backend/topics/sql';
    const crossSite = await app.inject({
      method: 'PUT',
      url,
      payload: { status: 'done' },
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    const form = await app.inject({
      method: 'PUT',
      url,
      payload: 'status=done',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error).toBe('unsupported_media_type');
  });
});

describe.each(DATABASE_KINDS)('sign-in rate limits shared through the database (%s)', (kind) => {
  it('counts attempts made through one instance against the limit of another', async () => {
    const database = await openTestDatabase(kind);
    const limits = { perIp: 100, perAccount: 2, windowSeconds: 60 };
    const [a, b] = [
      await buildTestApp({ database, authLimits: limits }),
      await buildTestApp({ database, authLimits: limits }),
    ];
    try {
      const { email } = await seedLearner(database);
      const attempt = (app: App) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/signin',
          payload: { email, password: 'guess again' },
        });
      expect((await attempt(a)).statusCode).toBe(401);
      expect((await attempt(b)).statusCode).toBe(401);
      expect((await attempt(a)).statusCode).toBe(429);
      expect((await attempt(b)).statusCode).toBe(429);
    } finally {
      await a.close();
      await b.close();
      await database.close();
    }
  });
});

describe('sign-in rate limits', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ authLimits: { perIp: 100, perAccount: 3, windowSeconds: 60 } });
  });
  afterAll(() => app.close());

  it('answers 429 with Retry-After after too many attempts on one account', async () => {
    const { email } = await seedLearner(app.database);
    const attempt = () =>
      app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: { email, password: 'guess guess' } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toEqual({
      error: 'too_many_requests',
      message: expect.stringMatching(/^Too many attempts: sign-in for this account is paused, try again in/),
    });
    // Another account from the same address is not blocked by this one's limit.
    const other = await seedLearner(app.database);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { email: other.email, password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('limits attempts per IP address across accounts', async () => {
    const limited = await buildTestApp({ authLimits: { perIp: 2, perAccount: 100, windowSeconds: 60 } });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.inject({
          method: 'POST',
          url: '/api/v1/auth/signin',
          payload: { email: `n${i}@example.org`, password: 'whatever it is' },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
