// Account pages and their form posts: sign up, sign in, sign out, the account page.
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, statusByCode } from '../../errors.ts';
import { renderDocument } from '../../views/render.ts';
import { passwordSigninOff } from './guard.ts';
import {
  AccountQuery,
  AuthForm,
  AuthQuery,
  DeleteForm,
  EmailChangeForm,
  PasswordForm,
  SignOutForm,
} from './schema.ts';
import * as accounts from './service.ts';
import { changeEmail, requireVerified, sendVerification, welcome } from './verification.ts';
import { markPersonal, safeNext, viewerOf } from './viewer.ts';
import { AccountPage } from './views/AccountPage.tsx';
import { AuthPage } from './views/AuthPage.tsx';
import { NewPasswordPage } from './views/NewPasswordPage.tsx';

const NOTICES: Record<string, string> = {
  progress: 'Sign in to keep your progress: what you mark is saved in your account.',
  'password-changed': 'Your password is changed, and every other session is signed out.',
  deleted: 'Your account and all its data are deleted.',
  'verify-sent': 'We mailed you a link to confirm your address: open it, then sign in.',
  'verify-resent': 'A new confirmation link is on its way to your address.',
  'password-reset': 'Your new password is saved, and every other session is signed out.',
  'email-changed':
    'Your address is changed: a confirmation link went to the new one and a notice to the old one.',
};

