// The shape of roadmap files: TypeBox schemas that type the loader, validate the files
// and are published as JSON Schema under content/schema/ for editors.
import { type Static, Type } from '@sinclair/typebox';

export const ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const Id = (description: string) => Type.String({ pattern: ID_PATTERN, description });

export const TOPIC_TYPES = ['required', 'pick-one', 'optional'] as const;
export const RESOURCE_KINDS = ['docs', 'article', 'video', 'course', 'book', 'interactive', 'tool'] as const;

export const TopicType = Type.Union(
  TOPIC_TYPES.map((t) => Type.Literal(t)),
  { description: 'required: must learn; pick-one: one option of a choice group; optional: good to know' },
);
export const ResourceKind = Type.Union(RESOURCE_KINDS.map((k) => Type.Literal(k)));

export const Resource = Type.Object(
  {
    title: Type.String({ minLength: 1, description: 'What the learner will open' }),
    url: Type.String({ minLength: 1, format: 'uri', description: 'An http(s) address' }),
    kind: ResourceKind,
    free: Type.Boolean({ description: 'Free to use (Trailmap lists free resources)' }),
  },
  { additionalProperties: false },
);

export const When = Type.Record(Type.String({ pattern: ID_PATTERN }), Type.String({ pattern: ID_PATTERN }), {
  description: 'The topic applies when the learner chose this option of the group, e.g. { language: python }',
});

export const CheckQuestion = Type.Object(
  {
    question: Type.String({ minLength: 10, maxLength: 300, pattern: '\\?$', description: 'Ends in "?"' }),
    answer: Type.String({ minLength: 1, maxLength: 600, description: 'A short answer, opened on request' }),
  },
  { additionalProperties: false },
);

export const SEE_ALSO_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$';

/** Where a topic sits in a roadmap: its type and, for pick-one and conditional topics, the choice. */
const placementFields = {
  type: TopicType,
  group: Type.Optional(Id('pick-one only: the choice group this topic is an option of')),
  option: Type.Optional(Id('pick-one only: the option of the group this topic stands for')),
  when: Type.Optional(When),
  alternativeTo: Type.Optional(Id('optional only: the topic id this one is an alternative to')),
};

/** What a topic teaches: the same wherever it is listed (a shared skill has it once, in skills/). */
const textFields = {
  title: Type.String({ minLength: 1 }),
  summary: Type.String({ minLength: 1, maxLength: 200, description: 'One specific sentence for the card' }),
  formerIds: Type.Optional(Type.Array(Id('An id this topic had before'), { uniqueItems: true })),
  seeAlso: Type.Optional(
    Type.Array(
      Type.String({
        pattern: SEE_ALSO_PATTERN,
        description: 'A related topic that is not the same skill, as roadmap/topic-id',
      }),
      { uniqueItems: true, description: 'Related topics, shown as "See also" links' },
    ),
  ),
  estimateHours: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1000,
    description: 'Hours to become productive',
  }),
  resources: Type.Array(Resource, { description: 'Free resources, the official documentation first' }),
  check: Type.Optional(
    Type.Array(CheckQuestion, {
      minItems: 3,
      maxItems: 5,
      description: '3-5 "Check yourself" questions, so a learner can tell whether "done" is true',
    }),
  ),
};

export const TopicFrontMatter = Type.Object(
  {
    ...placementFields,
    ...textFields,
    skill: Type.Optional(
      Id('A skill id no other topic file has; a skill shared by roadmaps is one file in skills/'),
    ),
  },
  { additionalProperties: false, $id: 'topic.schema.json', title: 'Trailmap topic front matter' },
);

/** A shared skill (content/skills/<skill>.md): its id is the skill; roadmaps place it in their sections. */
export const SkillFrontMatter = Type.Object(textFields, {
  additionalProperties: false,
  $id: 'skill.schema.json',
  title: 'Trailmap shared skill front matter',
});

/** A section entry that lists a shared skill, with its place in this roadmap. */
export const SkillRef = Type.Object(
  {
    skill: Id('The shared skill: content/skills/<skill>.md; its topic id in the roadmap is the same'),
    ...placementFields,
    type: Type.Optional(TopicType),
  },
  { additionalProperties: false },
);

export const ChoiceGroup = Type.Object(
  {
    id: Id('Group id, used by pick-one topics and when conditions'),
    title: Type.String({ minLength: 1 }),
    options: Type.Array(Type.Object({ id: Id('Option id'), title: Type.String({ minLength: 1 }) }), {
      minItems: 2,
    }),
  },
  { additionalProperties: false },
);

export const Section = Type.Object(
  {
    id: Id('Section id, unique in the roadmap'),
    title: Type.String({ minLength: 1 }),
    intro: Type.Optional(Type.String()),
    topics: Type.Array(Type.Union([Type.String(), SkillRef]), {
      description:
        'Topics in order: an id (the file topics/<id>.md) or { skill: <id>, type, ... } for content/skills/<id>.md',
    }),
  },
  { additionalProperties: false },
);

export const FaqEntry = Type.Object(
  { question: Type.String({ minLength: 1 }), answer: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const RoadmapFile = Type.Object(
  {
    title: Type.String({ minLength: 1 }),
    subtitle: Type.String({ minLength: 1 }),
    description: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'One line for the catalogue card',
    }),
    updated: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }),
    choiceGroups: Type.Optional(Type.Array(ChoiceGroup)),
    sections: Type.Array(Section, { minItems: 1 }),
    faq: Type.Optional(Type.Array(FaqEntry)),
  },
  { additionalProperties: false, $id: 'roadmap.schema.json', title: 'Trailmap roadmap' },
);

export type TopicFrontMatter = Static<typeof TopicFrontMatter>;
export type SkillFrontMatter = Static<typeof SkillFrontMatter>;
export type SkillRef = Static<typeof SkillRef>;
export type RoadmapFile = Static<typeof RoadmapFile>;
export type Resource = Static<typeof Resource>;
export type TopicTypeName = Static<typeof TopicType>;
export type ResourceKindName = Static<typeof ResourceKind>;
