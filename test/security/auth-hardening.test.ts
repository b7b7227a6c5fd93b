// Authentication and robustness details an attacker would probe.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { buildApp } from '../../src/app.ts';
import { buildTestApp, loadCatalog, publicDir } from '../helpers/app.ts';
import { openTestDatabase, seedLearner, TEST_PASSWORD } from '../helpers/db.ts';
import { sessionCookie } from '../helpers/learners.ts';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return ((sorted[24] as number) + (sorted[25] as number)) / 2;
};

describe('sign-in', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ authLimits: { perIp: 10_000, perAccount: 10_000 } });
  });
  afterAll(() => app.close());

  it('takes the same time for an unknown email as for a wrong password (medians of 50 within 20%)', async () => {
    const { email } = await seedLearner(app.database);
    const time = async (body: object) => {
      const started = performance.now();
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: body });
      expect(res.statusCode).toBe(401);
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 50; i++) {
      // Interleaved, so a slow moment of the machine hits both sides alike.
      unknown.push(await time({ email: `nobody-${i}@example.org`, password: 'not the password' }));
      wrong.push(await time({ email, password: 'not the password' }));
    }
    const ratio = median(unknown) / median(wrong);
    console.info(
      `sign-in timing: unknown ${median(unknown).toFixed(1)} ms, wrong password ${median(wrong).toFixed(1)} ms`,
    );
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.2);
  });

  it('never returns the password or its hash', async () => {
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'returns@example.org', password: 'never comes back' },
    });
    expect(signup.body).not.toContain('never comes back');
    expect(signup.body).not.toContain('argon2');
    const me = await app.inject({
      url: '/api/v1/me',
      headers: { cookie: sessionCookie(signup.headers['set-cookie']) },
    });
    expect(me.body).not.toContain('argon2');
  });
});

describe('logs', () => {
  it('hold no password, token or cookie', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const database = await openTestDatabase('pglite');
    const app = await buildApp({
      catalog: await loadCatalog(),
      database,
      publicDir,
      sessionTtlSeconds: 3600,
      authLimits: { windowSeconds: 60, perIp: 100, perAccount: 100 },
      logger: { level: 'trace', stream },
      closeDatabase: true,
    });
    try {
      const { email } = await seedLearner(database);
      const signin = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signin',
        payload: { email, password: TEST_PASSWORD },
      });
      const cookie = sessionCookie(signin.headers['set-cookie']);
      await app.inject({ url: '/api/v1/me', headers: { cookie } });
      await app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { current: TEST_PASSWORD, next: 'next secret words' },
        headers: { cookie },
      });
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signin',
        payload: { email, password: 'wrong guess here' },
      });
      const log = lines.join('');
      // One line per request at least, so the checks below read a real log.
      for (const url of ['/api/v1/auth/signin', '/api/v1/me', '/api/v1/me/password'])
        expect(log).toContain(url);
      for (const secret of [
        TEST_PASSWORD,
        'next secret words',
        'wrong guess here',
        cookie.split('=')[1] as string,
        'trailmap_session',
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });
});

describe('request limits', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('answers 413 with the error shape for a body over the limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: JSON.stringify({ email: 'x@example.org', password: 'x'.repeat(300 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: 'payload_too_large', message: 'Request body is too large' });
  });

  it('refuses deeply nested JSON and over-long strings with a 400', async () => {
    const deep = `{"email":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;
    const nested = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(nested.statusCode).toBe(400);
    const long = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signin',
      payload: { email: `${'a'.repeat(300)}@x.org`, password: 'x' },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toBe('email must be at most 254 characters');
  });
});
