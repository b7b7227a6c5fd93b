// The progress rules, pure and shared by server and browser: a learner's path, the figures shown
// for it, and how two progress histories merge. No I/O here.

export const TOPIC_STATUSES = ['pending', 'learning', 'done', 'skipped'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export interface TopicProgress {
  status: TopicStatus;
  /** ISO 8601 time of the change. */
  updatedAt: string;
}

/** One roadmap's progress, as the API and the browser's local store hold it. */
export interface ProgressDocument {
  choices: Record<string, string | null>;
  choicesUpdatedAt: Record<string, string>;
  topics: Record<string, TopicProgress>;
}

/** The little a rule needs to know about a roadmap (the browser gets it embedded in the page). */
export interface PathTopic {
  id: string;
  type: 'required' | 'pick-one' | 'optional';
  sectionId: string;
  group: string | null;
  option: string | null;
  when: Record<string, string> | null;
}

export interface PathRoadmap {
  sections: { id: string }[];
  topics: PathTopic[];
  groups: { id: string; options: string[] }[];
}

export interface SectionSummary {
  id: string;
  done: number;
  skipped: number;
  path: number;
  percent: number;
}

export interface ProgressSummary {
  done: number;
  skipped: number;
  path: number;
  percent: number;
  optionalDone: number;
  optionalTotal: number;
  sections: SectionSummary[];
}

export const emptyDocument = (): ProgressDocument => ({ choices: {}, choicesUpdatedAt: {}, topics: {} });

/** A topic with no `when`, or whose every condition names the learner's choice. */
export function matchesChoices(topic: PathTopic, choices: Record<string, string | null>): boolean {
  return Object.entries(topic.when ?? {}).every(([group, option]) => choices[group] === option);
}

/** Whether a card folds away: it needs a choice the learner has made differently. */
export function isFoldedAway(topic: PathTopic, choices: Record<string, string | null>): boolean {
  return Object.entries(topic.when ?? {}).some(([group, option]) => {
    const chosen = choices[group];
    return chosen !== undefined && chosen !== null && chosen !== option;
  });
}

export type PathSlot =
  | { kind: 'topic'; topicId: string; sectionId: string }
  | { kind: 'choice'; group: string; sectionId: string; topicId: string | null };

/**
 * The learner's path: required topics whose `when` matches the choices, plus one slot per
 * pick-one group (open until chosen, then the chosen option's topic), in roadmap order.
 */
export function learnerPath(roadmap: PathRoadmap, choices: Record<string, string | null>): PathSlot[] {
  const slots: PathSlot[] = [];
  const groupsSeen = new Set<string>();
  for (const topic of roadmap.topics) {
    if (topic.type === 'required' && matchesChoices(topic, choices)) {
      slots.push({ kind: 'topic', topicId: topic.id, sectionId: topic.sectionId });
    } else if (topic.type === 'pick-one' && topic.group && !groupsSeen.has(topic.group)) {
      groupsSeen.add(topic.group);
      const chosen = choices[topic.group];
      const chosenTopic = roadmap.topics.find(
        (t) => t.type === 'pick-one' && t.group === topic.group && t.option === chosen,
      );
      slots.push({
        kind: 'choice',
        group: topic.group,
        sectionId: topic.sectionId,
        topicId: chosenTopic?.id ?? null,
      });
    }
  }
  return slots;
}

const percentOf = (finished: number, total: number) =>
  total === 0 ? 0 : Math.round((100 * finished) / total);

export function summarize(
  roadmap: PathRoadmap,
  statuses: Record<string, TopicStatus>,
  choices: Record<string, string | null>,
): ProgressSummary {
  const slots = learnerPath(roadmap, choices);
  const statusOf = (slot: PathSlot) => (slot.topicId ? (statuses[slot.topicId] ?? 'pending') : 'pending');
  const count = (list: PathSlot[], status: TopicStatus) =>
    list.filter((slot) => statusOf(slot) === status).length;

  const optional = roadmap.topics.filter((t) => t.type === 'optional' && matchesChoices(t, choices));
  const done = count(slots, 'done');
  const skipped = count(slots, 'skipped');
  return {
    done,
    skipped,
    path: slots.length,
    percent: percentOf(done + skipped, slots.length),
    optionalDone: optional.filter((t) => statuses[t.id] === 'done').length,
    optionalTotal: optional.length,
    sections: roadmap.sections.map((section) => {
      const inSection = slots.filter((slot) => slot.sectionId === section.id);
      const sectionDone = count(inSection, 'done');
      const sectionSkipped = count(inSection, 'skipped');
      return {
        id: section.id,
        done: sectionDone,
        skipped: sectionSkipped,
        path: inSection.length,
        percent: percentOf(sectionDone + sectionSkipped, inSection.length),
      };
    }),
  };
}

/** Times from a browser can be wrong; none may claim to be later than the server's now. */
export function clampTime(iso: string, now: Date): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return new Date(0).toISOString();
  return new Date(Math.min(time, now.getTime())).toISOString();
}

const STATUS_RANK: Record<TopicStatus, number> = { pending: 0, learning: 1, skipped: 2, done: 3 };

/** Newest wins; on a tie the further status wins, so the result never depends on the order. */
export function newerTopic(a: TopicProgress, b: TopicProgress): TopicProgress {
  const ta = Date.parse(a.updatedAt);
  const tb = Date.parse(b.updatedAt);
  if (ta !== tb) return ta > tb ? a : b;
  return STATUS_RANK[a.status] >= STATUS_RANK[b.status] ? a : b;
}

function newerChoice(a: { option: string | null; at: string }, b: { option: string | null; at: string }) {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return ta > tb ? a : b;
  return (a.option ?? '') >= (b.option ?? '') ? a : b;
}

/**
 * Merges two progress histories of one roadmap: per topic and per choice the newest change wins,
 * times clamped to `now`. Every topic and choice of either side is kept.
 */
export function mergeDocuments(a: ProgressDocument, b: ProgressDocument, now: Date): ProgressDocument {
  const merged = emptyDocument();
  for (const id of new Set([...Object.keys(a.topics), ...Object.keys(b.topics)])) {
    const sides = [a.topics[id], b.topics[id]]
      .filter((side): side is TopicProgress => side !== undefined)
      .map((side) => ({ status: side.status, updatedAt: clampTime(side.updatedAt, now) }));
    merged.topics[id] = sides.reduce(newerTopic);
  }
  const groups = new Set([...Object.keys(a.choicesUpdatedAt), ...Object.keys(b.choicesUpdatedAt)]);
  for (const group of groups) {
    const sides = [a, b]
      .filter((doc) => doc.choicesUpdatedAt[group] !== undefined)
      .map((doc) => ({
        option: doc.choices[group] ?? null,
        at: clampTime(doc.choicesUpdatedAt[group] as string, now),
      }));
    const winner = sides.reduce(newerChoice);
    merged.choices[group] = winner.option;
    merged.choicesUpdatedAt[group] = winner.at;
  }
  return merged;
}
