// JSON API for what goes by mail: password reset, confirming the address, changing it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.ts';
import { responseSent } from '../email/mailer.ts';
import { requireSession } from './guard.ts';
import { requestPasswordReset, resetPassword } from './password-reset.ts';
import { presentLearner } from './presenters.ts';
import { EmailChange, EmailOnly, LearnerOut, MailAccepted, NewPassword, TokenParams } from './schema.ts';
import { changeEmail, resendVerificationByEmail, sendVerification } from './verification.ts';

const errorReply = Type.Ref('ErrorBody');
const errors = {
  400: errorReply,
  401: errorReply,
  403: errorReply,
  409: errorReply,
  404: errorReply,
  429: errorReply,
};

export const NO_EMAIL =
  'This server sends no email: ask its operator to run `trailmap user reset-password <email>`, which gives you a one-time password';

export const RESET_ACCEPTED =
  'If an account uses this address, a link to choose a new password is on its way: it works once, within an hour';

export const accountMailApi: FastifyPluginAsyncTypebox = async (app) => {
  const requireMail = () => {
    if (!app.mail.mailer.enabled) throw new AppError('not_found', NO_EMAIL);
  };

  app.post(
    '/api/v1/auth/password-reset',
    {
      preHandler: app.mailRateLimit,
      schema: {
        tags: ['accounts'],
        summary: 'Mail a password reset link (202 whether or not the address has an account)',
        body: EmailOnly,
        response: { 202: MailAccepted, ...errors },
      },
    },
    async (request, reply) => {
      requireMail();
      requestPasswordReset(app.db, app.mail, request.body.email, responseSent(reply.raw));
      return reply.code(202).send({ message: RESET_ACCEPTED });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/:token',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with a reset link; ends every other session and signs in',
        params: TokenParams,
        body: NewPassword,
        response: { 200: LearnerOut, ...errors },
      },
    },
    async (request, reply) => {
      const learner = await resetPassword(app.db, app.mail, request.params.token, request.body.password);
      app.sessions.ended(learner.id);
      await reply.signIn(learner.id);
      return presentLearner(learner);
    },
  );

  app.post(
    '/api/v1/auth/email-verification',
    {
      preHandler: app.mailRateLimit,
      schema: {
        tags: ['accounts'],
        summary: 'Mail a new confirmation link to an unconfirmed address (202 whatever the address)',
        body: EmailOnly,
        response: { 202: MailAccepted, ...errors },
      },
    },
    async (request, reply) => {
      requireMail();
      resendVerificationByEmail(app.db, app.mail, request.body.email, responseSent(reply.raw));
      return reply.code(202).send({
        message: 'If an account uses this address and it is not confirmed yet, a new link is on its way',
      });
    },
  );

  app.post(
    '/api/v1/me/email-verification',
    {
      preHandler: app.mailRateLimit,
      schema: {
        tags: ['accounts'],
        summary: 'Mail me a new link to confirm my address',
        response: { 202: MailAccepted, ...errors },
      },
    },
    async (request, reply) => {
      const { learner } = requireSession(request);
      requireMail();
      if (learner.emailVerifiedAt) throw new AppError('conflict', 'Your address is already confirmed');
      sendVerification(app.db, app.mail, learner, 'resend');
      return reply.code(202).send({ message: `A new confirmation link is on its way to ${learner.email}` });
    },
  );

  app.put(
    '/api/v1/me/email',
    {
      preHandler: app.mailRateLimit,
      schema: {
        tags: ['accounts'],
        summary: 'Change my address (current password needed); mails the old and the new one',
        body: EmailChange,
        response: { 200: LearnerOut, ...errors },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const learner = await app.passwordThrottle.attempt(request, reply, session.learner.email, () =>
        changeEmail(app.db, app.mail, session.learner.id, request.body),
      );
      // Every instance drops its cached copy of the learner, which holds the old address.
      app.sessions.ended(learner.id);
      return presentLearner(learner);
    },
  );
};
