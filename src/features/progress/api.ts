// JSON API for a learner's own progress, choices and notes. Every route acts on the caller only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { renderMarkdown } from '../../content/markdown.ts';
import { requireSession } from '../accounts/guard.ts';
import { getNote, saveNote } from './notes.ts';
import {
  ChoiceBody,
  GroupParams,
  MergeDocumentIn,
  MergeOut,
  NoteBody,
  NoteOut,
  PreviewBody,
  PreviewOut,
  ProgressDocumentIn,
  ProgressOut,
  ResourceParams,
  RoadmapParams,
  SectionParams,
  StatusBody,
  TickBody,
  TopicParams,
} from './schema.ts';
import * as progress from './service.ts';

const errorReply = Type.Ref('ErrorBody');
const replies = { 200: ProgressOut, 400: errorReply, 401: errorReply, 404: errorReply };
const tags = ['progress'];

export const progressApi: FastifyPluginAsyncTypebox = async (app) => {
  const learnerOf = (request: Parameters<typeof requireSession>[0]) => requireSession(request).learner.id;
  const catalog = () => app.content.catalog;

  app.get(
    '/api/v1/me/progress/:slug',
    { schema: { tags, summary: 'My progress on a roadmap', params: RoadmapParams, response: replies } },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return progress.getProgress(app.progress, catalog(), learnerOf(request), request.params.slug);
    },
  );

  app.put(
    '/api/v1/me/progress/:slug/topics/:topicId',
    {
      schema: {
        tags,
        summary: 'Set a topic’s status',
        params: TopicParams,
        body: StatusBody,
        response: replies,
      },
    },
    async (request) =>
      progress.setStatus(
        app.progress,
        catalog(),
        learnerOf(request),
        request.params.slug,
        request.params.topicId,
        request.body.status,
      ),
  );

  app.put(
    '/api/v1/me/progress/:slug/topics/:topicId/resources/:resourceId',
    {
      schema: {
        tags,
        summary: 'Tick a resource of a topic as read (read: false unticks it)',
        params: ResourceParams,
        body: TickBody,
        response: replies,
      },
    },
    async (request) =>
      progress.setTick(
        app.progress,
        catalog(),
        learnerOf(request),
        request.params.slug,
        request.params.topicId,
        request.params.resourceId,
        request.body.read,
      ),
  );

  app.put(
    '/api/v1/me/progress/:slug/choices/:group',
    {
      schema: {
        tags,
        summary: 'Pick one option of a group (null clears it)',
        params: GroupParams,
        body: ChoiceBody,
        response: replies,
      },
    },
    async (request) =>
      progress.setChoice(
        app.progress,
        catalog(),
        learnerOf(request),
        request.params.slug,
        request.params.group,
        request.body.option,
      ),
  );

  app.post(
    '/api/v1/me/progress/:slug/merge',
    {
      schema: {
        tags,
        summary:
          'Merge the browser’s progress: the newest change per topic and choice wins; entries the roadmap cannot hold are dropped and named',
        params: RoadmapParams,
        body: MergeDocumentIn,
        response: { ...replies, 200: MergeOut },
      },
    },
    async (request) =>
      progress.mergeProgress(app.progress, catalog(), learnerOf(request), request.params.slug, request.body),
  );

  app.put(
    '/api/v1/me/progress/:slug',
    {
      schema: {
        tags,
        summary: 'Replace my progress on a roadmap (import, undo of a reset)',
        params: RoadmapParams,
        body: ProgressDocumentIn,
        response: replies,
      },
    },
    async (request) =>
      progress.replaceProgress(
        app.progress,
        catalog(),
        learnerOf(request),
        request.params.slug,
        request.body,
      ),
  );

  app.post(
    '/api/v1/me/progress/:slug/sections/:sectionId/done',
    {
      schema: {
        tags,
        summary: 'Mark every topic of a section on my path done',
        params: SectionParams,
        response: replies,
      },
    },
    async (request) =>
      progress.markSectionDone(
        app.progress,
        catalog(),
        learnerOf(request),
        request.params.slug,
        request.params.sectionId,
      ),
  );

  app.delete(
    '/api/v1/me/progress/:slug',
    {
      schema: {
        tags,
        summary: 'Reset my progress on a roadmap; answers the progress before the reset (for an undo)',
        params: RoadmapParams,
        response: replies,
      },
    },
    async (request) =>
      progress.resetProgress(app.progress, catalog(), learnerOf(request), request.params.slug),
  );

  app.get(
    '/api/v1/me/notes/:slug/:topicId',
    {
      schema: {
        tags,
        summary: 'My private note on a topic',
        params: TopicParams,
        response: { ...replies, 200: NoteOut },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return getNote(app.db, catalog(), learnerOf(request), request.params.slug, request.params.topicId);
    },
  );

  app.put(
    '/api/v1/me/notes/:slug/:topicId',
    {
      schema: {
        tags,
        summary: 'Save my private note on a topic (empty deletes it)',
        params: TopicParams,
        body: NoteBody,
        response: { ...replies, 200: NoteOut, 409: errorReply },
      },
    },
    async (request) =>
      saveNote(
        app.progress,
        catalog(),
        learnerOf(request),
        request.params.slug,
        request.params.topicId,
        request.body.markdown,
        request.body.baseUpdatedAt,
      ),
  );

  // Public: a signed-out learner's notes live in their browser, and the preview renders them the
  // same safe way. Nothing is stored.
  app.post(
    '/api/v1/markdown/preview',
    {
      schema: {
        tags,
        summary: 'Render a note’s Markdown safely, for the preview (nothing is stored)',
        body: PreviewBody,
        response: { 200: PreviewOut, 400: errorReply },
      },
    },
    async (request) => ({ html: renderMarkdown(request.body.markdown) }),
  );
};
