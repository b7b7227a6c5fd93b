// SQL for searching a learner's own notes: PostgreSQL full-text search over the generated,
// GIN-indexed `search` column (migration 0006), on PGlite and PostgreSQL alike.
import { sql } from 'kysely';
import type { Db } from '../../db/tables.ts';

export interface NoteHit {
  roadmap: string;
  topicId: string;
  markdown: string;
  rank: number;
}

/**
 * The learner's notes holding every word (or a word starting with it), best first.
 * @param words letters and digits only (queryWords), so they cannot be read as tsquery syntax
 */
export async function searchNotes(
  db: Db,
  learnerId: string,
  words: string[],
  options: { roadmap?: string | undefined; limit: number },
): Promise<NoteHit[]> {
  if (words.length === 0) return [];
  // Each word stemmed by the English configuration, as the column was, and matched as a prefix.
  const tsquery = words.map((word) => `${word}:*`).join(' & ');
  let query = db
    .selectFrom('notes')
    .select([
      'roadmap',
      'topic_id as topicId',
      'markdown',
      sql<number>`ts_rank(search, to_tsquery('english', ${tsquery}))`.as('rank'),
    ])
    .where('learner_id', '=', learnerId)
    .where(sql<boolean>`search @@ to_tsquery('english', ${tsquery})`);
  if (options.roadmap) query = query.where('roadmap', '=', options.roadmap);
  return query.orderBy('rank', 'desc').orderBy('updated_at', 'desc').limit(options.limit).execute();
}
