import { describe, expect, it } from 'vitest';
import { readConfig, singleSignOn, trustProxy } from './config.ts';

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    expect(readConfig({})).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      CONTENT_DIR: './content',
      DATA_DIR: './data',
      SESSION_TTL: 2_592_000,
      TRUST_PROXY: 'false',
    });
    expect(readConfig({}).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer from 0 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent (got "loud")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a URL starting with postgres://'],
    [{ SESSION_TTL: '5' }, 'SESSION_TTL must be an integer from 60 to 31536000 (got "5")'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be false or the addresses'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY must be false or the addresses'],
    [{ TRUST_PROXY: '127.0.0.1,,10.0.0.1' }, 'TRUST_PROXY must be false or the addresses'],
    [{ SMTP_URL: 'mail.example.org:587' }, 'SMTP_URL must be a URL such as smtp://user:password@host:587'],
    [
      { SMTP_URL: 'smtp://mail.example.org:99999' },
      'SMTP_URL must be a URL such as smtp://user:password@host:587',
    ],
    [
      { SMTP_URL: 'smtp://mail.example.org', PUBLIC_URL: 'https://x.org' },
      'MAIL_FROM must be set when SMTP_URL is',
    ],
    [
      { SMTP_URL: 'smtp://mail.example.org', MAIL_FROM: 'a@b.org' },
      'PUBLIC_URL must be set when SMTP_URL is',
    ],
    [
      { MAIL_FROM: 'Trailmap <not an address>' },
      'MAIL_FROM must be an address such as "Trailmap <trailmap@example.org>"',
    ],
    [
      { REQUIRE_EMAIL_VERIFICATION: 'yes' },
      'REQUIRE_EMAIL_VERIFICATION must be one of true|false (got "yes")',
    ],
    [{ REQUIRE_EMAIL_VERIFICATION: 'true' }, 'REQUIRE_EMAIL_VERIFICATION=true needs SMTP_URL'],
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('takes the mail settings together', () => {
    const config = readConfig({
      SMTP_URL: 'smtps://user:p%40ss@mail.example.org:465',
      MAIL_FROM: 'Trailmap <trailmap@example.org>',
      PUBLIC_URL: 'https://learn.example.org',
      REQUIRE_EMAIL_VERIFICATION: 'true',
    });
    expect(config).toMatchObject({
      MAIL_FROM: 'Trailmap <trailmap@example.org>',
      REQUIRE_EMAIL_VERIFICATION: 'true',
    });
    expect(readConfig({}).SMTP_URL).toBeUndefined();
  });

  describe('TRUST_PROXY', () => {
    it.each([
      ['127.0.0.1', ['127.0.0.1']],
      ['127.0.0.1,10.0.0.0/8', ['127.0.0.1', '10.0.0.0/8']],
      [' 10.1.2.3 , fd00::/8 ', ['10.1.2.3', 'fd00::/8']],
      ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
    ])('trusts the proxies named by address or CIDR: %s', (value, trusted) => {
      expect(trustProxy(readConfig({ TRUST_PROXY: value }))).toEqual(trusted);
    });

    it('trusts no proxy by default', () => {
      expect(trustProxy(readConfig({}))).toBe(false);
    });

    it.each(['1', '2', 'true'])('refuses %s at start, saying why', (value) => {
      expect(() => readConfig({ TRUST_PROXY: value })).toThrow(
        `TRUST_PROXY must be false or the addresses or CIDRs of your proxies, such as 127.0.0.1,10.0.0.0/8 (got "${value}"): a hop count or true trusts an X-Forwarded-For that clients can forge`,
      );
    });
  });

  describe('single sign-on', () => {
    const sso = {
      OIDC_ISSUER: 'https://login.example.org/realms/acme',
      OIDC_CLIENT_ID: 'trailmap',
      OIDC_CLIENT_SECRET: 's3cret',
      PUBLIC_URL: 'https://learn.example.org',
    };

    it('is off, with password sign-in on, by default', () => {
      const config = readConfig({});
      expect(config.PASSWORD_SIGNIN).toBe('true');
      expect(singleSignOn(config)).toBeUndefined();
    });

    it('takes the issuer, the client and the button text, and calls back on PUBLIC_URL', () => {
      const config = readConfig({ ...sso, OIDC_LABEL: 'Sign in with Acme', PASSWORD_SIGNIN: 'false' });
      expect(config.PASSWORD_SIGNIN).toBe('false');
      expect(singleSignOn(config)).toEqual({
        issuer: 'https://login.example.org/realms/acme',
        clientId: 'trailmap',
        clientSecret: 's3cret',
        label: 'Sign in with Acme',
        redirectUri: 'https://learn.example.org/auth/oidc/callback',
      });
    });

    it.each([
      [{ PASSWORD_SIGNIN: 'false' }, 'PASSWORD_SIGNIN=false needs single sign-on'],
      [{ PASSWORD_SIGNIN: 'no' }, 'PASSWORD_SIGNIN must be one of true|false (got "no")'],
      [{ OIDC_CLIENT_ID: 'x' }, 'OIDC_CLIENT_ID and OIDC_CLIENT_SECRET need OIDC_ISSUER'],
      [{ ...sso, OIDC_CLIENT_SECRET: undefined }, 'OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET'],
      [{ ...sso, PUBLIC_URL: undefined }, 'OIDC_ISSUER needs PUBLIC_URL'],
      [{ ...sso, OIDC_ISSUER: 'login.example.org' }, 'OIDC_ISSUER must be an http(s) URL'],
      [{ ...sso, OIDC_ISSUER: 'http://login.example.org' }, 'OIDC_ISSUER must use https'],
      [{ ...sso, OIDC_LABEL: 'x'.repeat(61) }, 'OIDC_LABEL must be a text of 1 to 60 characters'],
    ])('refuses %o at start with one line saying why', (env, message) => {
      expect(() => readConfig(env)).toThrow(message);
    });

    it('accepts a plain-http issuer on this machine (development, tests)', () => {
      expect(() => readConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:8080' })).not.toThrow();
    });
  });
});
