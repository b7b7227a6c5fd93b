// Limits sign-up attempts per IP address and per address signed up, with 429 and Retry-After, and
// provides the password throttle (features/accounts/throttle.ts) that every password check uses.
// The counters are kept in the database, so the limits hold across instances.
import { createHash } from 'node:crypto';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { emailKey } from '../features/accounts/email-key.ts';
import { type PasswordThrottle, passwordThrottle } from '../features/accounts/throttle.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

export interface AuthLimits {
  windowSeconds: number;
  perIp: number;
  perAccount: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandlers for sign-up: per IP, then per email address. */
    authRateLimit: preHandlerAsyncHookHandler[];
    /**
     * preHandlers for requests that send mail (password reset, confirmation links): per IP, then
     * per address (the signed-in learner's, else the body's `email`).
     */
    mailRateLimit: preHandlerAsyncHookHandler[];
    /** Wraps every check of a password (sign-in, password change, deletion). */
    passwordThrottle: PasswordThrottle;
  }
}

const emailOf = (body: unknown) => {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? emailKey(email) : '';
};

/** Mails one address may be sent per window, whatever RATE_LIMIT_PER_ACCOUNT says: nobody needs more. */
export const MAILS_PER_ADDRESS = 5;

const addressHash = (email: string) => createHash('sha256').update(email).digest('base64url');

const errorResponseBuilder: RateLimitOptions['errorResponseBuilder'] = (_request, context) => ({
  statusCode: context.statusCode,
  message: `Too many attempts: try again in ${context.after}`,
});

/**
 * One limiter per plugin registration: the plugin marks a request as counted once per
 * registration, so two limits on one route need two registrations, each in its own context.
 */
async function limiter(
  app: FastifyInstance,
  name: string,
  options: RateLimitOptions,
): Promise<preHandlerAsyncHookHandler> {
  let handler: preHandlerAsyncHookHandler | undefined;
  await app.register(async (scope) => {
    await scope.register(rateLimit, { global: false, store: databaseRateLimitStore(app.db, name) });
    handler = scope.rateLimit(options) as preHandlerAsyncHookHandler;
  });
  return handler as preHandlerAsyncHookHandler;
}

export const rateLimitPlugin = fp(
  async (app: FastifyInstance, limits: AuthLimits) => {
    const timeWindow = limits.windowSeconds * 1000;
    app.decorate('passwordThrottle', passwordThrottle(app.db, limits));
    app.decorate('authRateLimit', [
      await limiter(app, 'auth-ip', {
        max: limits.perIp,
        timeWindow,
        errorResponseBuilder,
        keyGenerator: (r) => `ip:${r.ip}`,
      }),
      await limiter(app, 'auth-account', {
        max: limits.perAccount,
        timeWindow,
        errorResponseBuilder,
        // Hashed: a key never carries bytes the database cannot store (a NUL), nor an address.
        keyGenerator: (r) => `account:${addressHash(emailOf(r.body))}`,
      }),
    ]);
    app.decorate('mailRateLimit', [
      await limiter(app, 'mail-ip', {
        max: limits.perIp,
        timeWindow,
        errorResponseBuilder,
        keyGenerator: (r) => `ip:${r.ip}`,
      }),
      await limiter(app, 'mail-address', {
        max: Math.min(MAILS_PER_ADDRESS, limits.perAccount),
        timeWindow,
        errorResponseBuilder,
        keyGenerator: (r) =>
          `address:${addressHash(r.session ? emailKey(r.session.learner.email) : emailOf(r.body))}`,
      }),
    ]);
  },
  { name: 'rate-limit', dependencies: ['database'] },
);
