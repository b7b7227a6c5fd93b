// Request and reply schemas of search: they validate, type and document GET /api/v1/search.
import { type Static, Type } from '@sinclair/typebox';
import { TopicType } from '../../content/schema.ts';
import { Slug } from '../../schemas.ts';
import { Status } from '../progress/schema.ts';

export const MAX_QUERY_LENGTH = 200;
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 20;
export const SEARCH_KINDS = ['roadmap', 'topic', 'resource', 'note'] as const;
export const SearchKind = Type.Union(
  SEARCH_KINDS.map((k) => Type.Literal(k)),
  { description: 'Only results of this kind' },
);

// Numbers arrive as text in a query string (and are not converted: see app.ts); their range is
// checked by the service, which says what was wrong in a sentence.
const WholeNumber = (description: string) => Type.String({ maxLength: 6, description });

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      maxLength: MAX_QUERY_LENGTH,
      description: `What to look for, 1 to ${MAX_QUERY_LENGTH} characters`,
    }),
    roadmap: Type.Optional(Slug),
    kind: Type.Optional(SearchKind),
    limit: Type.Optional(WholeNumber(`Results per page, 1 to ${MAX_LIMIT} (${DEFAULT_LIMIT} unless given)`)),
    offset: Type.Optional(WholeNumber('Results to skip, for the next pages (0 unless given)')),
  },
  { additionalProperties: false },
);

/** The search page takes the same words; `page` instead of offsets, and no kind. */
export const SearchPageQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH })),
  roadmap: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
});

export const SearchResult = Type.Object({
  kind: SearchKind,
  roadmap: Type.String({ description: 'Slug of the roadmap' }),
  roadmapTitle: Type.String(),
  topicId: Type.Union([Type.String(), Type.Null()], { description: 'null for a roadmap' }),
  title: Type.String(),
  snippetHtml: Type.String({
    description: 'Escaped text with <mark> around the matching words, and no other markup',
  }),
  url: Type.String({ description: 'A path on this site; for a resource, its own address' }),
  score: Type.Number({ description: 'Higher is better; comparable within one answer only' }),
  topicType: Type.Union([TopicType, Type.Null()], { description: 'The topic’s type; null for a roadmap' }),
  status: Type.Union([Status, Type.Null()], {
    description: 'The signed-in learner’s status on the topic; null when signed out or for a roadmap',
  }),
});

export const SearchReply = Type.Object({
  query: Type.String({ description: 'The query as given' }),
  total: Type.Integer({ description: 'Results in all, across pages' }),
  results: Type.Array(SearchResult),
});

export type SearchQuery = Static<typeof SearchQuery>;
export type SearchKindName = Static<typeof SearchKind>;
export type SearchResult = Static<typeof SearchResult>;
export type SearchReply = Static<typeof SearchReply>;
