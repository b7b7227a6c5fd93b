// GET /api/v1/search: thin route over the search service. Public; notes only for their owner.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LRUCache } from 'lru-cache';
import { markPersonal } from '../accounts/viewer.ts';
import { SearchQuery, SearchReply } from './schema.ts';
import { search, searchRequestOf } from './service.ts';

/**
 * Answers to anonymous searches as sent, by content version and request: they are the same for
 * everyone, and serialising ten results with snippets is most of what a cached search costs.
 */
const anonymousAnswers = new LRUCache<string, string>({ max: 500 });

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
      if (learner) {
        markPersonal(reply);
        return search({ catalog, db: app.db, learner }, searchRequest);
      }
      reply.header('cache-control', 'public, max-age=60').header('vary', 'Cookie');
      const { q, roadmap, kind, limit, offset } = searchRequest;
      const key = JSON.stringify([catalog.version, q, roadmap, kind, limit, offset]);
      let answer = anonymousAnswers.get(key);
      if (answer === undefined) {
        answer = JSON.stringify(await search({ catalog, db: app.db, learner }, searchRequest));
        anonymousAnswers.set(key, answer);
      }
      // A string with a JSON content type is sent as it is (the reply schema was met when it was made).
      return reply.type('application/json; charset=utf-8').send(answer);
    },
  );
};
