// The progress rules (rules.ts) applied to a learner's stored records: read, mark, choose, merge,
// import, mark a section done, reset. Every write goes through ProgressRecords.
import type { Catalog, Roadmap } from '../../content/model.ts';
import { AppError } from '../../errors.ts';
import { findRoadmap, findTopic } from '../roadmaps/lookup.ts';
import { effectiveStatuses, effectiveTicks } from './effective.ts';
import { pathRoadmapOf } from './path-roadmap.ts';
import type { LearnerRecords, ProgressRecords } from './records.ts';
import {
  clampTime,
  markedTopics,
  type ProgressDocument,
  readProgressDocument,
  resetDocument,
  sectionDoneTopics,
  summarize,
  type TopicStatus,
} from './rules.ts';
import type { MergeOut, ProgressView } from './schema.ts';

export type { ProgressView } from './schema.ts';

export async function getProgress(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
): Promise<ProgressView> {
  const roadmap = findRoadmap(catalog, slug);
  return viewOf(catalog, roadmap, await records.read(learnerId));
}

/** What the API answers and pages show, from a learner's stored records. */
export function viewOf(catalog: Catalog, roadmap: Roadmap, records: LearnerRecords): ProgressView {
  const groups = new Set(roadmap.choiceGroups.map((g) => g.id));
  const choices: ProgressView['choices'] = {};
  const choicesUpdatedAt: ProgressView['choicesUpdatedAt'] = {};
  for (const row of records.choices) {
    if (row.roadmap !== roadmap.slug || !groups.has(row.group)) continue;
    choices[row.group] = row.option;
    choicesUpdatedAt[row.group] = row.updatedAt.toISOString();
  }
  const effective = effectiveStatuses(catalog, roadmap, records.statuses);
  const topics: ProgressView['topics'] = {};
  const statuses: Record<string, TopicStatus> = {};
  for (const [id, entry] of Object.entries(effective)) {
    topics[id] = {
      status: entry.status,
      updatedAt: entry.updatedAt.toISOString(),
      sharedFrom: entry.sharedFrom,
    };
    statuses[id] = entry.status;
  }
  const resources: ProgressView['resources'] = {};
  for (const [topicId, ticks] of Object.entries(effectiveTicks(catalog, roadmap, records.ticks))) {
    resources[topicId] = Object.fromEntries(
      Object.entries(ticks).map(([id, t]) => [
        id,
        { read: t.read, updatedAt: t.updatedAt.toISOString(), sharedFrom: t.sharedFrom },
      ]),
    );
  }
  return {
    slug: roadmap.slug,
    choices,
    choicesUpdatedAt,
    topics,
    resources,
    summary: summarize(pathRoadmapOf(roadmap), statuses, choices),
  };
}

/** Progress of every roadmap at once, for the catalogue. */
export async function getAllProgress(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
): Promise<Map<string, ProgressView>> {
  const stored = await records.read(learnerId);
  return new Map(catalog.roadmaps.map((roadmap) => [roadmap.slug, viewOf(catalog, roadmap, stored)]));
}

export async function setStatus(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  topicId: string,
  status: TopicStatus,
) {
  const roadmap = findRoadmap(catalog, slug);
  const topic = findTopic(roadmap, topicId);
  await records.writeStatus({ learnerId, roadmap: slug, topicId: topic.id, status, updatedAt: new Date() });
  return getProgress(records, catalog, learnerId, slug);
}

/** Ticks a resource of a topic as read (or unticks it). A resource the topic does not list: 404. */
export async function setTick(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  topicId: string,
  resourceId: string,
  read: boolean,
) {
  const roadmap = findRoadmap(catalog, slug);
  const topic = findTopic(roadmap, topicId);
  if (!topic.resources.some((r) => r.id === resourceId)) {
    throw new AppError(
      'not_found',
      `The topic "${topic.id}" has no resource "${resourceId}"; its resources are ${topic.resources.map((r) => r.id).join(', ')}`,
    );
  }
  await records.write(learnerId, slug, {
    ticks: [{ topicId: topic.id, resourceId, read, updatedAt: new Date() }],
  });
  return getProgress(records, catalog, learnerId, slug);
}

