// HTML forms: urlencoded bodies and CSRF tokens (a signed secret cookie plus a token per form).
// A token is bound to the session it was made for (the session token's hash; none when signed
// out), so a pair an attacker fetched anonymously and planted stops working at sign-in.
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sharedSecret } from '../db/secrets.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** A CSRF token for a form on this page, bound to the current session. */
    formToken(): string;
  }
}

const sessionOf = (request: FastifyRequest) => request.session?.tokenHash ?? 'signed-out';

export const formsPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(formbody, { bodyLimit: 32 * 1024 });
    await app.register(csrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: 'trailmap_csrf',
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true },
      csrfOpts: { hmacKey: await sharedSecret(app.db, 'csrf') },
      getUserInfo: sessionOf,
      getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
    });
    app.decorateReply('formToken', function (this: FastifyReply) {
      // Secure whenever the session cookie is (see plugins/session.ts).
      return this.generateCsrf({
        userInfo: sessionOf(this.request),
        secure: this.request.protocol === 'https',
      });
    });
  },
  { name: 'forms', dependencies: ['session'] },
);
