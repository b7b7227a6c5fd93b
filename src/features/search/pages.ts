// GET /search: the results page, from the same service as the API; personal when signed in.
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { renderDocument } from '../../views/render.ts';
import { markPersonal, viewerOf } from '../accounts/viewer.ts';
import { DEFAULT_LIMIT, SearchPageQuery } from './schema.ts';
import { search, searchRequestOf } from './service.ts';
import { SearchPage } from './views/SearchPage.tsx';

const MAX_PAGE = 500;

export async function searchPages(app: FastifyInstance) {
  app.get<{ Querystring: Static<typeof SearchPageQuery> }>(
    '/search',
    { schema: { querystring: SearchPageQuery } },
    async (request, reply) => {
      const { catalog } = app.content;
      const q = request.query.q?.trim() ?? '';
      const roadmap = request.query.roadmap || undefined;
      const pageText = request.query.page ?? '1';
      const page = /^\d+$/.test(pageText) ? Number(pageText) : 0;
      if (page < 1 || page > MAX_PAGE)
        throw new AppError('invalid', `page must be a whole number from 1 to ${MAX_PAGE}, not "${pageText}"`);
      const session = request.session;
      const viewer = viewerOf(request, reply);
      let searchReply: Awaited<ReturnType<typeof search>> | undefined;
      if (q !== '') {
        const searchRequest = searchRequestOf(catalog, {
          q,
          ...(roadmap ? { roadmap } : {}),
          limit: String(DEFAULT_LIMIT),
          offset: String((page - 1) * DEFAULT_LIMIT),
        });
        const learner = session
          ? { id: session.learner.id, records: await app.progress.read(session.learner.id) }
          : undefined;
        searchReply = await search({ catalog, db: app.db, learner }, searchRequest);
      }
      const html = renderDocument(
        SearchPage({
          catalog,
          assets: app.assets,
          viewer,
          q,
          roadmap,
          page,
          perPage: DEFAULT_LIMIT,
          reply: searchReply,
        }),
      );
      if (session) markPersonal(reply);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
}
