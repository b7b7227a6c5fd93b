// JSON API for roadmaps: thin routes over the in-memory catalogue.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { findRoadmap, findTopic, seeAlsoOf } from './lookup.ts';
import { presentRoadmap, presentRoadmapSummary, presentTopicDetail } from './presenters.ts';
import { RoadmapDetail, RoadmapParams, RoadmapSummary, TopicDetail, TopicParams } from './schema.ts';

const errorReply = Type.Ref('ErrorBody');

export const roadmapsApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/roadmaps',
    {
      schema: {
        tags: ['roadmaps'],
        summary: 'List all roadmaps',
        response: { 200: Type.Array(RoadmapSummary) },
      },
    },
    async () => app.content.catalog.roadmaps.map(presentRoadmapSummary),
  );

  app.get(
    '/api/v1/roadmaps/:slug',
    {
      schema: {
        tags: ['roadmaps'],
        summary: 'A roadmap with its sections, topics, choice groups and FAQ',
        params: RoadmapParams,
        response: { 200: RoadmapDetail, 400: errorReply, 404: errorReply },
      },
    },
    async (request) => presentRoadmap(findRoadmap(app.content.catalog, request.params.slug)),
  );

  app.get(
    '/api/v1/roadmaps/:slug/topics/:topicId',
    {
      schema: {
        tags: ['roadmaps'],
        summary: 'One topic with its description as HTML, see-also links and "Check yourself" questions',
        params: TopicParams,
        response: { 200: TopicDetail, 400: errorReply, 404: errorReply },
      },
    },
    async (request) => {
      const { catalog } = app.content;
      const roadmap = findRoadmap(catalog, request.params.slug);
      const topic = findTopic(roadmap, request.params.topicId);
      return presentTopicDetail(roadmap, topic, seeAlsoOf(catalog, topic));
    },
  );
};
