// An operator's password reset (`trailmap user reset-password`, which calls resetPasswordByEmail):
// the one-time password opens one session, which can do nothing but choose a new password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, seedLearner, TEST_PASSWORD } from '../../../test/helpers/db.ts';
import { sessionCookie, signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';
import { resetPasswordByEmail } from './service.ts';

describe.each(DATABASE_KINDS)('a password reset by an operator on %s', (kind) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ kind });
  });
  afterAll(() => app.close());

  const signIn = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: { email, password } });
  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

  async function resetLearner() {
    const { email } = await seedLearner(app.database);
    const before = await signInAs(app, email);
    const reset = await resetPasswordByEmail(app.database.db, email);
    if (!reset) throw new Error('no learner');
    app.sessions.ended(reset.learner.id);
    return { email, oneTime: reset.password, before };
  }

  async function signInOnce(email: string, oneTime: string) {
    const answer = await signIn(email, oneTime);
    expect(answer.statusCode).toBe(200);
    return sessionCookie(answer.headers['set-cookie']);
  }

  it('ends every session of the learner and replaces the old password', async () => {
    const { email, before } = await resetLearner();
    expect((await get('/api/v1/me', before.cookie)).statusCode).toBe(401);
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('lets the one-time password sign in exactly once, even when two sign-ins race', async () => {
    const { email, oneTime } = await resetLearner();
    const answers = await Promise.all([signIn(email, oneTime), signIn(email, oneTime)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
    expect((await signIn(email, oneTime)).statusCode).toBe(401);
  });

  it('sends every page to the change-password form and answers the personal API 403 until a new password is set', async () => {
    const { email, oneTime } = await resetLearner();
    const cookie = await signInOnce(email, oneTime);

    for (const url of [
      '/',
      '/roadmaps/backend',
      '/roadmaps/backend/sql',
      '/account',
      '/roadmaps/backend/map',
    ]) {
      const page = await get(url, cookie);
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location, url).toBe('/account/password');
    }
    const form = await get('/account/password', cookie);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Choose a new password');
    expect(form.body).toContain('You signed in with a one-time password from an administrator');
    expect(form.body).not.toContain('name="current"');

    const personal = [
      app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } }),
      app.inject({ method: 'GET', url: '/api/v1/me/export', headers: { cookie } }),
      app.inject({ method: 'GET', url: '/api/v1/me/progress/backend', headers: { cookie } }),
      app.inject({
        method: 'PUT',
        url: '/api/v1/me/progress/backend/topics/sql',
        headers: { cookie },
        payload: { status: 'done' },
      }),
      app.inject({
        method: 'DELETE',
        url: '/api/v1/me',
        headers: { cookie },
        payload: { password: oneTime },
      }),
    ];
    for (const answer of await Promise.all(personal)) {
      expect(answer.statusCode, answer.body).toBe(403);
      expect(answer.json()).toEqual({
        error: 'password_change_required',
        message: expect.stringContaining('choose a new password first'),
      });
    }
    // Public content stays readable.
    expect((await get('/api/v1/roadmaps', cookie)).statusCode).toBe(200);

    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie },
      payload: { next: 'my own new password' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(200);
    expect((await get('/roadmaps/backend', cookie)).statusCode).toBe(200);
    expect((await get('/account/password', cookie)).headers.location).toBe('/account');
    expect((await signIn(email, oneTime)).statusCode).toBe(401);
    expect((await signIn(email, 'my own new password')).statusCode).toBe(200);
  });

  it('refuses a weak new password on the form and shows why, then takes a good one', async () => {
    const { email, oneTime } = await resetLearner();
    const cookie = await signInOnce(email, oneTime);
    const form = await get('/account/password', cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] as string;
    const csrfCookie = sessionAndCsrf(cookie, form.headers['set-cookie']);
    const post = (next: string) =>
      app.inject({
        method: 'POST',
        url: '/account/password',
        headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, next }).toString(),
      });
    const weak = await post('short');
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('The new password must be at least 8 characters');
    expect(weak.body).toContain('Choose a new password');
    const good = await post('a password of my own');
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/account?notice=password-changed');
    expect((await get('/account', cookie)).statusCode).toBe(200);
    expect((await signIn(email, 'a password of my own')).statusCode).toBe(200);
  });

  it('still asks a learner who was not reset for the current password', async () => {
    const { email } = await seedLearner(app.database);
    const { cookie } = await signInAs(app, email);
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie },
      payload: { next: 'no current given here' },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().message).toBe('current is required: type your current password');
    expect((await get('/account/password', cookie)).headers.location).toBe('/account');
  });
});

function sessionAndCsrf(session: string, setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return [session, ...all.map((c) => c.split(';')[0])].join('; ');
}