export async function accountPages(app: FastifyInstance) {
  const html = (reply: FastifyReply, page: Parameters<typeof renderDocument>[0]) =>
    markPersonal(reply).type('text/html; charset=utf-8').send(renderDocument(page));

  /** The single sign-on button's state for the sign-in and sign-up pages. */
  const signInChoices = (next: string) => {
    const party = app.signInMethods.singleSignOn;
    party?.retryInBackground();
    const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return {
      passwordSignin: app.signInMethods.password,
      ...(party && {
        singleSignOn: {
          label: party.settings.label,
          href: `/auth/oidc/start${query}`,
          available: party.available,
        },
      }),
    };
  };

  function authPage(mode: 'signin' | 'signup') {
    return (request: FastifyRequest<{ Querystring: Static<typeof AuthQuery> }>, reply: FastifyReply) => {
      if (request.session) return reply.redirect(safeNext(request.query.next, '/account'), 303);
      const notice = NOTICES[request.query.notice ?? ''];
      return html(
        reply,
        AuthPage({
          mode,
          assets: app.assets,
          csrfToken: reply.formToken(),
          next: safeNext(request.query.next),
          notice,
          sendsMail: app.mail.mailer.enabled,
          ...signInChoices(safeNext(request.query.next)),
        }),
      );
    };
  }

  function authPost(mode: 'signin' | 'signup') {
    return async (request: FastifyRequest<{ Body: Static<typeof AuthForm> }>, reply: FastifyReply) => {
      const credentials = { email: request.body.email, password: request.body.password };
      const next = safeNext(request.body.next);
      try {
        const learner =
          mode === 'signup'
            ? await accounts.signUp(app.db, credentials)
            : await app.passwordThrottle.attempt(request, reply, credentials.email, () =>
                accounts.signIn(app.db, credentials),
              );
        if (mode === 'signup') {
          welcome(app.db, app.mail, learner);
          if (app.mail.requireVerification) return reply.redirect('/signin?notice=verify-sent', 303);
        } else {
          requireVerified(app.mail, learner);
        }
        await reply.signIn(learner.id);
        if (mode === 'signin') app.passwordThrottle.rememberDevice(request, reply, credentials.email);
        return reply.redirect(next, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        reply.code(statusByCode[error.code]);
        return html(
          reply,
          AuthPage({
            mode,
            assets: app.assets,
            csrfToken: reply.formToken(),
            next,
            email: credentials.email,
            error: error.message,
            taken: mode === 'signup' && error.code === 'conflict',
            sendsMail: app.mail.mailer.enabled,
            unverified: mode === 'signin' && error.code === 'forbidden' && app.mail.requireVerification,
            ...signInChoices(next),
          }),
        );
      }
    };
  }

  /** Before the CSRF check: with password sign-in off, every such post gets the same sentence. */
  const refuseWhenPasswordOff =
    (mode: 'signin' | 'signup') => async (request: FastifyRequest, reply: FastifyReply) => {
      const off = passwordSigninOff(app);
      if (!off) return;
      const next = safeNext((request.body as { next?: unknown } | undefined)?.next);
      const page = { mode, assets: app.assets, csrfToken: reply.formToken(), next, error: off };
      await html(reply.code(403), AuthPage({ ...page, ...signInChoices(next) }));
      return reply;
    };

  const authQuery = { schema: { querystring: AuthQuery } };
  app.get('/signin', authQuery, authPage('signin'));
  app.get('/signup', authQuery, authPage('signup'));
  // Sign-in counts failed passwords (passwordThrottle); sign-up counts every attempt.
  app.post<{ Body: Static<typeof AuthForm> }>(
    '/signin',
    { schema: { body: AuthForm }, preHandler: [refuseWhenPasswordOff('signin'), app.csrfProtection] },
    authPost('signin'),
  );
  app.post<{ Body: Static<typeof AuthForm> }>(
    '/signup',
    {
      schema: { body: AuthForm },
      preHandler: [refuseWhenPasswordOff('signup'), app.csrfProtection, ...app.authRateLimit],
    },
    authPost('signup'),
  );

  const signOut = { schema: { body: SignOutForm }, preHandler: app.csrfProtection };
  app.post('/signout', signOut, async (_request, reply) => {
    await reply.signOut();
    return reply.redirect('/', 303);
  });

  const accountPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { notice?: string; error?: { form: 'password' | 'delete' | 'email'; message: string } },
  ) => {
    const viewer = viewerOf(request, reply);
    if (!viewer || !request.session) return reply.redirect('/signin?next=/account', 303);
    const { learner } = request.session;
    return html(
      reply,
      AccountPage({
        assets: app.assets,
        viewer,
        createdAt: learner.createdAt,
        emailVerifiedAt: learner.emailVerifiedAt,
        isAdmin: learner.isAdmin,
        sendsMail: app.mail.mailer.enabled,
        ...extra,
      }),
    );
  };

  app.get<{ Querystring: Static<typeof AccountQuery> }>(
    '/account',
    { schema: { querystring: AccountQuery } },
    (request, reply) => accountPage(request, reply, { notice: NOTICES[request.query.notice ?? ''] }),
  );

  // Where a one-time password leads (password-change-gate.ts); anyone else changes it on /account.
  const newPasswordPage = (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const viewer = viewerOf(request, reply);
    if (!viewer) return reply.redirect('/signin?next=/account', 303);
    return html(reply, NewPasswordPage({ assets: app.assets, viewer, error }));
  };
  app.get('/account/password', (request, reply) => {
    if (request.session && !request.session.mustChangePassword) return reply.redirect('/account', 303);
    return newPasswordPage(request, reply);
  });

  const passwordForm = { schema: { body: PasswordForm }, preHandler: app.csrfProtection };
  app.post<{ Body: Static<typeof PasswordForm> }>(
    '/account/password',
    passwordForm,
    async (request, reply) => {
      if (!request.session) return reply.redirect('/signin?next=/account', 303);
      try {
        const input = { current: request.body.current, next: request.body.next };
        const { learner, tokenHash } = request.session;
        await app.passwordThrottle.attempt(request, reply, learner.email, () =>
          accounts.changePassword(app.db, learner.id, input, tokenHash),
        );
        app.sessions.ended(request.session.learner.id);
        return reply.redirect('/account?notice=password-changed', 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        reply.code(statusByCode[error.code]);
        if (request.session.mustChangePassword) return newPasswordPage(request, reply, error.message);
        return accountPage(request, reply, { error: { form: 'password', message: error.message } });
      }
    },
  );

  const emailForm = {
    schema: { body: EmailChangeForm },
    preHandler: [app.csrfProtection, ...app.mailRateLimit],
  };
  app.post<{ Body: Static<typeof EmailChangeForm> }>('/account/email', emailForm, async (request, reply) => {
    if (!request.session) return reply.redirect('/signin?next=/account', 303);
    try {
      const { learner } = request.session;
      const input = { email: request.body.email, password: request.body.password };
      await app.passwordThrottle.attempt(request, reply, learner.email, () =>
        changeEmail(app.db, app.mail, learner.id, input),
      );
      app.sessions.ended(learner.id);
      return reply.redirect('/account?notice=email-changed', 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reply.code(statusByCode[error.code]);
      const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
      return accountPage(request, reply, { error: { form: 'email', message } });
    }
  });

  const resendForm = {
    schema: { body: SignOutForm },
    preHandler: [app.csrfProtection, ...app.mailRateLimit],
  };
  app.post('/account/verify-email', resendForm, async (request, reply) => {
    if (!request.session) return reply.redirect('/signin?next=/account', 303);
    const { learner } = request.session;
    if (app.mail.mailer.enabled && !learner.emailVerifiedAt)
      sendVerification(app.db, app.mail, learner, 'resend');
    return reply.redirect('/account?notice=verify-resent', 303);
  });

  const deleteForm = { schema: { body: DeleteForm }, preHandler: app.csrfProtection };
  app.post<{ Body: Static<typeof DeleteForm> }>('/account/delete', deleteForm, async (request, reply) => {
    if (!request.session) return reply.redirect('/signin?next=/account', 303);
    try {
      const { learner } = request.session;
      await app.passwordThrottle.attempt(request, reply, learner.email, () =>
        accounts.deleteAccount(app.db, learner.id, request.body.password),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reply.code(statusByCode[error.code]);
      return accountPage(request, reply, { error: { form: 'delete', message: error.message } });
    }
    await reply.signOut();
    return reply.redirect('/signup?notice=deleted', 303);
  });
}
