// What status a learner sees on each topic of a roadmap, from their stored rows: the winner (by
// rules.ts) of their own record, one kept under a former id, and those of the same skill elsewhere;
// and likewise which resources show as read.
import type { Catalog, Roadmap } from '../../content/model.ts';
import { effectiveRecord, effectiveTick, type SkillHolder, type TopicStatus } from './rules.ts';
import type { StatusRow, TickRow } from './store.ts';

export interface EffectiveStatus {
  status: TopicStatus;
  updatedAt: Date;
  /** Set when the status comes from the same skill in another roadmap. */
  sharedFrom: SkillHolder | null;
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
    const own = [topic.id, ...topic.formerIds].map((id) => byKey.get(`${roadmap.slug}\u0000${id}`));
    const shared = (topic.skill ? (holders.get(topic.skill) ?? []) : [])
      .filter((holder) => holder.roadmap !== roadmap.slug)
      .flatMap((holder) =>
        holder.ids.map((id) => ({
          record: byKey.get(`${holder.roadmap}\u0000${id}`),
          from: { roadmap: holder.roadmap, topicId: id },
        })),
      );
    const best = effectiveRecord(own, shared);
    if (best)
      result[topic.id] = {
        status: best.record.status,
        updatedAt: best.record.updatedAt,
        sharedFrom: best.sharedFrom,
      };
  }
  return result;
}

export interface EffectiveTick {
  read: boolean;
  updatedAt: Date;
  /** Set (the roadmap's slug) when the tick comes from the same skill in another roadmap. */
  sharedFrom: string | null;
}

/** Topic id → resource id → the tick it shows; topics with no tick are left out. */
export function effectiveTicks(
  catalog: Catalog,
  roadmap: Roadmap,
  rows: readonly TickRow[],
): Record<string, Record<string, EffectiveTick>> {
  const result: Record<string, Record<string, EffectiveTick>> = {};
  if (rows.length === 0) return result;
  const byKey = new Map(
    rows.map((row) => [`${row.roadmap}\u0000${row.topicId}\u0000${row.resourceId}`, row]),
  );
  const holders = skillHolders(catalog);
  for (const topic of roadmap.topics) {
    const others = (topic.skill ? (holders.get(topic.skill) ?? []) : []).filter(
      (holder) => holder.roadmap !== roadmap.slug,
    );
    for (const resource of topic.resources) {
      const key = (slug: string, id: string) => `${slug}\u0000${id}\u0000${resource.id}`;
      const own = [topic.id, ...topic.formerIds].map((id) => byKey.get(key(roadmap.slug, id)));
      const shared = others.flatMap((holder) =>
        holder.ids.map((id) => ({ record: byKey.get(key(holder.roadmap, id)), from: holder.roadmap })),
      );
      const best = effectiveTick(own, shared);
      if (!best) continue;
      const ofTopic = result[topic.id] ?? {};
      ofTopic[resource.id] = {
        read: best.record.read,
        updatedAt: best.record.updatedAt,
        sharedFrom: best.sharedFrom,
      };
      result[topic.id] = ofTopic;
    }
  }
  return result;
}
