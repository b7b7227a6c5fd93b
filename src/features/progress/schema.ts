// Request and reply schemas of the progress API.
import { Type } from '@sinclair/typebox';
import { FormFields, ID_PATTERN, Id, NoteMarkdown, ReturnPath, Slug, TopicId } from '../../schemas.ts';
import { TOPIC_STATUSES } from './rules.ts';

export const Status = Type.Union(
  TOPIC_STATUSES.map((s) => Type.Literal(s)),
  { description: 'pending | learning | done | skipped' },
);
const Time = Type.String({ format: 'date-time', description: 'ISO 8601; later than now counts as now' });

export const RoadmapParams = Type.Object({ slug: Slug });
export const TopicParams = Type.Object({ slug: Slug, topicId: TopicId });
export const GroupParams = Type.Object({ slug: Slug, group: Id('Choice group id') });
export const SectionParams = Type.Object({ slug: Slug, sectionId: Id('Section id') });

export const StatusBody = Type.Object({ status: Status }, { additionalProperties: false });
export const ChoiceBody = Type.Object(
  {
    option: Type.Union([Id('Option id'), Type.Null()], {
      description: 'An option id, or null to clear the choice',
    }),
  },
  { additionalProperties: false },
);

/** A progress document as the browser keeps it and as files carry it (import, merge). */
export const ProgressDocumentIn = Type.Object(
  {
    choices: Type.Record(
      Type.String({ pattern: ID_PATTERN }),
      Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
      {
        maxProperties: 50,
      },
    ),
    choicesUpdatedAt: Type.Record(Type.String({ pattern: ID_PATTERN }), Time, { maxProperties: 50 }),
    topics: Type.Record(
      Type.String({ pattern: ID_PATTERN, maxLength: 100 }),
      Type.Object({ status: Status, updatedAt: Time }),
      { maxProperties: 1000 },
    ),
  },
  { description: 'Extra fields (slug, summary, sharedFrom) are ignored' },
);

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

export const NoteBody = Type.Object({ markdown: NoteMarkdown }, { additionalProperties: false });
export const NoteOut = Type.Object({
  markdown: Type.String(),
  html: Type.String({ description: 'The note rendered safely' }),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});

// The same changes as plain HTML forms (no JavaScript): each form also sends the page to go back to.
const progressForm = <T extends Parameters<typeof Type.Object>[0]>(fields: T) =>
  FormFields({ back: Type.Optional(ReturnPath), ...fields });
export const StatusForm = progressForm({ status: Status });
export const ChoiceForm = progressForm({
  option: Type.Optional(Type.Union([Id('Option id'), Type.Literal('')], { description: 'Empty clears it' })),
});
export const SectionDoneForm = progressForm({});
export const ResetForm = progressForm({ confirm: Type.Literal('yes', { description: 'The ticked box' }) });
export const NoteForm = progressForm({ markdown: NoteMarkdown });
