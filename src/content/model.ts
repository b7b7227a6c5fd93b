// The in-memory roadmaps the server renders: built once from the files, then read-only.
import type { RoadmapMaps } from '../features/map/layout.ts';
import type { SerialisedIndex } from '../features/search/index.ts';
import type { Estimate } from './estimate.ts';
import type { Resource, RoadmapFile, TopicFrontMatter, TopicTypeName } from './schema.ts';

export type Topic = Omit<TopicFrontMatter, 'when' | 'formerIds' | 'seeAlso' | 'check' | 'resources'> & {
  id: string;
  /** 1..N across the whole roadmap, as printed on the cards. */
  number: number;
  sectionId: string;
  when: Record<string, string> | null;
  formerIds: string[];
  /** Related topics of any roadmap, as roadmap/topic-id. */
  seeAlso: string[];
  /** "Check yourself" questions; empty while a topic has none yet. */
  check: { question: string; answer: string }[];
  /** The description as its author wrote it, in Markdown. */
  body: string;
  bodyHtml: string;
  resources: TopicResource[];
};

/** A resource with the id a learner's "read" tick is kept under (content/resource-id.ts). */
export type TopicResource = Resource & { id: string };

export interface Section {
  id: string;
  title: string;
  intro: string | null;
  topics: Topic[];
  estimate: Estimate;
}

export type ChoiceGroup = NonNullable<RoadmapFile['choiceGroups']>[number];

export interface Roadmap {
  slug: string;
  title: string;
  subtitle: string;
  description: string;
  updated: string;
  choiceGroups: ChoiceGroup[];
  sections: Section[];
  faq: { question: string; answer: string }[];
  /** Every topic in path order. */
  topics: Topic[];
  topicById: Map<string, Topic>;
  estimate: Estimate;
  /** For a roadmap written through the API (features/authoring): who wrote it, what it was forked from. */
  community?: { author: string; forkedFrom: string | null };
  /** The map laid out for both widths, when the content loader did it (content/worker.ts). */
  maps?: RoadmapMaps;
}

export interface Catalog {
  roadmaps: Roadmap[];
  bySlug: Map<string, Roadmap>;
  /** Changes whenever any content file changes; keys the rendered-page cache. */
  version: string;
  /** The search index, when the content loader built it (content/worker.ts). */
  searchIndex?: SerialisedIndex;
}

export const LEGEND: { type: TopicTypeName; label: string; hint: string }[] = [
  { type: 'required', label: 'Required', hint: 'Must learn' },
  { type: 'pick-one', label: 'Pick One', hint: 'Choose one' },
  { type: 'optional', label: 'Optional', hint: 'Good to know' },
];

export function neighbours(roadmap: Roadmap, topic: Topic): { previous?: Topic; next?: Topic } {
  return { previous: roadmap.topics[topic.number - 2], next: roadmap.topics[topic.number] };
}

export function choiceTitle(roadmap: Roadmap, group: string, option: string): string {
  const found = roadmap.choiceGroups.find((g) => g.id === group)?.options.find((o) => o.id === option);
  return found?.title ?? option;
}
