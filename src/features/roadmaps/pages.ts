// Server-rendered pages for the catalogue, roadmaps and topics, served from the shared-page cache.
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../views/render.ts';
import { findRoadmap, findTopic, sharedSkill } from './lookup.ts';
import { CatalogPage } from './views/CatalogPage.tsx';
import { RoadmapPage } from './views/RoadmapPage.tsx';
import { TopicPage } from './views/TopicPage.tsx';

export async function roadmapPages(app: FastifyInstance) {
  app.get('/', (_request, reply) =>
    reply.sendSharedPage('catalog', () =>
      renderDocument(CatalogPage({ catalog: app.content.catalog, assets: app.assets })),
    ),
  );

  app.get<{ Params: { slug: string } }>('/roadmaps/:slug', (request, reply) => {
    const roadmap = findRoadmap(app.content.catalog, request.params.slug);
    return reply.sendSharedPage(`roadmap:${roadmap.slug}`, () =>
      renderDocument(RoadmapPage({ roadmap, assets: app.assets })),
    );
  });

  app.get<{ Params: { slug: string; topicId: string } }>('/roadmaps/:slug/:topicId', (request, reply) => {
    const catalog = app.content.catalog;
    const roadmap = findRoadmap(catalog, request.params.slug);
    const topic = findTopic(roadmap, request.params.topicId);
    // A renamed topic keeps its old address working.
    if (topic.id !== request.params.topicId)
      return reply.redirect(`/roadmaps/${roadmap.slug}/${topic.id}`, 301);
    return reply.sendSharedPage(`topic:${roadmap.slug}:${topic.id}`, () =>
      renderDocument(
        TopicPage({ roadmap, topic, sharedWith: sharedSkill(catalog, roadmap, topic), assets: app.assets }),
      ),
    );
  });
}
