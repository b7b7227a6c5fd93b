// Request and reply schemas of the progress API.
import { type Static, Type } from '@sinclair/typebox';
import { FormFields, Id, NoteMarkdown, ReturnPath, Slug, TopicId } from '../../schemas.ts';
import { TOPIC_STATUSES } from './rules.ts';

export const Status = Type.Union(
  TOPIC_STATUSES.map((s) => Type.Literal(s)),
  { description: 'pending | learning | done | skipped' },
);

export const RoadmapParams = Type.Object({ slug: Slug });
export const TopicParams = Type.Object({ slug: Slug, topicId: TopicId });
export const ResourceParams = Type.Object({
  slug: Slug,
  topicId: TopicId,
  resourceId: Type.String({
    pattern: '^[0-9a-f]{12}$',
    description: 'A resource id of the topic (12 hex digits, as the roadmap API lists them)',
  }),
});
export const GroupParams = Type.Object({ slug: Slug, group: Id('Choice group id') });
export const SectionParams = Type.Object({ slug: Slug, sectionId: Id('Section id') });

export const StatusBody = Type.Object({ status: Status }, { additionalProperties: false });
export const TickBody = Type.Object(
  { read: Type.Boolean({ description: 'true: ticked as read; false: unticked' }) },
  { additionalProperties: false },
);
export const ChoiceBody = Type.Object(
  {
    option: Type.Union([Id('Option id'), Type.Null()], {
      description: 'An option id, or null to clear the choice',
    }),
  },
  { additionalProperties: false },
);

// Entries are checked by rules.ts (readProgressDocument), not here: the same sentences then reach
// the browser (which runs that rule before sending) and the API, and the sign-in merge can keep
// the good entries of a document while naming the bad ones.
const documentFields = {
  choices: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      maxProperties: 50,
      description: 'Choice group id → option id, or null once cleared',
    }),
  ),
  choicesUpdatedAt: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      maxProperties: 50,
      description: 'Choice group id → ISO 8601 time of the choice; later than now counts as now',
    }),
  ),
  topics: Type.Record(Type.String(), Type.Unknown(), {
    maxProperties: 1000,
    description:
      'Topic id (or a former id) → { status: pending | learning | done | skipped, updatedAt: ISO 8601 }',
  }),
  resources: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      maxProperties: 1000,
      description:
        'Topic id (or a former id) → resource id → { read: boolean, updatedAt: ISO 8601 }: resources ticked as read',
    }),
  ),
};

/**
 * A progress document as files carry it (import, the undo of a reset): all of it must be valid.
 * Besides the progress, the fields an exported file (format, version, roadmap) or this API's own
 * answer (slug, summary) hold are taken; any other top-level field is refused (the app's Ajv
 * does not remove additional properties, so `false` refuses them).
 */
export const ProgressDocumentIn = Type.Object(
  {
    format: Type.Optional(Type.Literal('trailmap-progress', { description: 'As an exported file says' })),
    version: Type.Optional(Type.Literal(1, { description: 'As an exported file says' })),
    roadmap: Type.Optional(Type.String({ maxLength: 100, description: 'When given, must be this roadmap' })),
    slug: Type.Optional(Type.String({ maxLength: 100, description: 'Ignored (as GET answers it)' })),
    summary: Type.Optional(Type.Unknown({ description: 'Ignored: the figures are worked out again' })),
    ...documentFields,
  },
  { additionalProperties: false },
);

/** A browser's progress at sign-in: entries the roadmap cannot hold are dropped and reported. */
export const MergeDocumentIn = Type.Object(documentFields, { additionalProperties: false });

const SectionSummary = Type.Object({
  id: Type.String(),
  done: Type.Integer(),
  skipped: Type.Integer(),
  path: Type.Integer(),
  percent: Type.Integer(),
});

export const ProgressOut = Type.Object({
  slug: Type.String(),
  choices: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
  choicesUpdatedAt: Type.Record(Type.String(), Type.String()),
  topics: Type.Record(
    Type.String(),
    Type.Object({
      status: Status,
      updatedAt: Type.String(),
      sharedFrom: Type.Union([Type.Object({ roadmap: Type.String(), topicId: Type.String() }), Type.Null()], {
        description: 'Where the status comes from when the same skill was marked in another roadmap',
      }),
    }),
  ),
  resources: Type.Record(
    Type.String(),
    Type.Record(
      Type.String(),
      Type.Object({
        read: Type.Boolean(),
        updatedAt: Type.String(),
        sharedFrom: Type.Union([Type.String(), Type.Null()], {
          description: 'The roadmap the tick was made in, when it came through a shared skill',
        }),
      }),
    ),
    { description: 'Topic id → resource id (see the roadmap API) → tick; resources never ticked are absent' },
  ),
  summary: Type.Object({
    done: Type.Integer(),
    skipped: Type.Integer(),
    path: Type.Integer({
      description:
        'Topics on the learner’s path: required ones that match the choices, plus one per choice group',
    }),
    percent: Type.Integer({ description: 'round(100 × (done + skipped) / path)' }),
    optionalDone: Type.Integer(),
    optionalTotal: Type.Integer(),
    sections: Type.Array(SectionSummary),
  }),
});

export type ProgressView = Static<typeof ProgressOut>;

export const MergeOut = Type.Intersect([
  ProgressOut,
  Type.Object({
    kept: Type.Integer({ description: 'Marked topics of the document now in the account' }),
    dropped: Type.Array(Type.String(), {
      description: 'One sentence per entry of the document that could not be kept',
    }),
  }),
]);
export type MergeOut = Static<typeof MergeOut>;

export const NoteBody = Type.Object(
  {
    markdown: NoteMarkdown,
    baseUpdatedAt: Type.Optional(
      Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description:
          'The updatedAt of the note this text was edited from (null: there was none). When given and the stored note is newer, the save answers 409 and changes nothing',
      }),
    ),
  },
  { additionalProperties: false },
);
export const NoteOut = Type.Object({
  markdown: Type.String(),
  html: Type.String({ description: 'The note rendered safely' }),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});

export const PreviewBody = Type.Object({ markdown: NoteMarkdown }, { additionalProperties: false });
export const PreviewOut = Type.Object({ html: Type.String({ description: 'The Markdown rendered safely' }) });

// The same changes as plain HTML forms (no JavaScript): each form also sends the page to go back to.
const progressForm = <T extends Parameters<typeof Type.Object>[0]>(fields: T) =>
  FormFields({ back: Type.Optional(ReturnPath), ...fields });
export const StatusForm = progressForm({ status: Status });
export const TickForm = progressForm({
  read: Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'The tick to set' }),
});
export const ChoiceForm = progressForm({
  option: Type.Optional(Type.Union([Id('Option id'), Type.Literal('')], { description: 'Empty clears it' })),
});
export const SectionDoneForm = progressForm({});
export const ResetForm = progressForm({ confirm: Type.Literal('yes', { description: 'The ticked box' }) });
export const NoteForm = progressForm({ markdown: NoteMarkdown });
