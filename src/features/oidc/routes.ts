// Single sign-on routes: /auth/oidc/start sends the browser to the issuer, /auth/oidc/callback
// takes it back, checks everything and signs in. The state is bound to the browser by a signed,
// HttpOnly cookie; the nonce and PKCE verifier stay in the database, used once.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { renderDocument } from '../../views/render.ts';
import { markPersonal, safeNext } from '../accounts/viewer.ts';
import { type OidcSettings, RelyingParty, SignOnRefused } from './relying-party.ts';
import { CallbackQuery, StartQuery } from './schema.ts';
import { learnerOfSignOn } from './service.ts';
import * as store from './store.ts';
import { SignOnRefusedPage } from './views/SignOnRefusedPage.tsx';

export const LOGIN_COOKIE = 'trailmap_oidc';
/** Minutes a learner has at the issuer before the sign-in must start again. */
const LOGIN_MINUTES = 10;

declare module 'fastify' {
  interface FastifyInstance {
    /** How learners may sign in here: with a password, with the issuer, or both. */
    signInMethods: { password: boolean; singleSignOn: RelyingParty | undefined };
  }
}

const hashState = (state: string) => createHash('sha256').update(state).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const singleSignOnPlugin = fp(
  async (app: FastifyInstance, options: { settings?: OidcSettings; passwordSignin: boolean }) => {
    const party = options.settings ? new RelyingParty(options.settings, app.log) : undefined;
    app.decorate('signInMethods', { password: options.passwordSignin, singleSignOn: party });
    // Discovery at start; an issuer that does not answer leaves the app running without the button.
    if (party) app.addHook('onReady', async () => void (await party.discover()));

    const cookieOptions = (secure: boolean) => ({
      path: '/auth/oidc',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure,
      signed: true,
    });
    const refuse = (reply: FastifyReply, error: SignOnRefused) =>
      markPersonal(reply)
        .code(error.status)
        .type('text/html; charset=utf-8')
        .send(
          renderDocument(
            SignOnRefusedPage({ assets: app.assets, status: error.status, message: error.message }),
          ),
        );
    const notSetUp = () =>
      new SignOnRefused(
        404,
        'Single sign-on is not set up on this server: sign in with your email and password.',
      );

    app.get<{ Querystring: Static<typeof StartQuery> }>(
      '/auth/oidc/start',
      { schema: { querystring: StartQuery }, preHandler: app.authRateLimit[0] },
      async (request, reply) => {
        try {
          if (!party) throw notSetUp();
          const begun = await party.begin();
          const now = new Date();
          await store.deleteExpiredLogins(app.db, now);
          await store.insertLogin(app.db, {
            state_hash: hashState(begun.state),
            nonce: begun.nonce,
            code_verifier: begun.codeVerifier,
            return_to: safeNext(request.query.next),
            expires_at: new Date(now.getTime() + LOGIN_MINUTES * 60_000),
          });
          reply.setCookie(LOGIN_COOKIE, begun.state, {
            ...cookieOptions(request.protocol === 'https'),
            maxAge: LOGIN_MINUTES * 60,
          });
          return markPersonal(reply).redirect(begun.url, 303);
        } catch (error) {
          if (error instanceof SignOnRefused) return refuse(reply, error);
          throw error;
        }
      },
    );

    app.get<{ Querystring: Static<typeof CallbackQuery> }>(
      '/auth/oidc/callback',
      { schema: { querystring: CallbackQuery }, preHandler: app.authRateLimit[0] },
      async (request, reply) => {
        const secure = request.protocol === 'https';
        // Whatever happens next, this browser's sign-in is over: the cookie goes.
        reply.clearCookie(LOGIN_COOKIE, cookieOptions(secure));
        try {
          if (!party) throw notSetUp();
          const state = request.query.state ?? '';
          const cookie = request.cookies[LOGIN_COOKIE];
          const bound = cookie ? request.unsignCookie(cookie) : undefined;
          if (!state || !bound?.valid || bound.value === null || !sameText(bound.value, state)) {
            throw new SignOnRefused(
              400,
              'This sign-in did not start in this browser, or its answer was changed on the way: you are not signed in. Start again from the sign-in page.',
            );
          }
          const login = await store.takeLogin(app.db, hashState(state), new Date());
          if (!login) {
            throw new SignOnRefused(
              400,
              `This sign-in was already used or has expired (each lasts ${LOGIN_MINUTES} minutes, once): you are not signed in. Start again from the sign-in page.`,
            );
          }
          // The address the issuer sent the browser to, whatever Host the request carries.
          const callbackUrl = new URL(request.url, party.settings.redirectUri);
          const claims = await party.finish(callbackUrl, {
            state,
            nonce: login.nonce,
            codeVerifier: login.code_verifier,
          });
          const learner = await learnerOfSignOn(app.db, claims);
          await reply.signIn(learner.id);
          return markPersonal(reply).redirect(safeNext(login.return_to), 303);
        } catch (error) {
          if (error instanceof SignOnRefused) {
            request.log.info({ status: error.status, reason: error.message }, 'single sign-on refused');
            return refuse(reply, error);
          }
          throw error;
        }
      },
    );
  },
  { name: 'single-sign-on', dependencies: ['session', 'rate-limit', 'database'] },
);
