// Request and reply schemas of the roadmaps API: they validate, type and document it.
import { type Static, Type } from '@sinclair/typebox';
import { ResourceKind, TopicType } from '../../content/schema.ts';
import { Slug, TopicId } from '../../schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorBody = Type.Object(
  {
    error: Type.String({ description: 'Machine-readable code, e.g. not_found' }),
    message: Type.String({ description: 'What was wrong, for a person' }),
  },
  { $id: 'ErrorBody' },
);

export const RoadmapSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  topicCount: Type.Integer(),
  sectionCount: Type.Integer(),
});

export const ResourceOut = Type.Object({
  id: Type.String({ description: 'Stable while its URL stays: what a learner’s read tick is kept under' }),
  title: Type.String(),
  url: Type.String(),
  kind: ResourceKind,
  free: Type.Boolean(),
});

export const TopicOut = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  type: TopicType,
  group: Nullable(Type.String()),
  option: Nullable(Type.String()),
  when: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
  alternativeTo: Nullable(Type.String()),
  skill: Nullable(Type.String()),
  formerIds: Type.Array(Type.String()),
  estimateHours: Type.Number(),
  summary: Type.String(),
  resources: Type.Array(ResourceOut),
});

export const TopicDetail = Type.Composite([
  TopicOut,
  Type.Object({
    roadmap: Type.String({ description: 'Slug of the roadmap' }),
    sectionId: Type.String(),
    bodyHtml: Type.String({ description: 'The description rendered from Markdown, raw HTML escaped' }),
    seeAlso: Type.Array(
      Type.Object({ roadmap: Type.String(), topicId: Type.String(), title: Type.String() }),
      { description: 'Related topics (not the same skill), in this or another roadmap' },
    ),
    check: Type.Array(Type.Object({ question: Type.String(), answer: Type.String() }), {
      description: '"Check yourself" questions with short answers; empty while the topic has none',
    }),
  }),
]);

export const RoadmapDetail = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  subtitle: Type.String(),
  description: Type.String(),
  updated: Type.String({ format: 'date' }),
  legend: Type.Array(Type.Object({ type: TopicType, label: Type.String(), hint: Type.String() })),
  choiceGroups: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      options: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
    }),
  ),
  sections: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      intro: Nullable(Type.String()),
      estimateHours: Type.Number({
        description: 'Hours on a typical path: every required topic and one option per choice group',
      }),
      optionalHours: Type.Number({ description: 'Hours of the optional topics' }),
      topics: Type.Array(TopicOut),
    }),
  ),
  faq: Type.Array(Type.Object({ question: Type.String(), answer: Type.String() })),
  estimateHours: Type.Number({
    description: 'Hours on a typical path: every required topic and one option per choice group',
  }),
  optionalHours: Type.Number({ description: 'Hours of the optional topics' }),
});

export const RoadmapParams = Type.Object({ slug: Slug });
export const TopicParams = Type.Object({ slug: Slug, topicId: TopicId });
/** ?all=1 shows every topic, the folded-away ones too. */
export const RoadmapPageQuery = Type.Object({ all: Type.Optional(Type.String({ maxLength: 10 })) });
/** ?note=saved after the no-JavaScript note form. */
export const TopicPageQuery = Type.Object({ note: Type.Optional(Type.String({ maxLength: 20 })) });

export type TopicOut = Static<typeof TopicOut>;
export type TopicDetail = Static<typeof TopicDetail>;
export type RoadmapDetail = Static<typeof RoadmapDetail>;
export type RoadmapSummary = Static<typeof RoadmapSummary>;
