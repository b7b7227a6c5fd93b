// JSON API for accounts: sign up, sign in, sign out, me, password, delete, export.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { exportLearnerData } from './export.ts';
import { requirePasswordSignin, requireSession } from './guard.ts';
import { presentLearner } from './presenters.ts';
import { Credentials, LearnerOut, PasswordChange, PasswordConfirmation } from './schema.ts';
import * as accounts from './service.ts';
import { requireVerified, welcome } from './verification.ts';

const errorReply = Type.Ref('ErrorBody');
const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 409: errorReply, 429: errorReply };

export const accountsApi: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/auth/signup',
    {
      preHandler: [requirePasswordSignin(app), ...app.authRateLimit],
      schema: {
        tags: ['accounts'],
        summary:
          'Create an account and sign in (403 when PASSWORD_SIGNIN=false; with REQUIRE_EMAIL_VERIFICATION: not signed in until the mailed link is opened)',
        body: Credentials,
        response: { 201: LearnerOut, ...errors },
      },
    },
    async (request, reply) => {
      const learner = await accounts.signUp(app.db, request.body);
      welcome(app.db, app.mail, learner);
      if (!app.mail.requireVerification) await reply.signIn(learner.id);
      return reply.code(201).send(presentLearner(learner));
    },
  );

  app.post(
    '/api/v1/auth/signin',
    {
      preHandler: requirePasswordSignin(app),
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email and password (403 when PASSWORD_SIGNIN=false)',
        body: Credentials,
        response: { 200: LearnerOut, ...errors },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      const learner = await app.passwordThrottle.attempt(request, reply, email, () =>
        accounts.signIn(app.db, request.body),
      );
      // After the password check (a right password for an unconfirmed address is not a failure).
      requireVerified(app.mail, learner);
      await reply.signIn(learner.id);
      app.passwordThrottle.rememberDevice(request, reply, email);
      return presentLearner(learner);
    },
  );

  app.post(
    '/api/v1/auth/signout',
    {
      schema: { tags: ['accounts'], summary: 'Sign out: ends this session', response: { 204: Type.Null() } },
    },
    async (_request, reply) => {
      await reply.signOut();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in learner',
        response: { 200: LearnerOut, 401: errorReply },
      },
    },
    async (request) => presentLearner(requireSession(request).learner),
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change the password; ends every other session',
        body: PasswordChange,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      await app.passwordThrottle.attempt(request, reply, session.learner.email, () =>
        accounts.changePassword(app.db, session.learner.id, request.body, session.tokenHash),
      );
      app.sessions.ended(session.learner.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Delete the account and all its data',
        body: PasswordConfirmation,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      await app.passwordThrottle.attempt(request, reply, session.learner.email, () =>
        accounts.deleteAccount(app.db, session.learner.id, request.body.password),
      );
      await reply.signOut();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/export',
    { schema: { tags: ['accounts'], summary: 'All my data as JSON', response: { 401: errorReply } } },
    async (request, reply) => {
      const session = requireSession(request);
      const data = await exportLearnerData(app.db, session.learner);
      return reply
        .header('content-disposition', 'attachment; filename="trailmap-my-data.json"')
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );
};
