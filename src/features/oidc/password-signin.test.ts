// PASSWORD_SIGNIN=false: the organisation's identity provider is the only way in. Password sign-in
// and sign-up are refused (403 and a sentence) on the pages and the API, and the pages say so. Here
// the issuer does not answer: the app starts all the same, and the page says the button is away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { seedLearner, TEST_PASSWORD } from '../../../test/helpers/db.ts';
import { freePort, TEST_CLIENT } from '../../../test/helpers/openid-provider.ts';
import type { App } from '../../app.ts';

const OFF = 'Password sign-in and sign-up are turned off on this server: use “Sign in with Acme” instead';

describe('with password sign-in off and an issuer that does not answer', () => {
  let app: App;
  beforeAll(async () => {
    const silent = `http://127.0.0.1:${await freePort()}`;
    app = await buildTestApp({
      passwordSignin: false,
      publicUrl: 'http://127.0.0.1:3000',
      singleSignOn: {
        issuer: silent,
        ...TEST_CLIENT,
        label: 'Sign in with Acme',
        redirectUri: 'http://127.0.0.1:3000/auth/oidc/callback',
        timeoutSeconds: 2,
      },
    });
    await app.ready(); // discovery runs here; it fails, and the start goes on
  });
  afterAll(() => app.close());

  it('refuses password sign-in and sign-up over the API with 403 and a sentence', async () => {
    const { email } = await seedLearner(app.database, 'has-a-password@example.org');
    for (const url of ['/api/v1/auth/signin', '/api/v1/auth/signup']) {
      const res = await app.inject({ method: 'POST', url, payload: { email, password: TEST_PASSWORD } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json(), url).toEqual({ error: 'forbidden', message: OFF });
      expect(res.headers['set-cookie'] ?? [], url).not.toContainEqual(
        expect.stringMatching(/^trailmap_session=/),
      );
    }
  });

  it('refuses the sign-in and sign-up forms with 403 and the sentence on the page', async () => {
    for (const url of ['/signin', '/signup']) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=has-a-password%40example.org&password=${encodeURIComponent(TEST_PASSWORD)}`,
      });
      expect(res.statusCode, url).toBe(403);
      expect(res.body, url).toContain(OFF);
      expect(res.headers['set-cookie'] ?? [], url).not.toContainEqual(
        expect.stringMatching(/^trailmap_session=/),
      );
    }
  });

  it('shows no password form, says password sign-in is off, and that the button is away', async () => {
    const signIn = (await app.inject('/signin')).body;
    expect(signIn).not.toContain('name="password"');
    expect(signIn).toContain('This server has password sign-in turned off: use “Sign in with Acme”.');
    expect(signIn).toContain(
      '“Sign in with Acme” is not available right now: the identity provider does not answer.',
    );
    expect(signIn).not.toContain('href="/auth/oidc/start');
    const signUp = (await app.inject('/signup')).body;
    expect(signUp).not.toContain('name="password"');
    expect(signUp).toContain('your account is made the first time you use “Sign in with Acme”');
  });

  it('answers a sign-in attempt with 503 and a sentence while the issuer is away', async () => {
    const res = await app.inject('/auth/oidc/start');
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('the identity provider does not answer. Try again in a moment.');
  });
});
