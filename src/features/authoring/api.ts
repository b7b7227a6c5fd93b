// JSON API for writing roadmaps: create, fork, the draft (autosave with If-Match), publish, history,
// visibility and deletion. Routes parse, call the service, refresh the catalogue, shape the reply.
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { preHandlerAsyncHookHandler } from 'fastify';
import { databaseRateLimitStore } from '../../plugins/rate-limit-store.ts';
import { requireSession } from '../accounts/guard.ts';
import { RoadmapParams } from '../roadmaps/schema.ts';
import {
  AuthoringDocument,
  CreateBody,
  DraftOut,
  ForkBody,
  IfMatchHeaders,
  LIMITS,
  ProblemsBody,
  RevisionOut,
  RevisionParams,
  RevisionsOut,
  SavedOut,
  VisibilityBody,
  VisibilityOut,
} from './schema.ts';
import * as authoring from './service.ts';

const errorReply = Type.Ref('ErrorBody');
const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 429: errorReply };
const tags = ['authoring'];

/** Writes per learner (or address, signed out) a minute: autosave every 2 s is 30. */
export const WRITES_PER_MINUTE = 120;

export const authoringApi: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(app.db, 'authoring') });
  const limited = app.rateLimit({
    max: WRITES_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (r) => (r.session ? `learner:${r.session.learner.id}` : `ip:${r.ip}`),
    errorResponseBuilder: (_r, context) => ({
      statusCode: context.statusCode,
      message: `Too many changes to roadmaps: try again in ${context.after}`,
    }),
  }) as preHandlerAsyncHookHandler;
  // A session opened with a one-time password is refused before this (accounts/password-change-gate).
  const learnerOf = (request: Parameters<typeof requireSession>[0]) => requireSession(request).learner.id;
  // Signed out is a 401 before anything else is looked at (or counted).
  const write = {
    onRequest: async (r: Parameters<typeof requireSession>[0]) => void learnerOf(r),
    preHandler: limited,
  };

  app.post(
    '/api/v1/roadmaps',
    {
      ...write,
      bodyLimit: LIMITS.documentBytes,
      schema: {
        tags,
        summary: 'Create a custom roadmap: a private draft at revision 1',
        body: CreateBody,
        response: { 201: RevisionOut, ...errors, 409: errorReply },
      },
    },
    async (request, reply) => {
      const { slug, ...document } = request.body;
      const created = await authoring.createRoadmap(
        app.db,
        app.content.catalog,
        learnerOf(request),
        slug,
        document,
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/v1/roadmaps/:slug/fork',
    {
      ...write,
      schema: {
        tags,
        summary: 'Copy a roadmap you can see into a private draft of your own, crediting the original',
        params: RoadmapParams,
        body: ForkBody,
        response: { 201: RevisionOut, ...errors, 409: errorReply },
      },
    },
    async (request, reply) => {
      const catalog = app.content.catalog;
      const forked = await authoring.forkRoadmap(
        app.db,
        catalog,
        learnerOf(request),
        request.params.slug,
        request.body.slug,
      );
      return reply.code(201).send(forked);
    },
  );

  app.get(
    '/api/v1/roadmaps/:slug/draft',
    {
      onRequest: write.onRequest,
      schema: {
        tags,
        summary: 'The draft of your roadmap, with its revision as the ETag',
        params: RoadmapParams,
        response: { 200: DraftOut, ...errors },
      },
    },
    async (request, reply) => {
      const draft = await authoring.getDraft(app.db, request.params.slug, learnerOf(request));
      return reply
        .header('etag', `"${draft.revision}"`)
        .header('cache-control', 'private, no-store')
        .send(draft);
    },
  );

  app.put(
    '/api/v1/roadmaps/:slug/draft',
    {
      ...write,
      bodyLimit: LIMITS.documentBytes,
      schema: {
        tags,
        summary:
          'Save the whole document as a new revision; If-Match names the revision edited (412 when stale)',
        params: RoadmapParams,
        headers: IfMatchHeaders,
        body: AuthoringDocument,
        response: { 200: SavedOut, ...errors, 412: errorReply, 428: errorReply },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const ifMatch = request.headers['if-match'];
      const saved = await authoring.saveDraft(app.db, slug, learnerOf(request), ifMatch, request.body);
      return reply.header('etag', `"${saved.revision}"`).send(saved);
    },
  );

  app.post(
    '/api/v1/roadmaps/:slug/publish',
    {
      ...write,
      schema: {
        tags,
        summary: 'Check the draft with the content rules and, without problems, publish it to learners',
        params: RoadmapParams,
        response: {
          200: Type.Object({ revision: Type.Integer() }),
          ...errors,
          412: errorReply,
          422: ProblemsBody,
        },
      },
    },
    async (request, reply) => {
      const result = await authoring.publish(app.db, request.params.slug, learnerOf(request));
      if (!result.ok) {
        const count = result.problems.length;
        return reply.code(422).send({
          error: 'invalid',
          message: `The roadmap has ${count} ${count === 1 ? 'problem' : 'problems'} to fix before it can be published`,
          problems: result.problems,
        });
      }
      await app.customRoadmaps.changed(request.params.slug);
      return { revision: result.revision };
    },
  );

  app.get(
    '/api/v1/roadmaps/:slug/revisions',
    {
      onRequest: write.onRequest,
      schema: {
        tags,
        summary: 'Every saved revision of your roadmap, newest first, with time and author',
        params: RoadmapParams,
        response: { 200: RevisionsOut, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return authoring.listRevisions(app.db, request.params.slug, learnerOf(request));
    },
  );

  app.post(
    '/api/v1/roadmaps/:slug/revisions/:revision/restore',
    {
      ...write,
      schema: {
        tags,
        summary: 'Make an earlier revision the draft again, as a new revision',
        params: RevisionParams,
        response: { 200: RevisionOut, ...errors, 412: errorReply },
      },
    },
    async (request) =>
      authoring.restoreRevision(
        app.db,
        request.params.slug,
        learnerOf(request),
        Number(request.params.revision),
      ),
  );

  app.put(
    '/api/v1/roadmaps/:slug/visibility',
    {
      ...write,
      schema: {
        tags,
        summary:
          'Who sees the published roadmap: private, unlisted (by link) or public (listed under Community)',
        params: RoadmapParams,
        body: VisibilityBody,
        response: { 200: VisibilityOut, ...errors },
      },
    },
    async (request) => {
      const { slug } = request.params;
      const changed = await authoring.setVisibility(
        app.db,
        slug,
        learnerOf(request),
        request.body.visibility,
      );
      await app.customRoadmaps.changed(slug);
      return changed;
    },
  );

  app.delete(
    '/api/v1/roadmaps/:slug',
    {
      ...write,
      schema: {
        tags,
        summary: 'Delete your roadmap and its history; learners keep their progress on it in their export',
        params: RoadmapParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await authoring.deleteRoadmap(app.db, request.params.slug, learnerOf(request));
      await app.customRoadmaps.changed(request.params.slug);
      return reply.code(204).send(null);
    },
  );
};
