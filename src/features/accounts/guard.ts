// The one check that a request is signed in; everything under /me is the caller's own data only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.ts';
import type { ActiveSession } from './sessions.ts';

export function requireSession(request: FastifyRequest): ActiveSession {
  if (!request.session) throw new AppError('unauthorized', 'Sign in first');
  return request.session;
}

const PERSONAL_API = /^\/api\/v1\/me(\/|$)/;

/**
 * Every /api/v1/me route answers a signed-out request 401 before its body is parsed or validated,
 * and before its parameters are checked: a stranger learns nothing about the route from its 400s.
 * Decided on the matched route, so no spelling of the path gets past it.
 */
export const personalApiGuard = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => {
      const route = request.routeOptions.url;
      if (route && PERSONAL_API.test(route)) requireSession(request);
    });
  },
  { name: 'personal-api-guard', dependencies: ['session'] },
);

/** The sentence for a password sign-in or sign-up on a server that has them off (PASSWORD_SIGNIN). */
export function passwordSigninOff(app: FastifyInstance): string | undefined {
  const { password, singleSignOn } = app.signInMethods;
  if (password) return undefined;
  const label = singleSignOn?.settings.label ?? 'single sign-on';
  return `Password sign-in and sign-up are turned off on this server: use “${label}” instead`;
}

/** preHandler of the password sign-in and sign-up API: 403 with the sentence when they are off. */
export function requirePasswordSignin(app: FastifyInstance) {
  return async () => {
    const off = passwordSigninOff(app);
    if (off) throw new AppError('forbidden', off);
  };
}
