// GET /api/v1/search: thin route over the search service. Public; notes only for their owner.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { markPersonal } from '../accounts/viewer.ts';
import { SearchQuery, SearchReply } from './schema.ts';
import { search, searchRequestOf } from './service.ts';

export const searchApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search roadmaps, topics, resources and, signed in, your own notes',
        description:
          'Typos (one edit in words of 5 letters or more), half-typed words and English word forms match. ' +
          'Ranked title first, then summary, resources and body; your own notes come first.',
        querystring: SearchQuery,
        response: { 200: SearchReply, 400: Type.Ref('ErrorBody'), 404: Type.Ref('ErrorBody') },
      },
    },
    async (request, reply) => {
      const { catalog } = app.content;
      const searchRequest = searchRequestOf(catalog, request.query);
      const session = request.session;
      const learner = session
        ? { id: session.learner.id, records: await app.progress.read(session.learner.id) }
        : undefined;
      if (learner) markPersonal(reply);
      else reply.header('cache-control', 'public, max-age=60').header('vary', 'Cookie');
      return search({ catalog, db: app.db, learner }, searchRequest);
    },
  );
};
