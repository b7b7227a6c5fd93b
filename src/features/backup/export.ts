// Writes every account, without sessions, as JSON Lines. Learners are read in pages by id, so
// memory does not grow with the number of learners.
import type { Writable } from 'node:stream';
import type { Db } from '../../db/tables.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupLearner } from './format.ts';

const PAGE = 500;
const iso = (value: Date) => new Date(value).toISOString();

async function write(out: Writable, line: string) {
  if (!out.write(`${line}\n`)) await new Promise((resolve) => out.once('drain', resolve));
}

export async function exportBackup(db: Db, out: Writable): Promise<number> {
  await write(
    out,
    JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date().toISOString() }),
  );
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const learners = await db
      .selectFrom('learners')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (learners.length === 0) break;
    const ids = learners.map((l) => l.id);
    const [progress, choices, notes] = [
      await db.selectFrom('progress').selectAll().where('learner_id', 'in', ids).execute(),
      await db.selectFrom('choices').selectAll().where('learner_id', 'in', ids).execute(),
      await db.selectFrom('notes').selectAll().where('learner_id', 'in', ids).execute(),
    ];
    for (const learner of learners) {
      const line: BackupLearner = {
        id: learner.id,
        email: learner.email,
        passwordHash: learner.password_hash,
        createdAt: iso(learner.created_at),
        passwordChangedAt: iso(learner.password_changed_at),
        progress: progress
          .filter((r) => r.learner_id === learner.id)
          .map((r) => ({
            roadmap: r.roadmap,
            topicId: r.topic_id,
            status: r.status,
            updatedAt: iso(r.updated_at),
          })),
        choices: choices
          .filter((r) => r.learner_id === learner.id)
          .map((r) => ({
            roadmap: r.roadmap,
            group: r.group_id,
            option: r.option_id,
            updatedAt: iso(r.updated_at),
          })),
        notes: notes
          .filter((r) => r.learner_id === learner.id)
          .map((r) => ({
            roadmap: r.roadmap,
            topicId: r.topic_id,
            markdown: r.markdown,
            updatedAt: iso(r.updated_at),
          })),
      };
      await write(out, JSON.stringify(line));
      count++;
    }
    after = learners.at(-1)?.id as string;
  }
  return count;
}
