// The progress rules applied to a learner's stored records: read, mark, choose, merge, reset.
import type { Catalog, Roadmap } from '../../content/model.ts';
import { AppError } from '../../errors.ts';
import { findRoadmap, findTopic } from '../roadmaps/lookup.ts';
import { effectiveStatuses } from './effective.ts';
import { pathRoadmapOf } from './path-roadmap.ts';
import type { LearnerRecords, ProgressRecords } from './records.ts';
import {
  clampTime,
  learnerPath,
  type ProgressDocument,
  type ProgressSummary,
  summarize,
  type TopicStatus,
} from './rules.ts';
import * as store from './store.ts';

export interface ProgressView {
  slug: string;
  choices: Record<string, string | null>;
  choicesUpdatedAt: Record<string, string>;
  topics: Record<
    string,
    { status: TopicStatus; updatedAt: string; sharedFrom: { roadmap: string; topicId: string } | null }
  >;
  summary: ProgressSummary;
}

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
  return {
    slug: roadmap.slug,
    choices,
    choicesUpdatedAt,
    topics,
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

function checkOption(roadmap: Roadmap, group: string, option: string | null) {
  const found = roadmap.choiceGroups.find((g) => g.id === group);
  if (!found) throw new AppError('not_found', `The roadmap "${roadmap.slug}" has no choice group "${group}"`);
  if (option !== null && !found.options.some((o) => o.id === option)) {
    throw new AppError(
      'invalid',
      `option "${option}" is not an option of "${group}" (${found.options.map((o) => o.id).join(', ')})`,
    );
  }
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
  checkOption(roadmap, group, option);
  const stored = await store.upsertChoices(records.db, learnerId, slug, [
    { group, option, updatedAt: new Date() },
  ]);
  records.written(learnerId, stored.length === 1 ? { choices: stored } : undefined);
  return getProgress(records, catalog, learnerId, slug);
}

/** Checks a document from a browser or a file, mapping former topic ids, with times clamped to now. */
function readDocument(roadmap: Roadmap, doc: ProgressDocument, now: Date) {
  const statuses = Object.entries(doc.topics).map(([id, entry]) => {
    let topic: ReturnType<typeof findTopic>;
    try {
      topic = findTopic(roadmap, id);
    } catch {
      throw new AppError('invalid', `topics.${id}: the roadmap "${roadmap.slug}" has no topic "${id}"`);
    }
    return { topicId: topic.id, status: entry.status, updatedAt: new Date(clampTime(entry.updatedAt, now)) };
  });
  const choices = Object.entries(doc.choicesUpdatedAt).map(([group, at]) => {
    const option = doc.choices[group] ?? null;
    try {
      checkOption(roadmap, group, option);
    } catch (error) {
      throw new AppError('invalid', `choices.${group}: ${(error as Error).message}`);
    }
    return { group, option, updatedAt: new Date(clampTime(at, now)) };
  });
  for (const group of Object.keys(doc.choices)) {
    if (!(group in doc.choicesUpdatedAt))
      throw new AppError('invalid', `choicesUpdatedAt.${group} is missing`);
  }
  return { statuses, choices };
}

/** Merges a browser's progress into the account: the newest change per topic and choice wins. */
export async function mergeProgress(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  doc: ProgressDocument,
) {
  const roadmap = findRoadmap(catalog, slug);
  const { statuses, choices } = readDocument(roadmap, doc, new Date());
  await records.db.transaction().execute(async (trx) => {
    await store.upsertStatuses(trx, learnerId, slug, statuses);
    await store.upsertChoices(trx, learnerId, slug, choices);
  });
  records.written(learnerId);
  return getProgress(records, catalog, learnerId, slug);
}

/** Replaces a roadmap's progress with a document (import, and the undo of a reset). */
export async function replaceProgress(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
  doc: ProgressDocument,
) {
  const roadmap = findRoadmap(catalog, slug);
  const { statuses, choices } = readDocument(roadmap, doc, new Date());
  await store.replaceRoadmap(records.db, learnerId, slug, statuses, choices);
  records.written(learnerId);
  return getProgress(records, catalog, learnerId, slug);
}

/** Marks done every topic of a section that is on the learner's path. */
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
  const now = new Date();
  const topicIds = learnerPath(pathRoadmapOf(roadmap), current.choices)
    .filter((slot) => slot.sectionId === sectionId && slot.topicId)
    .map((slot) => slot.topicId as string);
  await store.upsertStatuses(
    records.db,
    learnerId,
    slug,
    topicIds.map((topicId) => ({ topicId, status: 'done' as const, updatedAt: now })),
  );
  records.written(learnerId);
  return getProgress(records, catalog, learnerId, slug);
}

/**
 * Resets a roadmap: every status becomes `pending` and every choice is cleared, stored with the
 * time, so a later merge cannot bring old statuses back. Answers the document before the reset.
 */
export async function resetProgress(
  records: ProgressRecords,
  catalog: Catalog,
  learnerId: string,
  slug: string,
): Promise<ProgressView> {
  const previous = await getProgress(records, catalog, learnerId, slug);
  const roadmap = findRoadmap(catalog, slug);
  const now = new Date();
  await records.db.transaction().execute(async (trx) => {
    await store.upsertStatuses(
      trx,
      learnerId,
      slug,
      roadmap.topics.map((t) => ({ topicId: t.id, status: 'pending' as const, updatedAt: now })),
    );
    await store.upsertChoices(
      trx,
      learnerId,
      slug,
      roadmap.choiceGroups.map((g) => ({ group: g.id, option: null, updatedAt: now })),
    );
  });
  records.written(learnerId);
  return previous;
}
