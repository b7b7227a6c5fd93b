// HTML forms: urlencoded bodies and CSRF tokens (a signed secret cookie plus a token per form).
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const formsPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(formbody, { bodyLimit: 32 * 1024 });
    await app.register(csrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: 'trailmap_csrf',
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true },
      getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
    });
  },
  { name: 'forms', dependencies: ['session'] },
);
