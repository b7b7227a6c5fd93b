// Trailmap as an OpenID Connect relying party (openid-client): discovery, the authorization URL
// (code flow, PKCE, state, nonce) and the checked answer of the callback.
import type { FastifyBaseLogger } from 'fastify';
import * as oidc from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The text of the button, e.g. "Sign in with Acme". */
  label: string;
  /** <PUBLIC_URL>/auth/oidc/callback, as registered at the issuer. */
  redirectUri: string;
  /** Seconds to wait for the issuer (discovery and each request). */
  timeoutSeconds?: number;
}

/** What the issuer says about the person, from the verified ID token (and UserInfo). */
export interface IssuerClaims {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
}

/** Why a callback is refused: the status and one sentence for the learner. */
export class SignOnRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Discovery is tried again at most this often while the issuer does not answer. */
const RETRY_MS = 30_000;

export class RelyingParty {
  private configuration: oidc.Configuration | undefined;
  private lastAttempt = 0;
  private attempt: Promise<oidc.Configuration | undefined> | undefined;

  constructor(
    readonly settings: OidcSettings,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Whether the issuer has answered discovery: the button shows only then. */
  get available(): boolean {
    return this.configuration !== undefined;
  }

  /** Reads the issuer's metadata; an issuer that does not answer is logged and tried again later. */
  discover(): Promise<oidc.Configuration | undefined> {
    if (this.configuration) return Promise.resolve(this.configuration);
    if (this.attempt) return this.attempt;
    this.lastAttempt = Date.now();
    this.attempt = this.runDiscovery().finally(() => {
      this.attempt = undefined;
    });
    return this.attempt;
  }

  /** Discovery again if the last try failed long enough ago; does not wait for it. */
  retryInBackground(): void {
    if (!this.configuration && Date.now() - this.lastAttempt > RETRY_MS) void this.discover();
  }

  private async runDiscovery(): Promise<oidc.Configuration | undefined> {
    const { issuer, clientId, clientSecret, timeoutSeconds = 10 } = this.settings;
    const url = new URL(issuer);
    try {
      const configuration = await oidc.discovery(
        url,
        clientId,
        { redirect_uris: [this.settings.redirectUri], response_types: ['code'] },
        oidc.ClientSecretBasic(clientSecret),
        {
          timeout: timeoutSeconds,
          // Plain http only for an issuer on this machine (config.ts refuses any other).
          execute: url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        },
      );
      // The ID token's signature is checked against the issuer's keys, not only trusted for TLS.
      oidc.enableNonRepudiationChecks(configuration);
      this.configuration = configuration;
      this.log.info({ issuer }, 'single sign-on ready');
      return configuration;
    } catch (error) {
      this.log.error(
        { issuer, err: error },
        `single sign-on unavailable: the issuer ${issuer} does not answer discovery (${describe(error)}); the sign-in button is hidden until it does, tried again at most every ${RETRY_MS / 1000} s`,
      );
      return undefined;
    }
  }

  /** A new sign-in: where to send the browser, and the secrets to keep until it comes back. */
  async begin() {
    const configuration = await this.discover();
    if (!configuration) throw unavailable(this.settings.label);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Trades the callback's code for tokens, checks them, and returns who signed in. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<IssuerClaims> {
    const configuration = await this.discover();
    if (!configuration) throw unavailable(this.settings.label);
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new SignOnRefused(502, 'The identity provider sent no ID token.');
      let { email, email_verified: verified } = claims as { email?: unknown; email_verified?: unknown };
      // Some issuers put the email only in UserInfo (claims asked for with an access token).
      if (typeof email !== 'string') {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        email = info.email;
        verified = info.email_verified;
      }
      return {
        issuer: claims.iss,
        subject: claims.sub,
        ...(typeof email === 'string' ? { email } : {}),
        emailVerified: verified === true,
      };
    } catch (error) {
      throw refusal(error, this.settings.label);
    }
  }
}

const unavailable = (label: string) =>
  new SignOnRefused(
    503,
    `“${label}” is not available right now: the identity provider does not answer. Try again in a moment.`,
  );

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** Whether a failed check is the nonce's (oauth4webapi names the claim in the error's cause). */
function concernsNonce(error: unknown): boolean {
  for (let e = error as { message?: unknown; cause?: unknown; claim?: unknown } | undefined; e; ) {
    if (e.claim === 'nonce' || (typeof e.message === 'string' && /nonce/i.test(e.message))) return true;
    e = typeof e.cause === 'object' && e.cause !== null ? (e.cause as typeof e) : undefined;
  }
  return false;
}

/** openid-client's errors as one sentence each: what the provider said, or which check failed. */
function refusal(error: unknown, label: string): SignOnRefused {
  if (error instanceof SignOnRefused) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    const reason = error.error_description ?? error.error;
    return new SignOnRefused(
      400,
      `The identity provider did not sign you in (${reason}): you are not signed in.`,
    );
  }
  if (error instanceof oidc.ResponseBodyError) {
    const reason = error.error_description ?? error.error;
    return new SignOnRefused(
      400,
      `The identity provider refused this sign-in (${reason}); a sign-in link works only once: start again from the sign-in page.`,
    );
  }
  if (error instanceof oidc.ClientError && concernsNonce(error)) {
    return new SignOnRefused(
      400,
      'The identity provider’s answer does not belong to this sign-in (its nonce does not match): you are not signed in. Start again from the sign-in page.',
    );
  }
  if (error instanceof oidc.ClientError && error.code !== undefined && !/TIMEOUT|FETCH/i.test(error.code)) {
    return new SignOnRefused(
      400,
      `The identity provider’s answer failed a check (${error.message}): you are not signed in.`,
    );
  }
  return new SignOnRefused(
    502,
    `“${label}” did not complete: the identity provider could not be reached (${describe(error)}). Try again in a moment.`,
  );
}
