// Who is asking: resolves the session cookie to a learner, and starts or ends sessions.
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sharedSecret } from '../db/secrets.ts';
import { type ActiveSession, Sessions } from '../features/accounts/sessions.ts';

export const SESSION_COOKIE = 'trailmap_session';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: Sessions;
  }
  interface FastifyRequest {
    session: ActiveSession | null;
  }
  interface FastifyReply {
    signIn(learnerId: string): Promise<void>;
    signOut(): Promise<void>;
  }
}

export const sessionPlugin = fp(
  async (app: FastifyInstance, options: { ttlSeconds: number }) => {
    await app.register(cookie, { secret: await sharedSecret(app.db, 'cookie'), hook: 'onRequest' });

    const cookieOptions = (request: FastifyRequest) => ({
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: request.protocol === 'https',
    });

    const sessions = new Sessions(app.db, app.changes, options.ttlSeconds);
    app.decorate('sessions', sessions);
    app.decorateRequest('session', null);
    // A callback hook: a request without a session cookie costs no promise.
    app.addHook('onRequest', (request, _reply, done) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token || request.url.startsWith('/assets/')) return done();
      sessions.resume(token).then((session) => {
        request.session = session;
        done();
      }, done);
    });

    app.decorateReply('signIn', async function (this: FastifyReply, learnerId: string) {
      // A new token at every sign-in: a session id planted before sign-in is never reused.
      if (this.request.session) await sessions.end(this.request.session);
      const token = await sessions.start(learnerId);
      this.setCookie(SESSION_COOKIE, token, { ...cookieOptions(this.request), maxAge: options.ttlSeconds });
    });

    app.decorateReply('signOut', async function (this: FastifyReply) {
      if (this.request.session) await sessions.end(this.request.session);
      this.request.session = null;
      this.clearCookie(SESSION_COOKIE, cookieOptions(this.request));
    });
  },
  { name: 'session', dependencies: ['database'] },
);
