// The progress rules, the one copy that both the server and the browser bundle run: a learner's
// path and its figures, which record a topic shows (shared skills, former ids), which change wins
// (one tie rule, also written in SQL by store.ts), merge, section done, reset, and how a progress
// document from a browser or a file is read. No I/O here.

export const TOPIC_STATUSES = ['pending', 'learning', 'done', 'skipped'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export interface TopicProgress {
  status: TopicStatus;
  /** ISO 8601 time of the change. */
  updatedAt: string;
}

/** A resource of a topic ticked as read (or unticked: the record keeps its time for merges). */
export interface ResourceTick {
  read: boolean;
  /** ISO 8601 time of the change. */
  updatedAt: string;
}

/** Topic id → resource id → tick. */
export type ResourceTicks = Record<string, Record<string, ResourceTick>>;

/** One roadmap's progress, as the API and the browser's local store hold it. */
export interface ProgressDocument {
  choices: Record<string, string | null>;
  choicesUpdatedAt: Record<string, string>;
  topics: Record<string, TopicProgress>;
  /** Resources ticked as read; absent in documents made before ticks existed. */
  resources?: ResourceTicks;
}

/** The little a rule needs to know about a roadmap (the browser gets it embedded in the page). */
export interface PathTopic {
  id: string;
  type: 'required' | 'pick-one' | 'optional';
  sectionId: string;
  group: string | null;
  option: string | null;
  when: Record<string, string> | null;
  /** Ids the topic had before, whose records still count for it (left out when there are none). */
  formerIds?: string[];
  /** Ids of the topic's resources (content/resource-id.ts), in the order the topic lists them. */
  resources?: string[];
}

export interface PathRoadmap {
  slug: string;
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

/** The longest private note, in characters (UTF-16 code units, as JavaScript counts them). */
export const NOTE_MAX_LENGTH = 20_000;

export const emptyDocument = (): ProgressDocument => ({
  choices: {},
  choicesUpdatedAt: {},
  topics: {},
  resources: {},
});

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

/** A change as both sides hold it: ISO strings in documents, Dates in stored rows. */
type Time = string | Date;
const msOf = (time: Time) => (typeof time === 'string' ? Date.parse(time) : time.getTime());

/** Times from a browser can be wrong; none may claim to be later than the server's now. */
export function clampTime(iso: string, now: Date): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return new Date(0).toISOString();
  return new Date(Math.min(time, now.getTime())).toISOString();
}

/**
 * The tie rule: on equal times the status further along wins (pending < learning < skipped < done),
 * so the outcome never depends on the order changes arrive in. store.ts writes the same order into
 * its upsert (`statusRankSql`).
 */
export const STATUS_ORDER: readonly TopicStatus[] = ['pending', 'learning', 'skipped', 'done'];
const rankOf = (status: TopicStatus) => STATUS_ORDER.indexOf(status);

/** The change of a topic that wins: the newest; on a tie the further status; else the first. */
export function newerTopic<T extends { status: TopicStatus; updatedAt: Time }>(a: T, b: T): T {
  const ta = msOf(a.updatedAt);
  const tb = msOf(b.updatedAt);
  if (ta !== tb) return ta > tb ? a : b;
  return rankOf(a.status) >= rankOf(b.status) ? a : b;
}

/**
 * The choice that wins: the newest; on a tie the greater option id in code-unit order (a cleared
 * choice counts as ""); store.ts compares with COLLATE "C", which orders the same way.
 */
export function newerChoice<T extends { option: string | null; updatedAt: Time }>(a: T, b: T): T {
  const ta = msOf(a.updatedAt);
  const tb = msOf(b.updatedAt);
  if (ta !== tb) return ta > tb ? a : b;
  return (a.option ?? '') >= (b.option ?? '') ? a : b;
}

export interface SkillHolder {
  roadmap: string;
  topicId: string;
}

/**
 * Which record a topic shows: the winner among its own records (under its id or a former one)
 * and those of the same skill in other roadmaps. A `pending` elsewhere does not count: resetting a
 * skill in one roadmap does not unlearn it in another.
 */
export function effectiveRecord<T extends { status: TopicStatus; updatedAt: Time }>(
  own: readonly (T | undefined)[],
  shared: readonly { record: T | undefined; from: SkillHolder }[],
): { record: T; sharedFrom: SkillHolder | null } | undefined {
  let best: { record: T; sharedFrom: SkillHolder | null } | undefined;
  const consider = (record: T | undefined, sharedFrom: SkillHolder | null) => {
    if (!record || (sharedFrom && record.status === 'pending')) return;
    if (!best || newerTopic(best.record, record) !== best.record) best = { record, sharedFrom };
  };
  for (const record of own) consider(record, null);
  for (const { record, from } of shared) consider(record, from);
  return best;
}

/**
 * The tick that wins: the newest; on a tie "read" (further along, like the statuses' tie rule).
 * store.ts's upsert orders the same way (false < true).
 */
export function newerTick<T extends { read: boolean; updatedAt: Time }>(a: T, b: T): T {
  const ta = msOf(a.updatedAt);
  const tb = msOf(b.updatedAt);
  if (ta !== tb) return ta > tb ? a : b;
  return a.read || !b.read ? a : b;
}

/**
 * Which tick a resource shows, as effectiveRecord for statuses: the winner among the topic's own
 * records and those of the same skill elsewhere, where an "unread" does not count (resetting a
 * skill in one roadmap does not unread it in another).
 */
export function effectiveTick<T extends { read: boolean; updatedAt: Time }, From>(
  own: readonly (T | undefined)[],
  shared: readonly { record: T | undefined; from: From }[],
): { record: T; sharedFrom: From | null } | undefined {
  let best: { record: T; sharedFrom: From | null } | undefined;
  const consider = (record: T | undefined, sharedFrom: From | null) => {
    if (!record || (sharedFrom !== null && !record.read)) return;
    if (!best || newerTick(best.record, record) !== best.record) best = { record, sharedFrom };
  };
  for (const record of own) consider(record, null);
  for (const { record, from } of shared) consider(record, from);
  return best;
}

/** "2 of 5 read": the topic's resources ticked as read, of all it lists. */
export function readCount(
  topic: Pick<PathTopic, 'resources'>,
  ticks: Record<string, { read: boolean }> | undefined,
): { read: number; total: number } {
  const ids = topic.resources ?? [];
  return { read: ids.filter((id) => ticks?.[id]?.read === true).length, total: ids.length };
}

/** Resources ticked as read in a document: what an import would replace, beside marked topics. */
export const readResources = (doc: ProgressDocument) =>
  Object.values(doc.resources ?? {}).reduce(
    (n, ticks) => n + Object.values(ticks).filter((t) => t.read).length,
    0,
  );

/**
 * Merges two progress histories of one roadmap: per topic and per choice the change that wins
 * (newest, then the tie rule), times clamped to `now`. Every topic and choice of either side is kept.
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
        updatedAt: clampTime(doc.choicesUpdatedAt[group] as string, now),
      }));
    const winner = sides.reduce(newerChoice);
    merged.choices[group] = winner.option;
    merged.choicesUpdatedAt[group] = winner.updatedAt;
  }
  const ticksA = a.resources ?? {};
  const ticksB = b.resources ?? {};
  const resources: ResourceTicks = {};
  for (const topicId of new Set([...Object.keys(ticksA), ...Object.keys(ticksB)])) {
    const ofTopic: Record<string, ResourceTick> = {};
    const sideA = ticksA[topicId] ?? {};
    const sideB = ticksB[topicId] ?? {};
    for (const id of new Set([...Object.keys(sideA), ...Object.keys(sideB)])) {
      ofTopic[id] = [sideA[id], sideB[id]]
        .filter((side): side is ResourceTick => side !== undefined)
        .map((side) => ({ read: side.read, updatedAt: clampTime(side.updatedAt, now) }))
        .reduce(newerTick);
    }
    resources[topicId] = ofTopic;
  }
  merged.resources = resources;
  return merged;
}

/** The topics "Mark section done" changes: those of the section on the path not yet done or skipped. */
export function sectionDoneTopics(
  roadmap: PathRoadmap,
  statuses: Record<string, TopicStatus>,
  choices: Record<string, string | null>,
  sectionId: string,
): string[] {
  return learnerPath(roadmap, choices)
    .filter((slot) => slot.sectionId === sectionId && slot.topicId)
    .map((slot) => slot.topicId as string)
    .filter((id) => statuses[id] !== 'done' && statuses[id] !== 'skipped');
}

/**
 * What a reset stores: every topic pending, every resource unread and every choice cleared, at
 * `now`, so that a later merge of older statuses and ticks cannot bring them back.
 */
export function resetDocument(roadmap: PathRoadmap, now: string): ProgressDocument {
  const doc = emptyDocument();
  const resources: ResourceTicks = {};
  for (const topic of roadmap.topics) {
    doc.topics[topic.id] = { status: 'pending', updatedAt: now };
    if (topic.resources?.length)
      resources[topic.id] = Object.fromEntries(
        topic.resources.map((id) => [id, { read: false, updatedAt: now }]),
      );
  }
  doc.resources = resources;
  for (const group of roadmap.groups) {
    doc.choices[group.id] = null;
    doc.choicesUpdatedAt[group.id] = now;
  }
  return doc;
}

/** Topics a learner has marked (anything but pending): what an import would replace. */
export const markedTopics = (doc: ProgressDocument) =>
  Object.values(doc.topics).filter((t) => t.status !== 'pending').length;

const describe = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'string'
        ? 'text'
        : typeof value === 'object'
          ? 'an object'
          : `a ${typeof value}`;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value));
