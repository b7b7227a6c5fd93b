// Pages reached from mail: "forgot your password?", the reset link, the confirmation link, and
// sending a confirmation link again from the sign-in page.
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, statusByCode } from '../../errors.ts';
import { renderDocument } from '../../views/render.ts';
import { responseSent } from '../email/mailer.ts';
import { EmailTokenError } from './email-tokens.ts';
import { RESET_ACCEPTED } from './mail-api.ts';
import { checkResetToken, requestPasswordReset, resetPassword } from './password-reset.ts';
import { EmailForm, NewPasswordForm, TokenParams } from './schema.ts';
import { confirmEmail, resendVerificationByEmail } from './verification.ts';
import { markPersonal, viewerOf } from './viewer.ts';
import { AuthPage } from './views/AuthPage.tsx';
import { ForgotPage } from './views/ForgotPage.tsx';
import { ResetPage } from './views/ResetPage.tsx';
import { VerifyPage } from './views/VerifyPage.tsx';

type Token = { Params: Static<typeof TokenParams> };

export async function accountMailPages(app: FastifyInstance) {
  const html = (reply: FastifyReply, page: Parameters<typeof renderDocument>[0]) =>
    markPersonal(reply).type('text/html; charset=utf-8').send(renderDocument(page));
  const forgotPage = (
    reply: FastifyReply,
    props: { email?: string; sent?: string; error?: string; problem?: string },
  ) =>
    html(
      reply,
      ForgotPage({
        assets: app.assets,
        csrfToken: reply.formToken(),
        sendsMail: app.mail.mailer.enabled,
        ...props,
      }),
    );

  app.get('/forgot', (_request, reply) => forgotPage(reply, {}));

  app.post<{ Body: Static<typeof EmailForm> }>(
    '/forgot',
    { schema: { body: EmailForm }, preHandler: [app.csrfProtection, ...app.mailRateLimit] },
    (request, reply) => {
      const { email } = request.body;
      if (!app.mail.mailer.enabled) return forgotPage(reply.code(404), {});
      try {
        requestPasswordReset(app.db, app.mail, email, responseSent(reply.raw));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return forgotPage(reply.code(statusByCode[error.code]), { email, error: 'Enter an email address' });
      }
      return forgotPage(reply.code(202), { email, sent: `${RESET_ACCEPTED}.` });
    },
  );

  // A link that does not work sends the learner to ask for a new one, saying why.
  const badLink = (reply: FastifyReply, error: unknown) => {
    if (!(error instanceof EmailTokenError)) throw error;
    return forgotPage(reply.code(400), { problem: error.message });
  };

  app.get<Token>('/reset/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    try {
      const { email } = await checkResetToken(app.db, request.params.token);
      // The token is in the address: it must not leak to other sites through the Referer.
      reply.header('referrer-policy', 'no-referrer');
      return html(
        reply,
        ResetPage({ assets: app.assets, csrfToken: reply.formToken(), token: request.params.token, email }),
      );
    } catch (error) {
      return badLink(reply, error);
    }
  });

  app.post<Token & { Body: Static<typeof NewPasswordForm> }>(
    '/reset/:token',
    { schema: { params: TokenParams, body: NewPasswordForm }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { token } = request.params;
      try {
        const learner = await resetPassword(app.db, app.mail, token, request.body.password);
        app.sessions.ended(learner.id);
        await reply.signIn(learner.id);
        return reply.redirect('/account?notice=password-reset', 303);
      } catch (error) {
        if (error instanceof EmailTokenError || !(error instanceof AppError)) return badLink(reply, error);
        const { email } = await checkResetToken(app.db, token);
        reply.code(statusByCode[error.code]).header('referrer-policy', 'no-referrer');
        return html(
          reply,
          ResetPage({ assets: app.assets, csrfToken: reply.formToken(), token, email, error: error.message }),
        );
      }
    },
  );

  app.get<Token>('/verify/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    try {
      const learner = await confirmEmail(app.db, request.params.token);
      // Every instance's cached copy of the learner says "not confirmed": they drop it.
      app.sessions.ended(learner.id);
      const viewer = request.session?.learner.id === learner.id ? viewerOf(request, reply) : undefined;
      return html(reply, VerifyPage({ assets: app.assets, viewer, confirmed: learner.email }));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const viewer = viewerOf(request, reply);
      return html(reply.code(400), VerifyPage({ assets: app.assets, viewer, problem: error.message }));
    }
  });

  app.post<{ Body: Static<typeof EmailForm> }>(
    '/verify/resend',
    { schema: { body: EmailForm }, preHandler: [app.csrfProtection, ...app.mailRateLimit] },
    (request, reply) => {
      const { email } = request.body;
      try {
        if (app.mail.mailer.enabled)
          resendVerificationByEmail(app.db, app.mail, email, responseSent(reply.raw));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      return html(
        reply.code(202),
        AuthPage({
          mode: 'signin',
          assets: app.assets,
          csrfToken: reply.formToken(),
          next: '/',
          email,
          sendsMail: app.mail.mailer.enabled,
          notice: 'If this address has an account that is not confirmed yet, a new link is on its way.',
        }),
      );
    },
  );
}
