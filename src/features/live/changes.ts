// What changed for a learner since a moment: the stored rows are the log (NOTIFY keeps nothing),
// so a client that reconnects with Last-Event-ID catches up from here.
import type { Db } from '../../db/tables.ts';
import * as store from './store.ts';

export type LiveEvent =
  | { type: 'progress'; at: Date; data: { slug: string; topicId: string; status: string; updatedAt: string } }
  | {
      type: 'choice';
      at: Date;
      data: { slug: string; group: string; option: string | null; updatedAt: string };
    }
  | {
      type: 'resource';
      at: Date;
      data: { slug: string; topicId: string; resourceId: string; read: boolean; updatedAt: string };
    }
  | { type: 'note'; at: Date; data: { slug: string; topicId: string; updatedAt: string } };

export async function changesSince(db: Db, learnerId: string, since: Date): Promise<LiveEvent[]> {
  const [statuses, choices, notes, ticks] = [
    await store.progressChangedSince(db, learnerId, since),
    await store.choicesChangedSince(db, learnerId, since),
    await store.notesChangedSince(db, learnerId, since),
    await store.ticksChangedSince(db, learnerId, since),
  ];
  const events: LiveEvent[] = [
    ...statuses.map((row) => {
      const at = new Date(row.updated_at);
      return {
        type: 'progress' as const,
        at,
        data: { slug: row.roadmap, topicId: row.topic_id, status: row.status, updatedAt: at.toISOString() },
      };
    }),
    ...choices.map((row) => {
      const at = new Date(row.updated_at);
      return {
        type: 'choice' as const,
        at,
        data: { slug: row.roadmap, group: row.group_id, option: row.option_id, updatedAt: at.toISOString() },
      };
    }),
    ...ticks.map((row) => {
      const at = new Date(row.updated_at);
      return {
        type: 'resource' as const,
        at,
        data: {
          slug: row.roadmap,
          topicId: row.topic_id,
          resourceId: row.resource_id,
          read: row.read,
          updatedAt: at.toISOString(),
        },
      };
    }),
    // The text stays out of the stream: an editor that needs it reads it.
    ...notes.map((row) => {
      const at = new Date(row.updated_at);
      return {
        type: 'note' as const,
        at,
        data: { slug: row.roadmap, topicId: row.topic_id, updatedAt: at.toISOString() },
      };
    }),
  ];
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
