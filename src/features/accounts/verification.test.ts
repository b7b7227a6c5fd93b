// Confirming addresses, changing them, and the mail pages, over HTTP with a real SMTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, seedLearner, TEST_PASSWORD } from '../../../test/helpers/db.ts';
import { sessionCookie, signInAs } from '../../../test/helpers/learners.ts';
import { linkIn, startSmtp, type TestSmtp } from '../../../test/helpers/smtp.ts';
import type { App } from '../../app.ts';

const SITE = 'https://learn.example.org';
const FROM = 'Trailmap <trailmap@example.org>';

/** The cookie and CSRF token of a page's form, as a browser would send them back. */
async function formOf(app: App, url: string, cookie = '') {
  const page = await app.inject({ url, headers: cookie ? { cookie } : {} });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const setCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
  const csrfCookie = setCookie.map((c) => c.split(';')[0]).find((c) => c?.startsWith('trailmap_csrf=')) ?? '';
  return { page, csrf, cookie: [cookie, csrfCookie].filter(Boolean).join('; ') };
}

async function postForm(app: App, url: string, from: string, fields: Record<string, string>, cookie = '') {
  const form = await formOf(app, from, cookie);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: form.csrf, ...fields }).toString(),
  });
}

describe.each(DATABASE_KINDS)('email verification on %s', (kind) => {
  let app: App;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await buildTestApp({ kind, mail: { smtpUrl: smtp.url, from: FROM, siteUrl: SITE } });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const signUp = (email: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password: TEST_PASSWORD } });
  const openLink = (link: string, cookie = '') =>
    app.inject({ url: link.slice(SITE.length), headers: cookie ? { cookie } : {} });

  it('mails a link at sign-up; the account works unconfirmed, shows a reminder, and the link confirms it', async () => {
    const email = `new-${kind}@example.org`;
    const res = await signUp(email);
    expect(res.statusCode).toBe(201);
    expect(res.json().emailVerifiedAt).toBeNull();
    const cookie = sessionCookie(res.headers['set-cookie']);
    const account = await app.inject({ url: '/account', headers: { cookie } });
    expect(account.body).toContain('Your address is not confirmed yet');
    expect(account.body).toContain('Send it again');

    const mail = await smtp.waitFor(email, { subject: /Confirm your email address/ });
    expect(mail.text).toContain('Welcome to Trailmap');
    const link = linkIn(mail, `${SITE}/verify/`);
    const opened = await openLink(link, cookie);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('is confirmed');
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(me.json().emailVerifiedAt).not.toBeNull();
    const row = await app.db
      .selectFrom('learners')
      .select('email_verified_at')
      .where('email', '=', email)
      .executeTakeFirst();
    expect(row?.email_verified_at).not.toBeNull();
    expect((await app.inject({ url: '/account', headers: { cookie } })).body).not.toContain(
      'not confirmed yet',
    );

    const again = await openLink(link);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This link was already used: each link works once.');
  });

  it('sends the link again when asked, from the account page and the API', async () => {
    const email = `resend-${kind}@example.org`;
    const cookie = sessionCookie((await signUp(email)).headers['set-cookie']);
    await smtp.waitFor(email);
    const since = smtp.mails.length;
    const res = await postForm(app, '/account/verify-email', '/account', {}, cookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account?notice=verify-resent');
    const mail = await smtp.waitFor(email, { since });
    expect(mail.text).toContain('Here is a new link');
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/me/email-verification',
      headers: { cookie },
    });
    expect(api.statusCode).toBe(202);
    await openLink(linkIn(await smtp.waitFor(email, { since: since + 1 }), `${SITE}/verify/`));
    const done = await app.inject({
      method: 'POST',
      url: '/api/v1/me/email-verification',
      headers: { cookie },
    });
    expect(done.statusCode).toBe(409);
    expect(done.json().message).toBe('Your address is already confirmed');
  });

  it('changes the address with the current password and mails both the old and the new one', async () => {
    const { email } = await seedLearner(app.database);
    const { cookie } = await signInAs(app, email);
    const next = `moved-${kind}@example.org`;
    const since = smtp.mails.length;
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/email',
      headers: { cookie },
      payload: { email: next, password: 'not my password' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toBe('password is not your current password');

    const res = await postForm(
      app,
      '/account/email',
      '/account',
      { email: next, password: TEST_PASSWORD },
      cookie,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account?notice=email-changed');
    const toOld = await smtp.waitFor(email, { since });
    expect(toOld.subject).toBe('Your Trailmap address was changed');
    expect(toOld.text).toContain(`from this address to ${next}`);
    const toNew = await smtp.waitFor(next, { since });
    expect(toNew.text).toContain('This is now the email address of a Trailmap account');
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email: next, emailVerifiedAt: null });
    const signIn = (address: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/signin',
        payload: { email: address, password: TEST_PASSWORD },
      });
    expect((await signIn(email)).statusCode).toBe(401);
    expect((await signIn(next)).statusCode).toBe(200);

    const taken = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/email',
      headers: { cookie },
      payload: { email: email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(taken.statusCode).toBe(200);
    const other = (await seedLearner(app.database)).email;
    const clash = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/email',
      headers: { cookie },
      payload: { email: other, password: TEST_PASSWORD },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toBe('Another account already uses this email');
  });

  it('does not confirm an address with a link sent to the one before it', async () => {
    const email = `before-${kind}@example.org`;
    const cookie = sessionCookie((await signUp(email)).headers['set-cookie']);
    const link = linkIn(await smtp.waitFor(email), `${SITE}/verify/`);
    await app.inject({
      method: 'PUT',
      url: '/api/v1/me/email',
      headers: { cookie },
      payload: { email: `after-${kind}@example.org`, password: TEST_PASSWORD },
    });
    const res = await openLink(link);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/address the account no longer uses|newer link replaced it/);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).json().emailVerifiedAt).toBeNull();
  });
});

