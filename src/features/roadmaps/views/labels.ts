// Words shown for topic types and resource kinds, so pages never rely on colour alone.
import type { Roadmap, Topic } from '../../../content/model.ts';
import { choiceTitle, LEGEND } from '../../../content/model.ts';
import type { ResourceKindName, TopicTypeName } from '../../../content/schema.ts';

export const TYPE_LABEL = Object.fromEntries(LEGEND.map((entry) => [entry.type, entry.label])) as Record<
  TopicTypeName,
  string
>;

export const KIND_LABEL: Record<ResourceKindName, string> = {
  docs: 'Docs',
  article: 'Article',
  video: 'Video',
  course: 'Course',
  book: 'Book',
  interactive: 'Interactive',
  tool: 'Tool',
};

/** Short notes on when a topic applies, e.g. "If you chose Python", "Alternative to Django". */
export function topicConditions(roadmap: Roadmap, topic: Topic): string[] {
  const notes = Object.entries(topic.when ?? {}).map(
    ([group, option]) => `If you chose ${choiceTitle(roadmap, group, option)}`,
  );
  if (topic.alternativeTo) {
    notes.push(`Alternative to ${roadmap.topicById.get(topic.alternativeTo)?.title ?? topic.alternativeTo}`);
  }
  return notes;
}

export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}
