// A real OpenID provider in process (oidc-provider) for single sign-on tests: one confidential
// client, an in-memory account store, its own development login and consent pages, on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { buildTestApp, type TestAppOptions } from './app.ts';

export interface ProviderAccount {
  email: string;
  emailVerified: boolean;
}

export const TEST_CLIENT = {
  clientId: 'trailmap-test',
  clientSecret: 'a-test-client-secret-of-enough-length',
};

/** A port nobody listens on now (the app's address must be known to register its callback). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startOpenIdProvider(options: { redirectUri: string }) {
  /** Login name (what the provider's login page takes) → the person; the login is the subject. */
  const accounts = new Map<string, ProviderAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.clientId,
        client_secret: TEST_CLIENT.clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    cookies: { keys: ['test-provider-cookie-key'] },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified }),
      };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    provider,
    /** Someone who can sign in at the provider with this login (any password). */
    addAccount(login: string, account: ProviderAccount) {
      accounts.set(login, account);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OpenIdProvider = Awaited<ReturnType<typeof startOpenIdProvider>>;

/** Cookies as a browser keeps them for one host (ports share cookies, as in browsers). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0\b/i.test(line);
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.header() },
    });
    this.take(response);
    return response;
  }
}

/**
 * Goes from the authorization URL through the provider's login and consent pages as a person would
 * (over HTTP), and returns the callback URL the provider sends the browser to, not yet visited.
 */
export async function passProviderPages(jar: CookieJar, authorizationUrl: string, login: string) {
  let response = await jar.fetch(authorizationUrl);
  let current = new URL(authorizationUrl);
  for (let step = 0; step < 12; step++) {
    if (response.status >= 300 && response.status < 400) {
      current = new URL(response.headers.get('location') as string, current);
      if (current.pathname === '/auth/oidc/callback') return current;
      response = await jar.fetch(current);
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action || !prompt)
      throw new Error(`unexpected provider page ${response.status} at ${current}: ${page.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    current = new URL(action, current);
    response = await jar.fetch(current, {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  throw new Error('the provider did not send the browser back');
}

/**
 * The app listening on a port known in advance, with single sign-on ("Sign in with Acme") through
 * a provider of its own started for it; `close` stops both.
 */
export async function startAppWithOpenIdProvider(
  options: Omit<TestAppOptions, 'publicUrl' | 'singleSignOn'> = {},
) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const redirectUri = `${baseUrl}/auth/oidc/callback`;
  const op = await startOpenIdProvider({ redirectUri });
  const app = await buildTestApp({
    ...options,
    publicUrl: baseUrl,
    singleSignOn: { issuer: op.issuer, ...TEST_CLIENT, label: 'Sign in with Acme', redirectUri },
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    op,
    baseUrl,
    close: async () => {
      await app.close();
      await op.close();
    },
  };
}
