// Server-rendered pages for the catalogue, roadmaps and topics. Visitors who are not signed in get
// shared pages from the cache; a signed-in learner gets pages rendered with their progress, kept
// per session until that progress changes.
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../views/render.ts';
import { markPersonal, viewerOf } from '../accounts/viewer.ts';
import { getNote } from '../progress/notes.ts';
import { getProgress, viewOf } from '../progress/service.ts';
import { clientRoadmapData, emptyState, stateOf, topicStateOf } from '../progress/state.ts';
import { assignmentsOfLearner } from '../teams/service.ts';
import { findRoadmap, findTopic, seeAlsoOf, sharedSkill } from './lookup.ts';
import { RoadmapPageQuery, RoadmapParams, TopicPageQuery, TopicParams } from './schema.ts';
import { CatalogPage } from './views/CatalogPage.tsx';
import { RoadmapPage } from './views/RoadmapPage.tsx';
import { TopicPage } from './views/TopicPage.tsx';

export async function roadmapPages(app: FastifyInstance) {
  const personal = (reply: Parameters<typeof markPersonal>[0], html: string) =>
    markPersonal(reply).type('text/html; charset=utf-8').send(html);

  app.get('/', async (request, reply) => {
    const catalog = app.content.catalog;
    if (!request.session) {
      return reply.sendSharedPage('catalog', () =>
        renderDocument(CatalogPage({ catalog, assets: app.assets })),
      );
    }
    const records = await app.progress.read(request.session.learner.id);
    const assigned = await assignmentsOfLearner(app.db, request.session.learner.id);
    return reply.sendPersonalPage(`catalog:${assigned.fingerprint}`, records, () => {
      const percents = new Map(
        catalog.roadmaps.map((roadmap) => [roadmap.slug, viewOf(catalog, roadmap, records).summary.percent]),
      );
      const viewer = viewerOf(request, reply);
      return renderDocument(
        CatalogPage({ catalog, assets: app.assets, viewer, percents, assignments: assigned.list }),
      );
    });
  });

  app.get<{ Params: Static<typeof RoadmapParams>; Querystring: Static<typeof RoadmapPageQuery> }>(
    '/roadmaps/:slug',
    { schema: { params: RoadmapParams, querystring: RoadmapPageQuery } },
    async (request, reply) => {
      const catalog = app.content.catalog;
      const roadmap = findRoadmap(catalog, request.params.slug);
      if (!request.session) {
        return reply.sendSharedPage(`roadmap:${roadmap.slug}`, () =>
          renderDocument(RoadmapPage({ catalog, roadmap, assets: app.assets, state: emptyState(roadmap) })),
        );
      }
      const showAll = request.query.all === '1';
      const records = await app.progress.read(request.session.learner.id);
      const assigned = await assignmentsOfLearner(app.db, request.session.learner.id, roadmap.slug);
      return reply.sendPersonalPage(
        `roadmap:${roadmap.slug}:${showAll}:${assigned.fingerprint}`,
        records,
        () => {
          const progress = viewOf(catalog, roadmap, records);
          const state = stateOf(catalog, roadmap, progress, showAll);
          const viewer = viewerOf(request, reply);
          return renderDocument(
            RoadmapPage({
              catalog,
              roadmap,
              assets: app.assets,
              state,
              viewer,
              progress,
              assignments: assigned.list,
            }),
          );
        },
      );
    },
  );

  app.get<{ Params: Static<typeof TopicParams>; Querystring: Static<typeof TopicPageQuery> }>(
    '/roadmaps/:slug/:topicId',
    { schema: { params: TopicParams, querystring: TopicPageQuery } },
    async (request, reply) => {
      const catalog = app.content.catalog;
      const roadmap = findRoadmap(catalog, request.params.slug);
      const topic = findTopic(roadmap, request.params.topicId);
      // A renamed topic keeps its old address working.
      if (topic.id !== request.params.topicId)
        return reply.redirect(`/roadmaps/${roadmap.slug}/${topic.id}`, 301);
      const base = () => ({
        roadmap,
        topic,
        sharedWith: sharedSkill(catalog, roadmap, topic),
        seeAlso: seeAlsoOf(catalog, topic),
        assets: app.assets,
        roadmapData: clientRoadmapData(catalog, roadmap),
      });
      if (!request.session) {
        return reply.sendSharedPage(`topic:${roadmap.slug}:${topic.id}`, () =>
          renderDocument(TopicPage({ ...base(), state: topicStateOf(emptyState(roadmap), topic.id) })),
        );
      }
      // Not kept like the roadmap page: it holds the learner's note, and is cheap to render.
      const viewer = viewerOf(request, reply);
      const learnerId = request.session.learner.id;
      const [progress, note] = [
        await getProgress(app.progress, catalog, learnerId, roadmap.slug),
        await getNote(app.db, catalog, learnerId, roadmap.slug, topic.id),
      ];
      const state = topicStateOf(stateOf(catalog, roadmap, progress, false), topic.id);
      const noteSaved = request.query.note === 'saved';
      return personal(reply, renderDocument(TopicPage({ ...base(), state, viewer, note, noteSaved })));
    },
  );
}
