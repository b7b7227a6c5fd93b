// Reads Trailmap's settings from the environment: one schema, checked once at start.

import { isIP } from 'node:net';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const oneOf = (values: string[], options: { default: string; description: string }) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  );

const count = (minimum: number, maximum: number, fallback: number, description: string) =>
  Type.Integer({ minimum, maximum, default: fallback, description });

export const ConfigSchema = Type.Object({
  PORT: count(0, 65535, 3000, 'TCP port to listen on'),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'interface to listen on (0.0.0.0 for all)',
  }),
  METRICS_PORT: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65535,
      description:
        'serve /metrics only on this port (bound to METRICS_HOST), never on PORT; unset: on PORT, keep it private at the proxy',
    }),
  ),
  METRICS_HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'interface METRICS_PORT listens on',
  }),
  CONTENT_DIR: Type.String({
    minLength: 1,
    default: './content',
    description: 'folder holding roadmaps/ and skills/',
  }),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'folder of the embedded database' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'postgres://user:password@host:5432/db to use PostgreSQL instead of the embedded database',
    }),
  ),
  DATABASE_LISTEN_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description:
        'a direct PostgreSQL connection for LISTEN when DATABASE_URL goes through a transaction pooler',
    }),
  ),
  DATABASE_TIMEOUT: count(
    1,
    3600,
    5,
    'seconds to wait for PostgreSQL (to connect, or for one statement) before answering 503',
  ),
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^/]+/?$',
      description:
        'the address learners use, e.g. https://learn.example.org (accepted as the Origin of API writes)',
    }),
  ),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
    description: 'fatal|error|warn|info|debug|trace|silent',
  }),
  LOG_REQUESTS: oneOf(['all', 'errors', 'none'], {
    default: 'all',
    description: 'all|errors|none: which requests get a log line (errors: answers of 400 and above)',
  }),
  SESSION_TTL: count(60, 31_536_000, 2_592_000, 'seconds a session lives after its last use'),
  TRUST_PROXY: Type.String({
    default: 'false',
    description:
      'false, or the addresses/CIDRs of the proxies trusted to set X-Forwarded-* (e.g. 127.0.0.1,10.0.0.0/8)',
  }),
  RATE_LIMIT_WINDOW: count(
    1,
    86_400,
    900,
    'seconds over which failed password checks and sign-up attempts are counted',
  ),
  RATE_LIMIT_PER_IP: count(
    1,
    100_000,
    30,
    'failed password checks and sign-up attempts per IP address per window',
  ),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://[^/?#]+',
      description:
        'smtp://user:password@host:587 (STARTTLS when offered) or smtps://… (TLS) to send mail: password reset, address verification; without it Trailmap sends no email',
    }),
  ),
  MAIL_FROM: Type.Optional(
    Type.String({
      pattern: '^([^<>\\r\\n]*<[^\\s@<>]+@[^\\s@<>]+>|[^\\s@<>]+@[^\\s@<>]+)$',
      description: 'the sender of the mails, e.g. "Trailmap <trailmap@example.org>" (needed with SMTP_URL)',
    }),
  ),
  REQUIRE_EMAIL_VERIFICATION: oneOf(['true', 'false'], {
    default: 'false',
    description: 'true|false: sign-in needs a confirmed email address (needs SMTP_URL)',
  }),
  RATE_LIMIT_PER_ACCOUNT: count(
    1,
    100_000,
    10,
    'failed password checks per account per window (sign-in, password change, deletion)',
  ),
  OIDC_ISSUER: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s]+$',
      description:
        'the OpenID Connect issuer for single sign-on, e.g. https://login.example.org/realms/acme (needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and PUBLIC_URL)',
    }),
  ),
  OIDC_CLIENT_ID: Type.Optional(
    Type.String({ minLength: 1, description: 'the client id Trailmap is registered with at the issuer' }),
  ),
  OIDC_CLIENT_SECRET: Type.Optional(
    Type.String({ minLength: 1, description: 'the client secret that goes with OIDC_CLIENT_ID' }),
  ),
  OIDC_LABEL: Type.String({
    minLength: 1,
    maxLength: 60,
    default: 'Sign in with single sign-on',
    description: 'the text of the single sign-on button, e.g. "Sign in with Acme"',
  }),
  PASSWORD_SIGNIN: oneOf(['true', 'false'], {
    default: 'true',
    description: 'true|false: false turns password sign-in and sign-up off (needs OIDC_ISSUER)',
  }),
  ALLOW_TEAM_CREATION: oneOf(['everyone', 'admins'], {
    default: 'everyone',
    description: 'everyone|admins: who may create teams (any signed-in learner, or instance admins only)',
  }),
});

export type Config = Static<typeof ConfigSchema>;

/** Thrown for a bad variable; its message is the one line an operator needs. */
export class ConfigError extends Error {}

