// After a sign-in with a one-time password (an operator's reset), the session may do one thing:
// choose a new password. Pages send the learner to the form that explains why; the personal API
// answers 403 password_change_required. Decided on the matched route, like the other guards.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.ts';

export const CHANGE_PASSWORD_PAGE = '/account/password';
export const PASSWORD_CHANGE_REQUIRED =
  'You signed in with a one-time password: choose a new password first (POST /api/v1/me/password or /account/password)';

/** What such a session may still do: choose the password, or sign out. */
const STILL_OPEN = new Set([
  `GET ${CHANGE_PASSWORD_PAGE}`,
  `HEAD ${CHANGE_PASSWORD_PAGE}`,
  `POST ${CHANGE_PASSWORD_PAGE}`,
  'POST /signout',
  'POST /api/v1/auth/signout',
  'POST /api/v1/me/password',
]);
// Teams act with the learner's account as much as /me does.
const PERSONAL_API = /^\/api\/v1\/(me|teams|invites)(\/|$)/;
// Custom roadmaps: anyone may read a published one; writing, and reading a draft, is the author's.
const AUTHORING_API = /^\/api\/v1\/roadmaps(\/|$)/;
const AUTHOR_ONLY_READS = /\/(draft|revisions)$/;

function isPersonal(method: string, route: string): boolean {
  if (PERSONAL_API.test(route)) return true;
  if (!AUTHORING_API.test(route)) return false;
  return (method !== 'GET' && method !== 'HEAD') || AUTHOR_ONLY_READS.test(route);
}
// Neither pages nor personal: files, health and metrics, the API documentation, the public API.
const NOT_A_PAGE = /^\/(assets\/|healthz$|readyz$|metrics$|robots\.txt$|api\/)/;

export const passwordChangeGate = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.session?.mustChangePassword) return;
      const route = request.routeOptions.url;
      if (!route || STILL_OPEN.has(`${request.method} ${route}`)) return;
      if (isPersonal(request.method, route))
        throw new AppError('password_change_required', PASSWORD_CHANGE_REQUIRED);
      if (NOT_A_PAGE.test(route)) return;
      return reply.header('cache-control', 'no-store').redirect(CHANGE_PASSWORD_PAGE, 303);
    });
  },
  { name: 'password-change-gate', dependencies: ['session'] },
);
