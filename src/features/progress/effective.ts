// What status a learner sees on each topic of a roadmap: their own record, one kept under a
// former id, or one from another roadmap's topic that teaches the same skill; the newest wins.
import type { Catalog, Roadmap } from '../../content/model.ts';
import type { TopicStatus } from './rules.ts';
import type { StatusRow } from './store.ts';

export interface EffectiveStatus {
  status: TopicStatus;
  updatedAt: Date;
  /** Set when the status comes from the same skill in another roadmap. */
  sharedFrom: { roadmap: string; topicId: string } | null;
}

type SkillHolders = Map<string, { roadmap: string; ids: string[] }[]>;
const skillIndexes = new WeakMap<Catalog, SkillHolders>();

function skillHolders(catalog: Catalog): SkillHolders {
  let index = skillIndexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const roadmap of catalog.roadmaps) {
      for (const topic of roadmap.topics) {
        if (!topic.skill) continue;
        const holders = index.get(topic.skill) ?? [];
        holders.push({ roadmap: roadmap.slug, ids: [topic.id, ...topic.formerIds] });
        index.set(topic.skill, holders);
      }
    }
    skillIndexes.set(catalog, index);
  }
  return index;
}

export function effectiveStatuses(
  catalog: Catalog,
  roadmap: Roadmap,
  rows: readonly StatusRow[],
): Record<string, EffectiveStatus> {
  const byKey = new Map(rows.map((row) => [`${row.roadmap}\u0000${row.topicId}`, row]));
  const holders = skillHolders(catalog);
  const result: Record<string, EffectiveStatus> = {};
  for (const topic of roadmap.topics) {
    let best: EffectiveStatus | undefined;
    const consider = (row: StatusRow | undefined, shared: boolean) => {
      if (!row || (shared && row.status === 'pending')) return;
      if (best && best.updatedAt.getTime() >= row.updatedAt.getTime()) return;
      best = {
        status: row.status,
        updatedAt: row.updatedAt,
        sharedFrom: shared ? { roadmap: row.roadmap, topicId: row.topicId } : null,
      };
    };
    for (const id of [topic.id, ...topic.formerIds]) consider(byKey.get(`${roadmap.slug}\u0000${id}`), false);
    // Learning a skill elsewhere counts here; resetting it elsewhere does not unlearn it here.
    for (const holder of topic.skill ? (holders.get(topic.skill) ?? []) : []) {
      if (holder.roadmap === roadmap.slug) continue;
      for (const id of holder.ids) consider(byKey.get(`${holder.roadmap}\u0000${id}`), true);
    }
    if (best) result[topic.id] = best;
  }
  return result;
}
