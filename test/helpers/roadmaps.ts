// Roadmaps built in memory for tests of the map: any number of sections, topics and options.
import type { ChoiceGroup, Roadmap, Section, Topic } from '../../src/content/model.ts';

export interface TopicSpec {
  id: string;
  title?: string;
  type?: Topic['type'];
  group?: string;
  option?: string;
  when?: Record<string, string>;
  alternativeTo?: string;
}

export interface RoadmapSpec {
  slug?: string;
  title?: string;
  choiceGroups?: ChoiceGroup[];
  sections: { id: string; title?: string; topics: TopicSpec[] }[];
}

const NO_ESTIMATE = { pathHours: 0, optionalHours: 0 };

export function makeRoadmap(spec: RoadmapSpec): Roadmap {
  let number = 0;
  const sections: Section[] = spec.sections.map((s) => ({
    id: s.id,
    title: s.title ?? `Section ${s.id}`,
    intro: null,
    estimate: NO_ESTIMATE,
    topics: s.topics.map(
      (t): Topic => ({
        id: t.id,
        number: ++number,
        sectionId: s.id,
        title: t.title ?? `Topic ${t.id}`,
        type: t.type ?? 'required',
        summary: 'A summary long enough for a card.',
        estimateHours: 1,
        ...(t.group ? { group: t.group } : {}),
        ...(t.option ? { option: t.option } : {}),
        ...(t.alternativeTo ? { alternativeTo: t.alternativeTo } : {}),
        when: t.when ?? null,
        formerIds: [],
        seeAlso: [],
        check: [],
        body: 'Body',
        bodyHtml: '<p>Body</p>',
        resources: [],
      }),
    ),
  }));
  const topics = sections.flatMap((s) => s.topics);
  return {
    slug: spec.slug ?? 'generated',
    title: spec.title ?? 'A Generated Roadmap',
    subtitle: 'Made by a test.',
    description: 'Made by a test.',
    updated: '2026-12-01',
    choiceGroups: spec.choiceGroups ?? [],
    sections,
    faq: [],
    topics,
    topicById: new Map(topics.map((t) => [t.id, t])),
    estimate: NO_ESTIMATE,
  };
}

/** 120 topics in 15 sections, a mix of the three types. */
export function bigRoadmap(): Roadmap {
  return makeRoadmap({
    slug: 'big',
    sections: Array.from({ length: 15 }, (_, s) => ({
      id: `s${s + 1}`,
      title: `Section number ${s + 1}`,
      topics: Array.from({ length: 8 }, (_, t) => ({
        id: `t${s * 8 + t + 1}`,
        title: `Topic ${s * 8 + t + 1} of the big roadmap`,
        type: t % 3 === 2 ? ('optional' as const) : ('required' as const),
      })),
    })),
  });
}

/** One Pick One group of 12 options, and topics that depend on some of them. */
export function twelveOptionsRoadmap(): Roadmap {
  const options = Array.from({ length: 12 }, (_, i) => ({ id: `o${i + 1}`, title: `Option ${i + 1}` }));
  return makeRoadmap({
    slug: 'twelve',
    choiceGroups: [{ id: 'pick', title: 'Your pick', options }],
    sections: [
      {
        id: 'choose',
        title: 'Choose one of twelve',
        topics: options.map((o) => ({
          id: o.id,
          title: o.title,
          type: 'pick-one' as const,
          group: 'pick',
          option: o.id,
        })),
      },
      {
        id: 'then',
        title: 'What follows',
        topics: [
          { id: 'f1', title: 'Follows option 1', when: { pick: 'o1' } },
          {
            id: 'f1b',
            title: 'Another for option 1',
            type: 'optional',
            when: { pick: 'o1' },
            alternativeTo: 'f1',
          },
          { id: 'f2', title: 'Follows option 2', when: { pick: 'o2' } },
          { id: 'f12', title: 'Follows option 12', when: { pick: 'o12' } },
          { id: 'always', title: 'For everyone' },
        ],
      },
    ],
  });
}

/** Titles far longer than a box, and one word longer than a line. */
export function longTitlesRoadmap(): Roadmap {
  return makeRoadmap({
    slug: 'long',
    sections: [
      {
        id: 'long',
        title: 'A section whose title goes on for quite a long while before it finally ends somewhere',
        topics: [
          {
            id: 'a',
            title:
              'Understanding the fundamentals of distributed consensus protocols in practice (Raft and Paxos)',
          },
          { id: 'b', title: 'Supercalifragilisticexpialidociousnessandthensomemore' },
          { id: 'c', title: 'Short' },
          {
            id: 'd',
            title: 'Observability, monitoring, alerting and on-call practices for teams of every size',
            type: 'optional',
          },
        ],
      },
      {
        id: 'next',
        title: 'Next',
        topics: [{ id: 'e', title: 'Ünïcödé Tîtlé with “quotes” — and dashes…' }],
      },
    ],
  });
}
