// Every check of a password counts against the account's limit: sign-in, password change and account
// deletion, through the API and through the forms. Only failures count; the learner is told how many
// attempts are left and, once paused, for how long; the owner's own browser keeps a way in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';
import { seedLearner, TEST_PASSWORD } from '../helpers/db.ts';
import { signInAs } from '../helpers/learners.ts';

const PER_ACCOUNT = 4;
let app: App;
beforeAll(async () => {
  app = await buildTestApp({ authLimits: { perIp: 1000, perAccount: PER_ACCOUNT, windowSeconds: 900 } });
});
afterAll(() => app.close());

const cookiesOf = (setCookie: string | string[] | undefined, before = '') =>
  [before, ...[setCookie ?? []].flat().map((c) => String(c).split(';')[0])].filter(Boolean).join('; ');

/** A form page read like a browser: its cookies and the CSRF token of its form. */
async function formPage(url: string, cookie = '') {
  const res = await app.inject({ url, headers: { cookie } });
  const token = res.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  return { token, cookie: cookiesOf(res.headers['set-cookie'], cookie) };
}

const postForm = (url: string, fields: Record<string, string>, cookie: string, remoteAddress?: string) =>
  app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    ...(remoteAddress ? { remoteAddress } : {}),
  });

const signIn = (email: string, password: string, remoteAddress = '127.0.0.1', cookie = '') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/signin',
    payload: { email, password },
    remoteAddress,
    headers: cookie ? { cookie } : {},
  });

type Guess = (cookie: string, wrong: string) => Promise<{ statusCode: number; body: string }>;

/** The four ways a signed-in caller can have a password checked, each with a wrong password. */
const CHECKS: Record<string, Guess> = {
  'POST /api/v1/me/password': (cookie, wrong) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { current: wrong, next: 'a brand new passphrase' },
      headers: { cookie },
    }),
  'DELETE /api/v1/me': (cookie, wrong) =>
    app.inject({ method: 'DELETE', url: '/api/v1/me', payload: { password: wrong }, headers: { cookie } }),
  'POST /account/password': async (cookie, wrong) => {
    const page = await formPage('/account', cookie);
    return postForm(
      '/account/password',
      { _csrf: page.token, current: wrong, next: 'a brand new passphrase' },
      page.cookie,
    );
  },
  'POST /account/delete': async (cookie, wrong) => {
    const page = await formPage('/account', cookie);
    return postForm('/account/delete', { _csrf: page.token, password: wrong }, page.cookie);
  },
};

describe.each(Object.entries(CHECKS))('%s', (_name, guess) => {
  it('counts a wrong password against the account’s limit, and then refuses even the right one', async () => {
    const { email } = await seedLearner(app.database);
    const { cookie } = await signInAs(app, email);
    for (let i = 0; i < PER_ACCOUNT; i++)
      expect((await guess(cookie, `wrong guess ${i}`)).statusCode).toBe(403);
    const paused = await guess(cookie, TEST_PASSWORD);
    expect(paused.statusCode).toBe(429);
    expect(paused.body).toMatch(/try again in 1[45] minutes/);
    // The same account's sign-in is paused as well: one limit per account, whatever checks the password.
    expect((await signIn(email, TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(429);
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });
});

describe('sign-in lockout', () => {
  it('does not count successful sign-ins', async () => {
    const { email } = await seedLearner(app.database);
    for (let i = 0; i < PER_ACCOUNT * 2; i++)
      expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await signIn(email, 'one wrong guess')).statusCode).toBe(401);
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('says how many attempts are left before it pauses, then for how long it is paused', async () => {
    const { email } = await seedLearner(app.database);
    const messages: string[] = [];
    for (let i = 0; i < PER_ACCOUNT; i++) messages.push((await signIn(email, `guess ${i}`)).json().message);
    expect(messages.at(-3)).toBe('The email or password is not right: 2 attempts left before sign-in pauses');
    expect(messages.at(-2)).toBe('The email or password is not right: 1 attempt left before sign-in pauses');
    expect(messages.at(-1)).toBe(
      'The email or password is not right: sign-in for this account is paused for 15 minutes',
    );
    const paused = await signIn(email, TEST_PASSWORD);
    expect(paused.statusCode).toBe(429);
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(800);
    expect(paused.json()).toEqual({
      error: 'too_many_requests',
      message: 'Too many attempts: sign-in for this account is paused, try again in 15 minutes',
    });
  });

  it('keeps the form on the paused sign-in page and names the time left', async () => {
    const { email } = await seedLearner(app.database);
    for (let i = 0; i < PER_ACCOUNT; i++) await signIn(email, `guess ${i}`);
    const page = await formPage('/signin');
    const res = await postForm('/signin', { _csrf: page.token, email, password: TEST_PASSWORD }, page.cookie);
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('try again in 15 minutes');
    expect(res.body).toContain('<form method="post" action="/signin"');
    expect(res.body).toContain(`value="${email}"`);
  });

  it('lets the owner in from a browser they signed in with before, while others’ guesses pause the account', async () => {
    const { email } = await seedLearner(app.database);
    const earlier = await signIn(email, TEST_PASSWORD, '192.0.2.7');
    const device = cookiesOf(earlier.headers['set-cookie'])
      .split('; ')
      .filter((c) => c.startsWith('trailmap_device='))
      .join('');
    expect(device).not.toBe('');
    // An attacker, from many addresses, uses up the account's attempts.
    for (let i = 0; i < PER_ACCOUNT + 2; i++) await signIn(email, `attacker ${i}`, `198.51.100.${i + 1}`);
    expect((await signIn(email, TEST_PASSWORD, '203.0.113.50')).statusCode).toBe(429);
    // The owner's browser still gets in, and a device cookie does not let anyone guess on.
    expect((await signIn(email, TEST_PASSWORD, '192.0.2.7', device)).statusCode).toBe(200);
    for (let i = 0; i < PER_ACCOUNT; i++) await signIn(email, `with the cookie ${i}`, '192.0.2.8', device);
    expect((await signIn(email, TEST_PASSWORD, '192.0.2.8', device)).statusCode).toBe(429);
  });
});