describe('REQUIRE_EMAIL_VERIFICATION=true', () => {
  let app: App;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await buildTestApp({
      mail: { smtpUrl: smtp.url, from: FROM, siteUrl: SITE, requireVerification: true },
    });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('signs in only once the mailed link was opened, and says so with a way to resend', async () => {
    const email = 'strict@example.org';
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(signup.statusCode).toBe(201);
    expect(signup.headers['set-cookie'] ?? '').not.toContain('trailmap_session=');
    const first = await smtp.waitFor(email);

    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/^Confirm your email address first/);
    const page = await postForm(app, '/signin', '/signin', { email, password: TEST_PASSWORD, next: '/' });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Confirm your email address first');
    expect(page.body).toContain('Send the confirmation link again');

    const since = smtp.mails.length;
    const resend = await postForm(app, '/verify/resend', '/signin', { email });
    expect(resend.statusCode).toBe(202);
    expect(resend.body).toContain('a new link is on its way');
    const second = await smtp.waitFor(email, { since });
    // The newer link replaced the first.
    expect((await app.inject({ url: linkIn(first, `${SITE}/verify/`).slice(SITE.length) })).statusCode).toBe(
      400,
    );
    expect((await app.inject({ url: linkIn(second, `${SITE}/verify/`).slice(SITE.length) })).statusCode).toBe(
      200,
    );
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('sends a wrong password the usual answer, not the confirmation one', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'strict2@example.org', password: TEST_PASSWORD },
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { email: 'strict2@example.org', password: 'not the password' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('mail pages', () => {
  let app: App;
  let smtp: TestSmtp;
  let plain: App;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await buildTestApp({ mail: { smtpUrl: smtp.url, from: FROM, siteUrl: SITE } });
    plain = await buildTestApp();
  });
  afterAll(async () => {
    await Promise.all([app.close(), plain.close()]);
    await smtp.close();
  });

  it('links "Forgot your password?" from the sign-in page', async () => {
    const page = await app.inject({ url: '/signin' });
    expect(page.body).toContain('<a href="/forgot">Forgot your password?</a>');
  });

  it('says plainly on a server without mail that it sends none, and names the operator’s command', async () => {
    const page = await plain.inject({ url: '/forgot' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This server sends no email');
    expect(page.body).toMatch(/<code>trailmap user reset-password &lt;your email(&gt;|>)<\/code>/);
    expect(page.body).not.toContain('action="/forgot"');
    expect((await plain.inject({ url: '/signup' })).body).toContain('This server sends no email');
  });

  it('resets a password through the forms: forgot, mail, link, new password, signed in', async () => {
    const { email } = await seedLearner(app.database);
    const old = await signInAs(app, email);
    const asked = await postForm(app, '/forgot', '/forgot', { email });
    expect(asked.statusCode).toBe(202);
    expect(asked.body).toContain('If an account uses this address');
    const link = linkIn(await smtp.waitFor(email), `${SITE}/reset/`);
    const path = link.slice(SITE.length);
    const form = await app.inject({ url: path });
    expect(form.statusCode).toBe(200);
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.body).toContain('Choose a new password');
    const weak = await postForm(app, path, path, { password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('Password must be at least 8 characters');
    const saved = await postForm(app, path, path, { password: 'a brand new passphrase' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account?notice=password-reset');
    const cookie = sessionCookie(saved.headers['set-cookie']);
    const account = await app.inject({ url: '/account?notice=password-reset', headers: { cookie } });
    expect(account.body).toContain('Your new password is saved');
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: old.cookie } })).statusCode).toBe(401);
    const reused = await app.inject({ url: path });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain(
      'This link was already used: each link works once. Ask for a new link below.',
    );
    expect(reused.body).toContain('action="/forgot"');
  });

  it('escapes what the visitor typed', async () => {
    const res = await postForm(app, '/forgot', '/forgot', { email: '<script>alert(1)</script>' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('Enter an email address');
  });
});
