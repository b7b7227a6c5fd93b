// Password reset by mail, over HTTP, with a real SMTP server in the process reading what it gets.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, seedLearner, TEST_PASSWORD } from '../../../test/helpers/db.ts';
import { sessionCookie, signInAs } from '../../../test/helpers/learners.ts';
import { linkIn, startSmtp, type TestSmtp } from '../../../test/helpers/smtp.ts';
import type { App } from '../../app.ts';
import { hashToken } from './sessions.ts';

const SITE = 'https://learn.example.org';
const FROM = 'Trailmap <trailmap@example.org>';
const NEW_PASSWORD = 'a brand new passphrase';

describe.each(DATABASE_KINDS)('password reset on %s', (kind) => {
  let app: App;
  let smtp: TestSmtp;
  const logLines: string[] = [];
  beforeAll(async () => {
    smtp = await startSmtp();
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await buildTestApp({
      kind,
      mail: { smtpUrl: smtp.url, from: FROM, siteUrl: `${SITE}/`, retryDelaysMs: [100, 100] },
      authLimits: { perIp: 1000, perAccount: 1000 },
      logger: { level: 'warn', stream },
    });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const ask = (email: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email }, headers });
  const reset = (token: string, password: string) =>
    app.inject({ method: 'POST', url: `/api/v1/auth/password-reset/${token}`, payload: { password } });
  const tokenOf = (link: string) => link.slice(`${SITE}/reset/`.length);

  async function mailedToken(email: string): Promise<string> {
    const since = smtp.mails.length;
    expect((await ask(email)).statusCode).toBe(202);
    const mail = await smtp.waitFor(email, { since, subject: /Reset your Trailmap password/ });
    return tokenOf(linkIn(mail, `${SITE}/reset/`));
  }

  it('answers 202 for an address with an account and one without, and mails only the first', async () => {
    const { email } = await seedLearner(app.database);
    const since = smtp.mails.length;
    const known = await ask(email);
    const unknown = await ask('nobody-here@example.org');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    expect(known.json().message).toMatch(/If an account uses this address/);
    const mail = await smtp.waitFor(email, { since });
    expect(mail.from).toBe('trailmap@example.org');
    expect(mail.subject).toBe('Reset your Trailmap password');
    expect(mail.text).toContain('works once, within an hour');
    const link = linkIn(mail, `${SITE}/reset/`);
    expect(link).toMatch(/^https:\/\/learn\.example\.org\/reset\/[A-Za-z0-9_-]{43}$/);
    expect(mail.html).toContain(`href="${link}"`);
    await app.mail.mailer.idle();
    expect(smtp.mails.slice(since).map((m) => m.to)).toEqual([email]);
  });

  it('stores only the hash of the token, and it expires in an hour', async () => {
    const { email, id } = await seedLearner(app.database);
    const token = await mailedToken(email);
    const rows = await app.db.selectFrom('email_tokens').selectAll().where('learner_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const lifetime = new Date(rows[0]?.expires_at as Date).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(3_500_000);
    expect(lifetime).toBeLessThanOrEqual(3_600_000);
  });

  it('sets the new password, signs in, ends every other session and mails a notice', async () => {
    const { email } = await seedLearner(app.database);
    const laptop = await signInAs(app, email);
    const phone = await signInAs(app, email);
    const token = await mailedToken(email);
    const since = smtp.mails.length;

    const res = await reset(token, NEW_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email });
    // Opening the mailed link proved the address too.
    expect(res.json().emailVerifiedAt).not.toBeNull();
    const fresh = sessionCookie(res.headers['set-cookie']);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: fresh } })).statusCode).toBe(200);
    for (const old of [laptop, phone]) {
      expect((await app.inject({ url: '/api/v1/me', headers: { cookie: old.cookie } })).statusCode).toBe(401);
    }
    const signIn = (password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: { email, password } });
    expect((await signIn(TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(NEW_PASSWORD)).statusCode).toBe(200);

    const notice = await smtp.waitFor(email, { since, subject: /password was changed/ });
    expect(notice.text).toContain('every other session was signed out');
    expect(notice.text).toContain(`${SITE}/forgot`);
  });

  it('refuses a used link, a tampered one and an expired one, each in a sentence', async () => {
    const { email, id } = await seedLearner(app.database);
    const token = await mailedToken(email);
    expect((await reset(token, NEW_PASSWORD)).statusCode).toBe(200);

    const reused = await reset(token, 'yet another passphrase');
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toEqual({
      error: 'invalid',
      message: 'This link was already used: each link works once',
    });

    const next = await mailedToken(email);
    const tampered = `${next.slice(0, -1)}${next.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, 'short', `${next}x`, '%00%0a']) {
      const res = await reset(bad, NEW_PASSWORD);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().message, bad).toBe('This link is not one we sent, or a newer link replaced it');
    }

    await app.db
      .updateTable('email_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('learner_id', '=', id)
      .where('used_at', 'is', null)
      .execute();
    const expired = await reset(next, NEW_PASSWORD);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().message).toBe('This link has expired: reset links last an hour');
  });

  it('keeps a link working after a new password that breaks the rules, and a newer link replaces it', async () => {
    const { email } = await seedLearner(app.database);
    const first = await mailedToken(email);
    const weak = await reset(first, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toBe('password must be at least 8 characters');
    expect((await reset(first, 'password1')).json().message).toMatch(/most common passwords/);
    const second = await mailedToken(email);
    expect((await reset(first, NEW_PASSWORD)).json().message).toMatch(/newer link replaced it/);
    expect((await reset(second, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an address that is not one, and unknown fields', async () => {
    expect((await ask('not an address')).json()).toEqual({
      error: 'invalid',
      message: 'email must be an email address',
    });
    const extra = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'a@example.org', admin: true },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('tries a refused send again, logs it without the link, and does not lose the mail', async () => {
    const { email } = await seedLearner(app.database);
    const since = smtp.mails.length;
    await app.mail.mailer.idle();
    const linesBefore = logLines.length;
    smtp.refuseNext(1);
    const started = performance.now();
    expect((await ask(email)).statusCode).toBe(202);
    // The answer did not wait for the SMTP server.
    expect(performance.now() - started).toBeLessThan(1000);
    const mail = await smtp.waitFor(email, { since });
    const logged = logLines.slice(linesBefore).join('');
    expect(logged).toContain('mail not sent: trying again later');
    expect(logged).toContain('"kind":"password-reset"');
    expect(logged).not.toContain(tokenOf(linkIn(mail, `${SITE}/reset/`)));
    expect(logged).not.toContain(email);
  });

  it('answers an address with an account as fast as one without (medians of 30)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const time = async (address: string) => {
      // What a previous request queued must not slow this one: the mail work is not what is timed.
      await app.mail.mailer.idle();
      const started = performance.now();
      expect((await ask(address)).statusCode).toBe(202);
      return performance.now() - started;
    };
    for (let i = 0; i < 30; i++) {
      // Interleaved, so a slow moment of the machine hits both sides alike.
      known.push(await time((await seedLearner(app.database)).email));
      unknown.push(await time(`nobody-${i}@example.org`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[15] as number;
    console.info(
      `reset request timing (${kind}): with account ${median(known).toFixed(2)} ms, without ${median(unknown).toFixed(2)} ms`,
    );
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(2, 0.25 * median(unknown)));
    await app.mail.mailer.idle();
  });
});

describe('password reset rate limits', () => {
  let app: App;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await buildTestApp({
      mail: { smtpUrl: smtp.url, from: FROM, siteUrl: SITE },
      authLimits: { perIp: 8, perAccount: 1000, windowSeconds: 900 },
      trustProxy: ['127.0.0.1'],
    });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const ask = (email: string, ip: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email },
      headers: { 'x-forwarded-for': ip },
    });

  it('sends one address at most 5 links per window, from any client, however it is spelt', async () => {
    const { email } = await seedLearner(app.database, 'limited@example.org');
    const spellings = [email, email.toUpperCase(), ` ${email}`, email, email];
    for (const [i, spelling] of spellings.entries())
      expect((await ask(spelling, `10.0.0.${i}`)).statusCode).toBe(202);
    const sixth = await ask(email, '10.0.1.1');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().message).toMatch(/^Too many attempts: try again in/);
    expect(sixth.headers['retry-after']).toBeDefined();
    await app.mail.mailer.idle();
    expect(smtp.mails.filter((m) => m.to === email)).toHaveLength(5);
  });

  it('limits one client address across addresses (RATE_LIMIT_PER_IP)', async () => {
    for (let i = 0; i < 8; i++)
      expect((await ask(`someone-${i}@example.org`, '10.9.9.9')).statusCode).toBe(202);
    expect((await ask('someone-else@example.org', '10.9.9.9')).statusCode).toBe(429);
    expect((await ask('someone-else@example.org', '10.9.9.10')).statusCode).toBe(202);
  });
});

describe('without SMTP_URL', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('says this server sends no email and points to the operator’s command', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'someone@example.org' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'not_found',
      message:
        'This server sends no email: ask its operator to run `trailmap user reset-password <email>`, which gives you a one-time password',
    });
  });
});
