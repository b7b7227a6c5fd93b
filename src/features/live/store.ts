// The rows a live stream reads: a learner's statuses, choices, resource ticks and notes changed after a moment.
import type { Db } from '../../db/tables.ts';

export function progressChangedSince(db: Db, learnerId: string, since: Date) {
  return db
    .selectFrom('progress')
    .select(['roadmap', 'topic_id', 'status', 'updated_at'])
    .where('learner_id', '=', learnerId)
    .where('updated_at', '>', since)
    .execute();
}

export function choicesChangedSince(db: Db, learnerId: string, since: Date) {
  return db
    .selectFrom('choices')
    .select(['roadmap', 'group_id', 'option_id', 'updated_at'])
    .where('learner_id', '=', learnerId)
    .where('updated_at', '>', since)
    .execute();
}

export function notesChangedSince(db: Db, learnerId: string, since: Date) {
  return db
    .selectFrom('notes')
    .select(['roadmap', 'topic_id', 'updated_at'])
    .where('learner_id', '=', learnerId)
    .where('updated_at', '>', since)
    .execute();
}

export function ticksChangedSince(db: Db, learnerId: string, since: Date) {
  return db
    .selectFrom('resource_ticks')
    .select(['roadmap', 'topic_id', 'resource_id', 'read', 'updated_at'])
    .where('learner_id', '=', learnerId)
    .where('updated_at', '>', since)
    .execute();
}
