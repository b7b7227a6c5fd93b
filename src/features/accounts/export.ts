// "Download all my data": the account and every row that belongs to it, as JSON.
import type { Db } from '../../db/tables.ts';
import { exportLearnerRows } from '../progress/store.ts';
import type { Learner } from './sessions.ts';

export async function exportLearnerData(db: Db, learner: Learner) {
  const rows = await exportLearnerRows(db, learner.id);
  const iso = (d: Date) => new Date(d).toISOString();
  return {
    exportedAt: new Date().toISOString(),
    learner: { email: learner.email, createdAt: learner.createdAt.toISOString() },
    progress: rows.progress.map((r) => ({
      roadmap: r.roadmap,
      topicId: r.topic_id,
      status: r.status,
      updatedAt: iso(r.updated_at),
    })),
    choices: rows.choices.map((r) => ({
      roadmap: r.roadmap,
      group: r.group_id,
      option: r.option_id,
      updatedAt: iso(r.updated_at),
    })),
    resourceTicks: rows.ticks.map((r) => ({
      roadmap: r.roadmap,
      topicId: r.topic_id,
      resourceId: r.resource_id,
      read: r.read,
      updatedAt: iso(r.updated_at),
    })),
    notes: rows.notes.map((r) => ({
      roadmap: r.roadmap,
      topicId: r.topic_id,
      markdown: r.markdown,
      updatedAt: iso(r.updated_at),
    })),
  };
}
