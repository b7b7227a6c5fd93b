// Single sign-on over HTTP against a real OpenID provider in process: the code flow with PKCE signs
// in, makes or links the account, and every answer that does not belong to this browser's sign-in
// (tampered state, wrong nonce, a replayed callback, an unverified email) is refused with no session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, seedLearner } from '../../../test/helpers/db.ts';
import {
  CookieJar,
  type OpenIdProvider,
  passProviderPages,
  startAppWithOpenIdProvider,
} from '../../../test/helpers/openid-provider.ts';
import type { App } from '../../app.ts';

describe.each(DATABASE_KINDS)('single sign-on on %s', (kind) => {
  let app: App;
  let op: OpenIdProvider;
  let baseUrl: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, op, baseUrl, close } = await startAppWithOpenIdProvider({ kind }));
  });
  afterAll(() => close?.());

  /** Starts a sign-in as a browser does; returns the jar and where the app sends the browser. */
  async function start(jar = new CookieJar(), next = '/roadmaps/backend') {
    const res = await jar.fetch(`${baseUrl}/auth/oidc/start?next=${encodeURIComponent(next)}`);
    expect(res.status).toBe(303);
    return { jar, authorizationUrl: res.headers.get('location') as string };
  }

  const me = (jar: CookieJar) => jar.fetch(`${baseUrl}/api/v1/me`);

  async function expectRefused(res: Response, jar: CookieJar, status: number, sentence: RegExp) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('Single sign-on did not complete');
    expect(page).toMatch(sentence);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('trailmap_session=') && !/=;/.test(c))).toBe(
      false,
    );
    expect((await me(jar)).status).toBe(401);
  }

  it('sends the browser to the issuer with PKCE, a state and a nonce, in a signed HttpOnly cookie', async () => {
    const jar = new CookieJar();
    const res = await jar.fetch(`${baseUrl}/auth/oidc/start`);
    const url = new URL(res.headers.get('location') as string);
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(`${baseUrl}/auth/oidc/callback`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('trailmap_oidc='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toContain(`${url.searchParams.get('state')}.`); // the state, signed
  });

  it('creates the account at a first sign-in and signs in to the same one afterwards', async () => {
    op.addAccount('new-person', { email: 'new.person@acme.example', emailVerified: true });
    const { jar, authorizationUrl } = await start();
    const callback = await passProviderPages(jar, authorizationUrl, 'new-person');
    const res = await jar.fetch(callback);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/roadmaps/backend');
    const first = await (await me(jar)).json();
    expect(first.email).toBe('new.person@acme.example');

    const again = await start(new CookieJar());
    const back = await again.jar.fetch(
      await passProviderPages(again.jar, again.authorizationUrl, 'new-person'),
    );
    expect(back.status).toBe(303);
    expect((await (await me(again.jar)).json()).id).toBe(first.id);
    // The account has no password: password sign-in with the address fails as for an unknown one.
    const password = await fetch(`${baseUrl}/api/v1/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.person@acme.example', password: 'any password at all' }),
    });
    expect(password.status).toBe(401);
  });

  it('links an existing account with the same email when the provider says it is verified', async () => {
    const learner = await seedLearner(app.database, 'verified@acme.example');
    op.addAccount('verified-person', { email: 'Verified@acme.example', emailVerified: true });
    const { jar, authorizationUrl } = await start();
    await jar.fetch(await passProviderPages(jar, authorizationUrl, 'verified-person'));
    expect((await (await me(jar)).json()).id).toBe(learner.id);
  });

  it('refuses to link an existing account when the provider has not verified the email', async () => {
    const learner = await seedLearner(app.database, 'unverified@acme.example');
    op.addAccount('unverified-person', { email: 'unverified@acme.example', emailVerified: false });
    const { jar, authorizationUrl } = await start();
    const res = await jar.fetch(await passProviderPages(jar, authorizationUrl, 'unverified-person'));
    await expectRefused(res, jar, 403, /has not confirmed that this address is yours, so nothing was linked/);
    const linked = await app.db
      .selectFrom('identities')
      .selectAll()
      .where('learner_id', '=', learner.id)
      .execute();
    expect(linked).toEqual([]);
  });

  it('refuses a callback whose state was tampered with', async () => {
    op.addAccount('tamper-state', { email: 'tamper-state@acme.example', emailVerified: true });
    const { jar, authorizationUrl } = await start();
    const callback = await passProviderPages(jar, authorizationUrl, 'tamper-state');
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    await expectRefused(await jar.fetch(callback), jar, 400, /did not start in this browser/);
  });

  it('refuses a callback that reaches another browser (no sign-in started there)', async () => {
    op.addAccount('other-browser', { email: 'other-browser@acme.example', emailVerified: true });
    const { jar, authorizationUrl } = await start();
    const callback = await passProviderPages(jar, authorizationUrl, 'other-browser');
    const stranger = new CookieJar();
    await expectRefused(await stranger.fetch(callback), stranger, 400, /did not start in this browser/);
  });

  it('refuses an ID token whose nonce is not the one of this sign-in', async () => {
    op.addAccount('wrong-nonce', { email: 'wrong-nonce@acme.example', emailVerified: true });
    const { jar, authorizationUrl } = await start();
    const url = new URL(authorizationUrl);
    url.searchParams.set('nonce', 'a-nonce-this-sign-in-never-made');
    const res = await jar.fetch(await passProviderPages(jar, url.href, 'wrong-nonce'));
    await expectRefused(res, jar, 400, /its nonce does not match/);
  });

  it('refuses a replayed callback, even with the cookie of the sign-in it came from', async () => {
    op.addAccount('replayed', { email: 'replayed@acme.example', emailVerified: true });
    const { jar, authorizationUrl } = await start();
    const flowCookie = jar.cookies.get('trailmap_oidc') as string;
    const callback = await passProviderPages(jar, authorizationUrl, 'replayed');
    expect((await jar.fetch(callback)).status).toBe(303);
    const attacker = new CookieJar();
    attacker.cookies.set('trailmap_oidc', flowCookie);
    await expectRefused(await attacker.fetch(callback), attacker, 400, /already used or has expired/);
  });

  it('refuses a callback the provider answered with an error (the person cancelled)', async () => {
    const { jar, authorizationUrl } = await start();
    const state = new URL(authorizationUrl).searchParams.get('state') as string;
    const callback = new URL(`${baseUrl}/auth/oidc/callback`);
    callback.searchParams.set('error', 'access_denied');
    callback.searchParams.set('error_description', 'End-User aborted interaction');
    callback.searchParams.set('state', state);
    callback.searchParams.set('iss', op.issuer);
    await expectRefused(
      await jar.fetch(callback),
      jar,
      400,
      /did not sign you in \(End-User aborted interaction\)/,
    );
  });

  it('shows the button on the sign-in page, next to the password form', async () => {
    const page = await (await fetch(`${baseUrl}/signin?next=/roadmaps/backend`)).text();
    expect(page).toContain('href="/auth/oidc/start?next=%2Froadmaps%2Fbackend"');
    expect(page).toContain('Sign in with Acme');
    expect(page).toContain('name="password"');
  });
});

describe('without single sign-on set up', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('has no button, and the routes say single sign-on is not set up', async () => {
    expect((await app.inject('/signin')).body).not.toContain('/auth/oidc/start');
    for (const url of ['/auth/oidc/start', '/auth/oidc/callback?code=x&state=y']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('Single sign-on is not set up on this server');
    }
  });
});
