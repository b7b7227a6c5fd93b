// The custom roadmap document and the authoring API's requests and replies. The document is the
// shape GET /api/v1/roadmaps/<slug> answers, with each topic's body as Markdown; what that answer
// computes (numbers, estimates, the legend, resource ids) may be sent back and is ignored. A draft
// only has to have this shape: the content rules run when it is published (document.ts).
import { type Static, Type } from '@sinclair/typebox';
import { ResourceKind, TopicType } from '../../content/schema.ts';
import { Id, Slug } from '../../schemas.ts';

/** Limits per account and per roadmap; a request past one is refused with a sentence saying which. */
export const LIMITS = {
  roadmapsPerAccount: 50,
  topicsPerRoadmap: 300,
  bodyCharacters: 20_000,
  /** Bytes of one document as JSON (the request body limit of the routes that take one). */
  documentBytes: 2 * 1024 * 1024,
} as const;

const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const OrNull = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Optional(Type.Union([schema, Type.Null()]));
const Ignored = (description: string) => Type.Optional(Type.Unknown({ description }));

export const DocumentResource = Type.Object(
  {
    id: Ignored('Computed from the URL; ignored'),
    title: Text(300),
    url: Text(2000, 'An http(s) address'),
    kind: ResourceKind,
    free: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const DocumentTopic = Type.Object(
  {
    id: Type.Optional(Id('Made from the title at the first save when absent; never changed by a rename')),
    number: Ignored('Computed; ignored'),
    skill: Ignored('Shared skills are for roadmaps as files; ignored'),
    title: Text(200),
    type: TopicType,
    group: OrNull(Text(100)),
    option: OrNull(Text(100)),
    when: Type.Optional(
      Type.Union([
        Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 100 })),
        Type.Null(),
      ]),
    ),
    alternativeTo: OrNull(Text(100)),
    formerIds: Type.Optional(Type.Array(Text(100), { maxItems: 50 })),
    estimateHours: Type.Optional(Type.Number()),
    summary: Type.Optional(Text(1000)),
    body: Type.Optional(
      Text(LIMITS.bodyCharacters, 'The description, as Markdown (raw HTML is shown as text)'),
    ),
    resources: Type.Optional(Type.Array(DocumentResource, { maxItems: 50 })),
    check: Type.Optional(
      Type.Array(Type.Object({ question: Text(1000), answer: Text(2000) }, { additionalProperties: false }), {
        maxItems: 20,
      }),
    ),
  },
  { additionalProperties: false },
);

export const DocumentSection = Type.Object(
  {
    id: Type.Optional(Id('Made from the title when absent')),
    title: Text(200),
    intro: OrNull(Text(2000)),
    estimateHours: Ignored('Computed; ignored'),
    optionalHours: Ignored('Computed; ignored'),
    topics: Type.Array(DocumentTopic, { maxItems: LIMITS.topicsPerRoadmap }),
  },
  { additionalProperties: false },
);

const documentFields = {
  title: Text(200),
  subtitle: Type.Optional(Text(300, 'The line under the title; the title when absent')),
  description: Text(1000, 'One line for the catalogue card'),
  choiceGroups: Type.Optional(
    Type.Array(
      Type.Object(
        {
          id: Text(100),
          title: Text(200),
          options: Type.Array(
            Type.Object({ id: Text(100), title: Text(200) }, { additionalProperties: false }),
            {
              maxItems: 50,
            },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
  ),
  sections: Type.Array(DocumentSection, { maxItems: 100 }),
  faq: Type.Optional(
    Type.Array(Type.Object({ question: Text(1000), answer: Text(5000) }, { additionalProperties: false }), {
      maxItems: 50,
    }),
  ),
  slug: Ignored('The address says which roadmap; ignored'),
  updated: Ignored('Set when published; ignored'),
  legend: Ignored('Computed; ignored'),
  estimateHours: Ignored('Computed; ignored'),
  optionalHours: Ignored('Computed; ignored'),
};

export const AuthoringDocument = Type.Object(documentFields, { additionalProperties: false });

/** The document as stored and answered: ids everywhere, nothing computed. */
export type AuthoringDocument = Static<typeof AuthoringDocument>;
export type DocumentTopic = Static<typeof DocumentTopic>;

export const CreateBody = Type.Object({ ...documentFields, slug: Slug }, { additionalProperties: false });
export const ForkBody = Type.Object({ slug: Slug }, { additionalProperties: false });
export const VisibilityBody = Type.Object(
  {
    visibility: Type.Union(
      ['private', 'team', 'unlisted', 'public'].map((v) => Type.Literal(v)),
      {
        description:
          'private: the author only; unlisted: anyone with the link; public: listed under Community',
      },
    ),
    teams: Type.Optional(Type.Array(Slug, { maxItems: 50, description: 'Comes with teams' })),
  },
  { additionalProperties: false },
);
export const RevisionParams = Type.Object({
  slug: Slug,
  revision: Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'A revision number, e.g. 3' }),
});
export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 100 })) });

export const RevisionOut = Type.Object({ slug: Type.String(), revision: Type.Integer() });
export const SavedOut = Type.Object({
  revision: Type.Integer(),
  document: Type.Unknown({
    description: 'The document as saved, with the ids given to new sections and topics',
  }),
});
export const DraftOut = Type.Object({
  revision: Type.Integer(),
  published: Type.Union([Type.Integer(), Type.Null()], { description: 'The revision learners get' }),
  visibility: Type.String(),
  document: Type.Unknown({ description: 'The roadmap document (see PUT draft)' }),
});
export const RevisionsOut = Type.Array(
  Type.Object({
    revision: Type.Integer(),
    kind: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
    author: Type.Union([Type.String(), Type.Null()], {
      description: 'The author’s email, null once deleted',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  }),
);
export const VisibilityOut = Type.Object({ slug: Type.String(), visibility: Type.String() });
export const ProblemsBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  problems: Type.Array(
    Type.Object({
      path: Type.String({ description: 'Where in the document, e.g. sections/2/topics/0/resources' }),
      message: Type.String(),
    }),
  ),
});
export type Problem = Static<typeof ProblemsBody>['problems'][number];