/** Sets (or, with null, clears) a Pick One choice. Statuses already set are kept. */
export async function setChoice(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  group: string,
  option: string | null,
) {
  const roadmap = findRoadmap(catalog, slug);
  const found = roadmap.choiceGroups.find((g) => g.id === group);
  if (!found) throw new AppError('not_found', `The roadmap "${roadmap.slug}" has no choice group "${group}"`);
  if (option !== null && !found.options.some((o) => o.id === option)) {
    throw new AppError(
      'invalid',
      `option "${option}" is not an option of "${group}" (${found.options.map((o) => o.id).join(', ')})`,
    );
  }
  await records.write(learnerId, slug, { choices: [{ group, option, updatedAt: new Date() }] });
  return getProgress(records, catalog, learnerId, slug);
}

/** A document as rows to store, times clamped to now. */
function entriesOf(doc: ProgressDocument, now: Date) {
  return {
    statuses: Object.entries(doc.topics).map(([topicId, entry]) => ({
      topicId,
      status: entry.status,
      updatedAt: new Date(clampTime(entry.updatedAt, now)),
    })),
    choices: Object.entries(doc.choicesUpdatedAt).map(([group, at]) => ({
      group,
      option: doc.choices[group] ?? null,
      updatedAt: new Date(clampTime(at, now)),
    })),
    ticks: Object.entries(doc.resources ?? {}).flatMap(([topicId, ticks]) =>
      Object.entries(ticks).map(([resourceId, tick]) => ({
        topicId,
        resourceId,
        read: tick.read,
        updatedAt: new Date(clampTime(tick.updatedAt, now)),
      })),
    ),
  };
}

/**
 * Merges a browser's progress into the account: per topic and choice the change that wins. Entries
 * the roadmap cannot hold are left out and named in `dropped`; the rest is stored all the same.
 */
export async function mergeProgress(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  body: unknown,
): Promise<MergeOut> {
  const roadmap = findRoadmap(catalog, slug);
  const { doc, problems } = readProgressDocument(pathRoadmapOf(roadmap), body);
  await records.write(learnerId, slug, entriesOf(doc, new Date()));
  return {
    ...(await getProgress(records, catalog, learnerId, slug)),
    kept: markedTopics(doc),
    dropped: problems,
  };
}

/** Replaces a roadmap's progress with a document (import, and the undo of a reset): all or nothing. */
export async function replaceProgress(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  body: unknown,
) {
  const roadmap = findRoadmap(catalog, slug);
  const { doc, problems } = readProgressDocument(pathRoadmapOf(roadmap), body);
  if (problems.length > 0)
    throw new AppError('invalid', `This progress cannot be imported: ${problems.join('; ')}.`);
  await records.replace(learnerId, slug, entriesOf(doc, new Date()));
  return getProgress(records, catalog, learnerId, slug);
}

/** Marks done every topic of a section on the learner's path not yet done or skipped. */
export async function markSectionDone(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  sectionId: string,
) {
  const roadmap = findRoadmap(catalog, slug);
  if (!roadmap.sections.some((s) => s.id === sectionId)) {
    throw new AppError('not_found', `The roadmap "${slug}" has no section "${sectionId}"`);
  }
  const current = await getProgress(records, catalog, learnerId, slug);
  const statuses = Object.fromEntries(Object.entries(current.topics).map(([id, t]) => [id, t.status]));
  const now = new Date();
  const topicIds = sectionDoneTopics(pathRoadmapOf(roadmap), statuses, current.choices, sectionId);
  await records.write(learnerId, slug, {
    statuses: topicIds.map((topicId) => ({ topicId, status: 'done' as const, updatedAt: now })),
  });
  return getProgress(records, catalog, learnerId, slug);
}

/** Resets a roadmap (rules.ts's resetDocument). Answers the progress before the reset, for an undo. */
export async function resetProgress(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
): Promise<ProgressView> {
  const previous = await getProgress(records, catalog, learnerId, slug);
  const roadmap = findRoadmap(catalog, slug);
  const now = new Date();
  await records.write(
    learnerId,
    slug,
    entriesOf(resetDocument(pathRoadmapOf(roadmap), now.toISOString()), now),
  );
  return previous;
}