const MAX_PROBLEMS = 20;

/** Why a choice cannot be made in this roadmap (null clears it), or undefined when it can. */
export function choiceProblem(roadmap: PathRoadmap, group: string, option: unknown): string | undefined {
  const options = roadmap.groups.find((g) => g.id === group)?.options;
  if (!options) return `choice group "${group}" is not in this roadmap`;
  if (option !== null && (typeof option !== 'string' || !options.includes(option)))
    return `option ${JSON.stringify(option)} for "${group}": use ${options.join(', ')}`;
  return undefined;
}

/**
 * Reads a progress document from a browser or a file (import, the sign-in merge) against a
 * roadmap: the entries it can keep, under their current ids, and one sentence per entry it cannot.
 * An import refuses a document with any problem; the merge keeps the rest and reports them.
 */
export function readProgressDocument(
  roadmap: PathRoadmap,
  value: unknown,
): { doc: ProgressDocument; problems: string[] } {
  const doc = emptyDocument();
  const problems: string[] = [];
  if (!isRecord(value))
    return { doc, problems: [`The file holds ${describe(value)}, not Trailmap progress.`] };
  if (value.roadmap !== undefined && value.roadmap !== roadmap.slug) {
    const name = typeof value.roadmap === 'string' ? `"${value.roadmap}"` : describe(value.roadmap);
    return { doc, problems: [`This is progress for the roadmap ${name}, not "${roadmap.slug}".`] };
  }
  const { topics, choices = {}, choicesUpdatedAt = {}, resources = {} } = value;
  if (!isRecord(topics)) return { doc, problems: ['The file holds no Trailmap progress (no "topics").'] };

  const byId = new Map<string, PathTopic>();
  for (const topic of roadmap.topics) {
    byId.set(topic.id, topic);
    for (const former of topic.formerIds ?? []) if (!byId.has(former)) byId.set(former, topic);
  }
  for (const [id, entry] of Object.entries(topics)) {
    const topic = byId.get(id);
    if (!topic) problems.push(`topic "${id}" is not in this roadmap`);
    else if (!isRecord(entry)) problems.push(`topic "${id}" holds ${describe(entry)}, not a status`);
    else if (!TOPIC_STATUSES.includes(entry.status as TopicStatus))
      problems.push(
        `status ${JSON.stringify(entry.status)} for topic "${id}": use learning, done or skipped`,
      );
    else if (!isTime(entry.updatedAt)) problems.push(`topic "${id}" has no valid time (updatedAt)`);
    else {
      const change = { status: entry.status as TopicStatus, updatedAt: entry.updatedAt };
      const kept = doc.topics[topic.id];
      doc.topics[topic.id] = kept ? newerTopic(kept, change) : change;
    }
  }

  if (!isRecord(choices) || !isRecord(choicesUpdatedAt)) {
    problems.push('choices and choicesUpdatedAt must be objects');
  } else {
    for (const group of new Set([...Object.keys(choices), ...Object.keys(choicesUpdatedAt)])) {
      const option = choices[group] ?? null;
      const at = choicesUpdatedAt[group];
      const problem = choiceProblem(roadmap, group, option);
      if (problem) problems.push(problem);
      else if (!isTime(at)) problems.push(`choice "${group}" has no valid time (choicesUpdatedAt)`);
      else {
        doc.choices[group] = option as string | null;
        doc.choicesUpdatedAt[group] = at;
      }
    }
  }
  readTicks(byId, resources, doc, problems);
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.splice(MAX_PROBLEMS, more, `and ${more} more`);
  }
  return { doc, problems };
}

