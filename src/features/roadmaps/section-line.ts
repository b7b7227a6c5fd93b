// Which progress line a section shows under its title, for the server's page and the browser bundle
// alike: the path figures, the optional figures of an all-optional section, or, for a section whose
// topics follow a choice not made yet (Frameworks before a language), a prompt to make it.
import { matchesChoices, type PathRoadmap, type TopicStatus } from '../progress/rules.ts';

export type SectionLineMode = 'path' | 'choose' | 'optional' | 'none';

export interface SectionLine {
  mode: SectionLineMode;
  optionalDone: number;
  optionalTotal: number;
  /** The choice group the section waits for (mode `choose`). */
  group: string | null;
}

export function sectionLine(
  shape: PathRoadmap,
  sectionId: string,
  pathSize: number,
  statuses: Record<string, TopicStatus | undefined>,
  choices: Record<string, string | null>,
): SectionLine {
  const topics = shape.topics.filter((t) => t.sectionId === sectionId);
  const optional = topics.filter((t) => t.type === 'optional' && matchesChoices(t, choices));
  const optionalDone = optional.filter((t) => statuses[t.id] === 'done').length;
  const waitingFor = topics
    .flatMap((t) => Object.keys(t.when ?? {}))
    .find((group) => choices[group] === undefined || choices[group] === null);
  const mode: SectionLineMode =
    pathSize > 0 ? 'path' : waitingFor ? 'choose' : optional.length > 0 ? 'optional' : 'none';
  return { mode, optionalDone, optionalTotal: optional.length, group: waitingFor ?? null };
}

/** The group a section's topics depend on, whatever the learner chose: the one its prompt names. */
export function sectionGroup(shape: PathRoadmap, sectionId: string): string | null {
  const topic = shape.topics.find((t) => t.sectionId === sectionId && t.when);
  return topic?.when ? (Object.keys(topic.when)[0] ?? null) : null;
}
