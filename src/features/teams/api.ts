// JSON API of teams: create and list, invitations (links and mail), join, leave, remove, transfer
// ownership, assignments and the team's progress. Every route needs a session (401 before its body
// or parameters are looked at); a team you are not in answers 404, management by a member 403.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireSession } from '../accounts/guard.ts';
import { teamProgress } from './progress.ts';
import {
  AcceptOut,
  AssignmentIn,
  AssignmentOut,
  AssignmentParams,
  EmailInviteIn,
  InviteIn,
  InviteOut,
  InviteParams,
  MemberParams,
  OwnerIn,
  TeamIn,
  TeamOut,
  TeamParams,
  TeamProgressOut,
  TeamsOut,
  TokenParams,
} from './schema.ts';
import * as teams from './service.ts';
import { membersOf } from './store.ts';

const errorReply = Type.Ref('ErrorBody');
const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply };
const tags = ['teams'];
const done = { 204: Type.Null(), ...errors };

export interface TeamsOptions {
  /** ALLOW_TEAM_CREATION. */
  creation: teams.TeamCreation;
  /** PUBLIC_URL: invitation links point here; the request's own address otherwise. */
  publicUrl?: string | undefined;
}

export const actorOf = (request: FastifyRequest): teams.Actor => ({
  learner: requireSession(request).learner,
  ip: request.ip,
});

export const siteUrlOf = (request: FastifyRequest, publicUrl: string | undefined) =>
  (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

export const teamsApi: FastifyPluginAsyncTypebox<TeamsOptions> = async (app, options) => {
  // Encapsulated: applies to this plugin's routes only.
  app.addHook('onRequest', async (request) => {
    requireSession(request);
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store');
  });
  await app.register(teamEvents);

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags,
        summary: 'Create a team; I become its owner (ALLOW_TEAM_CREATION=admins: admins only)',
        body: TeamIn,
        response: { 201: TeamOut, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await teams.createTeam(app.db, actorOf(request), request.body, options.creation)),
  );

  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags,
        summary: 'The teams I belong to, each with my role',
        response: { 200: TeamsOut, 401: errorReply },
      },
    },
    async (request) => teams.myTeams(app.db, actorOf(request).learner.id),
  );

  app.post(
    '/api/v1/teams/:slug/invites',
    {
      schema: {
        tags,
        summary: 'Make an invitation link (owners: coach or member; coaches: member)',
        params: TeamParams,
        body: InviteIn,
        response: { 201: InviteOut, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await teams.createInvite(
            app.db,
            actorOf(request),
            request.params.slug,
            request.body,
            siteUrlOf(request, options.publicUrl),
          ),
        ),
  );

  app.post(
    '/api/v1/teams/:slug/invites/email',
    {
      schema: {
        tags,
        summary: 'Mail a single-use invitation (a week) to the confirmed address of an account',
        params: TeamParams,
        body: EmailInviteIn,
        response: { 202: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await teams.inviteByEmail(
        app.db,
        app.mail,
        actorOf(request),
        request.params.slug,
        request.body,
        siteUrlOf(request, options.publicUrl),
      );
      return reply.code(202).send(null);
    },
  );

  app.delete(
    '/api/v1/teams/:slug/invites/:token',
    { schema: { tags, summary: 'Withdraw an invitation link', params: InviteParams, response: done } },
    async (request, reply) => {
      await teams.revokeInvite(app.db, actorOf(request), request.params.slug, request.params.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/invites/:token/accept',
    {
      schema: {
        tags,
        summary: 'Join the team of an invitation link',
        params: TokenParams,
        response: { 200: AcceptOut, ...errors },
      },
    },
    async (request) => teams.acceptInvite(app.db, app.progress, actorOf(request), request.params.token),
  );

  app.delete(
    '/api/v1/teams/:slug/members/:id',
    {
      schema: {
        tags,
        summary: 'Remove a member (owners: anyone but an owner; coaches: members)',
        params: MemberParams,
        response: done,
      },
    },
    async (request, reply) => {
      await teams.removeMember(app.db, actorOf(request), request.params.slug, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/teams/:slug/leave',
    {
      schema: {
        tags,
        summary: 'Leave the team (the only owner must transfer ownership first)',
        params: TeamParams,
        response: done,
      },
    },
    async (request, reply) => {
      await teams.leaveTeam(app.db, actorOf(request), request.params.slug);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/teams/:slug/owner',
    {
      schema: {
        tags,
        summary: 'Hand ownership to another member; I stay as a coach (owners only)',
        params: TeamParams,
        body: OwnerIn,
        response: done,
      },
    },
    async (request, reply) => {
      await teams.transferOwnership(app.db, actorOf(request), request.params.slug, request.body.memberId);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/teams/:slug/assignments/:roadmap',
    {
      schema: {
        tags,
        summary:
          'Assign a roadmap to the team, with an optional due date and fixed choices (owners, coaches)',
        params: AssignmentParams,
        body: AssignmentIn,
        response: { 200: AssignmentOut, ...errors },
      },
    },
    async (request) =>
      teams.assignRoadmap(
        app.db,
        app.progress,
        app.content.catalog,
        actorOf(request),
        request.params.slug,
        request.params.roadmap,
        request.body,
      ),
  );

  app.delete(
    '/api/v1/teams/:slug/assignments/:roadmap',
    {
      schema: {
        tags,
        summary: 'Withdraw an assignment (owners, coaches)',
        params: AssignmentParams,
        response: done,
      },
    },
    async (request, reply) => {
      await teams.unassignRoadmap(app.db, actorOf(request), request.params.slug, request.params.roadmap);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/teams/:slug/progress',
    {
      schema: {
        tags,
        summary:
          'Every member’s figures on every assigned roadmap: statuses and figures only, never notes (owners, coaches)',
        params: TeamParams,
        response: { 200: TeamProgressOut, ...errors },
      },
    },
    async (request) =>
      (await teamProgress(app.db, app.content.catalog, request.params.slug, actorOf(request).learner.id))
        .progress,
  );
};

/** Changes are told at most this often: a cohort clicking at once makes one refresh, not fifty. */
const GATHER_MS = 500;

/**
 * GET /api/v1/teams/<slug>/events: Server-Sent Events saying `changed` when a member's progress
 * changed, on any instance (the change feed). No figures travel in the stream: the dashboard reads
 * them again, through the same checks as the page.
 */
export const teamEvents: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/teams/:slug/events',
    {
      schema: {
        tags,
        summary: 'Live: an event each time a member’s progress changes (Server-Sent Events; owners, coaches)',
        params: TeamParams,
        response: { 401: errorReply, 403: errorReply, 404: errorReply },
      },
    },
    async (request, reply) => {
      const learnerId = actorOf(request).learner.id;
      const team = await teams.teamFor(app.db, request.params.slug, learnerId, 'see-progress');
      const members = new Set((await membersOf(app.db, team.id)).map((m) => m.id));
      // The stream is the learner's: the per-session cap and the end at sign-out apply to it too.
      const { raw, closed } = app.openEventStream(request, reply);
      let timer: NodeJS.Timeout | undefined;
      const unsubscribe = app.changes.subscribe((event) => {
        const relevant =
          event.type === 'reset' ||
          (event.kind === 'progress' && event.learnerIds.some((id) => members.has(id)));
        if (!relevant || timer || raw.writableEnded) return;
        timer = setTimeout(() => {
          timer = undefined;
          if (!raw.writableEnded) raw.write('event: changed\ndata: {}\n\n');
        }, GATHER_MS);
      });
      closed(() => {
        clearTimeout(timer);
        unsubscribe();
      });
    },
  );
};