/** The "resources" part of a document: ticks of resources the topic lists, under its current id. */
function readTicks(
  byId: Map<string, PathTopic>,
  value: unknown,
  doc: ProgressDocument,
  problems: string[],
): void {
  if (!isRecord(value)) {
    problems.push('resources must be an object of topic id → resource id → { read, updatedAt }');
    return;
  }
  const resources: ResourceTicks = {};
  for (const [topicId, ticks] of Object.entries(value)) {
    const topic = byId.get(topicId);
    if (!topic) {
      problems.push(`topic "${topicId}" of resources is not in this roadmap`);
      continue;
    }
    if (!isRecord(ticks)) {
      problems.push(`resources of topic "${topicId}" hold ${describe(ticks)}, not ticks by resource id`);
      continue;
    }
    for (const [id, tick] of Object.entries(ticks)) {
      if (!topic.resources?.includes(id))
        problems.push(`resource "${id}" is not a resource of topic "${topic.id}"`);
      else if (!isRecord(tick) || typeof tick.read !== 'boolean')
        problems.push(`resource "${id}" of topic "${topic.id}" needs read: true or false`);
      else if (!isTime(tick.updatedAt))
        problems.push(`resource "${id}" of topic "${topic.id}" has no valid time (updatedAt)`);
      else {
        const change = { read: tick.read, updatedAt: tick.updatedAt };
        const ofTopic = resources[topic.id] ?? {};
        const kept = ofTopic[id];
        ofTopic[id] = kept ? newerTick(kept, change) : change;
        resources[topic.id] = ofTopic;
      }
    }
  }
  doc.resources = resources;
}