function describeAccepted(schema: TSchema & { description: string }): string {
  if (schema.type === 'integer') return `an integer from ${schema.minimum} to ${schema.maximum}`;
  if (schema.anyOf) return `one of ${schema.description.split(':')[0]}`;
  if (schema.pattern?.startsWith('^https?://[^/]'))
    return 'an http(s) origin such as https://learn.example.org';
  if (schema.pattern?.startsWith('^https?')) return 'an http(s) URL such as https://login.example.org';
  if (schema.pattern?.startsWith('^smtp')) return 'a URL such as smtp://user:password@host:587 or smtps://…';
  if (schema.pattern?.startsWith('^(')) return 'an address such as "Trailmap <trailmap@example.org>"';
  if (schema.maxLength) return `a text of 1 to ${schema.maxLength} characters`;
  if (schema.pattern) return 'a URL starting with postgres://';
  return 'a non-empty string';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(ConfigSchema.properties)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    raw[name] =
      (schema as TSchema).type === 'integer' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  }
  const config = Value.Default(ConfigSchema, raw) as Config;
  const error = Value.Errors(ConfigSchema, config).First();
  if (error) {
    const name = error.path.slice(1) as keyof Config;
    const schema = ConfigSchema.properties[name] as TSchema & { description: string };
    throw new ConfigError(`${name} must be ${describeAccepted(schema)} (got ${JSON.stringify(env[name])})`);
  }
  if (config.TRUST_PROXY !== 'false' && !trustedProxies(config.TRUST_PROXY)) {
    throw new ConfigError(
      `TRUST_PROXY must be false or the addresses or CIDRs of your proxies, such as 127.0.0.1,10.0.0.0/8 (got ${JSON.stringify(env.TRUST_PROXY)}): a hop count or true trusts an X-Forwarded-For that clients can forge`,
    );
  }
  checkMailSettings(config, env);
  checkSingleSignOn(config);
  return config;
}

/** Mail needs all of its settings, and the links in it need the site's public address. */
function checkMailSettings(config: Config, env: NodeJS.ProcessEnv): void {
  if (config.SMTP_URL && !URL.canParse(config.SMTP_URL)) {
    throw new ConfigError(
      `SMTP_URL must be a URL such as smtp://user:password@host:587 (got ${JSON.stringify(env.SMTP_URL)}): write special characters of the password %-encoded`,
    );
  }
  if (config.SMTP_URL && !config.MAIL_FROM) {
    throw new ConfigError('MAIL_FROM must be set when SMTP_URL is, e.g. "Trailmap <trailmap@example.org>"');
  }
  if (config.SMTP_URL && !config.PUBLIC_URL) {
    throw new ConfigError(
      'PUBLIC_URL must be set when SMTP_URL is: the links in the mails point to it (e.g. https://learn.example.org)',
    );
  }
  if (config.REQUIRE_EMAIL_VERIFICATION === 'true' && !config.SMTP_URL) {
    throw new ConfigError(
      'REQUIRE_EMAIL_VERIFICATION=true needs SMTP_URL: without mail nobody could confirm an address',
    );
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The combinations that cannot work stop the start, each with the line that says why. */
function checkSingleSignOn(config: Config): void {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: secret } = config;
  if (!issuer) {
    if (clientId || secret)
      throw new ConfigError('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET need OIDC_ISSUER: set it, or unset them');
    if (config.PASSWORD_SIGNIN === 'false')
      throw new ConfigError(
        'PASSWORD_SIGNIN=false needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): otherwise nobody could sign in',
      );
    return;
  }
  if (!clientId || !secret)
    throw new ConfigError('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set both');
  if (!config.PUBLIC_URL)
    throw new ConfigError(
      'OIDC_ISSUER needs PUBLIC_URL: the issuer sends learners back to <PUBLIC_URL>/auth/oidc/callback',
    );
  const url = new URL(issuer);
  // Without TLS anyone on the way could forge the issuer's answers: plain http only on this machine.
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    throw new ConfigError(
      `OIDC_ISSUER must use https (got ${JSON.stringify(issuer)}): plain http is accepted only for an issuer on this machine (127.0.0.1, localhost)`,
    );
}

/** Single sign-on as the app takes it, or undefined when OIDC_ISSUER is unset. */
export function singleSignOn(config: Config) {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = config;
  if (!issuer || !clientId || !clientSecret || !config.PUBLIC_URL) return undefined;
  const redirectUri = new URL('/auth/oidc/callback', config.PUBLIC_URL).href;
  return { issuer, clientId, clientSecret, label: config.OIDC_LABEL, redirectUri };
}

/** The names proxy-addr (Fastify's trustProxy) knows for whole ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** A comma-separated list of proxies, or undefined when any entry is not an address or CIDR. */
function trustedProxies(value: string): string[] | undefined {
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isAddressOrCidr) ? entries : undefined;
}

/**
 * `TRUST_PROXY` as Fastify's trustProxy option: only the named proxies are believed, so the client
 * address is the right-most X-Forwarded-For hop that is not one of them. (A hop count or `true`
 * would believe what the client itself wrote at the left.)
 */
export function trustProxy(config: Config): false | string[] {
  return config.TRUST_PROXY === 'false' ? false : (trustedProxies(config.TRUST_PROXY) ?? false);
}

/** One line per variable, for `trailmap --help`. */
export function describeConfig(): string[] {
  return Object.entries(ConfigSchema.properties).map(([name, schema]) => {
    const { description, default: fallback } = schema as { description: string; default: unknown };
    return `${name.padEnd(23)} ${description}${fallback === undefined ? '' : ` (default: ${fallback})`}`;
  });
}
