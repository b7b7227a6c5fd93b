// The account pages as forms, without JavaScript: CSRF tokens, errors shown in the form, redirects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { seedLearner, TEST_PASSWORD } from '../../../test/helpers/db.ts';
import type { App } from '../../app.ts';

let app: App;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

/** Opens a form page like a browser: keeps its cookies and reads the CSRF token from the form. */
async function formPage(url: string, cookie = '') {
  const res = await app.inject({ url, headers: { cookie } });
  const token = res.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const cookies = [
    cookie,
    ...[res.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]),
  ].filter(Boolean);
  return { res, token, cookie: cookies.join('; ') };
}

const postForm = (url: string, fields: Record<string, string>, cookie: string) =>
  app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });

describe('account pages', () => {
  it('signs in through the form and goes back where the learner was', async () => {
    const { email } = await seedLearner(app.database);
    const page = await formPage('/signin?next=/roadmaps/devops');
    expect(page.res.statusCode).toBe(200);
    expect(page.res.headers['cache-control']).toBe('private, no-store');
    const res = await postForm(
      '/signin',
      { _csrf: page.token, email, password: TEST_PASSWORD, next: '/roadmaps/devops' },
      page.cookie,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/roadmaps/devops');
    expect(String(res.headers['set-cookie'])).toContain('trailmap_session=');
  });

  it('shows a wrong password in the form, keeping the email', async () => {
    const page = await formPage('/signin');
    const res = await postForm(
      '/signin',
      { _csrf: page.token, email: 'who@example.org', password: 'nope nope' },
      page.cookie,
    );
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('role="alert" id="auth-error">The email or password is not right</p>');
    expect(res.body).toContain('value="who@example.org"');
  });

  it('refuses a form post without its CSRF token, with a page that says why', async () => {
    const page = await formPage('/signin');
    const res = await postForm(
      '/signin',
      { email: 'who@example.org', password: 'whatever it is' },
      page.cookie,
    );
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('The form expired or came from another site');
  });

  it('never sends a visitor to another site after sign-in', async () => {
    const { email } = await seedLearner(app.database);
    const page = await formPage('/signin');
    for (const next of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      '/\t/evil.example',
      '/%2F/evil.example',
      '/%09/evil.example',
    ]) {
      const res = await postForm(
        '/signin',
        { _csrf: page.token, email, password: TEST_PASSWORD, next },
        page.cookie,
      );
      expect(res.headers.location, next).toBe('/');
    }
  });

  it('escapes what a visitor typed when showing it back', async () => {
    const page = await formPage('/signup');
    const res = await postForm(
      '/signup',
      { _csrf: page.token, email: '"><script>alert(1)</script>', password: 'x' },
      page.cookie,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>alert(1)');
  });

  it('sends a signed-out visitor from /account to sign in, and shows the account when signed in', async () => {
    expect((await app.inject({ url: '/account' })).headers.location).toBe('/signin?next=/account');
    const { email } = await seedLearner(app.database);
    const signin = await formPage('/signin');
    const res = await postForm(
      '/signin',
      { _csrf: signin.token, email, password: TEST_PASSWORD, next: '/account' },
      signin.cookie,
    );
    const session = String(res.headers['set-cookie']).split(';')[0] as string;
    const account = await formPage('/account', `${signin.cookie}; ${session}`);
    expect(account.res.statusCode).toBe(200);
    expect(account.res.body).toContain(`Signed in as <strong>${email}</strong>`);
    expect(account.res.body).toContain('Download all my data');
    const change = await postForm(
      '/account/password',
      { _csrf: account.token, current: 'wrong', next: 'another secret phrase' },
      account.cookie,
    );
    expect(change.statusCode).toBe(403);
    expect(change.body).toContain('current is not your current password');
  });

  it('marks the session cookie Secure behind a proxy that says the request came over HTTPS', async () => {
    const proxied = await buildTestApp({ database: app.database, trustProxy: ['127.0.0.1'] });
    try {
      const { email } = await seedLearner(app.database);
      const res = await proxied.inject({
        method: 'POST',
        url: '/api/v1/auth/signin',
        payload: { email, password: TEST_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(res.headers['set-cookie'])).toContain('Secure');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await proxied.close();
    }
  });
});
