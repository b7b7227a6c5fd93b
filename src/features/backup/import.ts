// Restores a backup into an empty database, in one transaction: a malformed line is refused with
// its line number, and nothing is changed.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Value } from '@sinclair/typebox/value';
import type { Db } from '../../db/tables.ts';
import { emailKey } from '../accounts/email-key.ts';
import { BackupHeader, BackupLearner } from './format.ts';

export class BackupError extends Error {}

const BATCH = 500;

function parseLine<T>(schema: typeof BackupHeader | typeof BackupLearner, text: string, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupError(`${where}: not valid JSON`);
  }
  const error = Value.Errors(schema, value).First();
  if (error) throw new BackupError(`${where}: ${error.path || 'line'} ${error.message.toLowerCase()}`);
  return value as T;
}

export async function importBackup(db: Db, input: Readable, name: string): Promise<number> {
  const existing = await db.selectFrom('learners').select('id').limit(1).executeTakeFirst();
  if (existing)
    throw new BackupError('the database already has learners: import only restores into an empty database');
  let count = 0;
  await db.transaction().execute(async (trx) => {
    let lineNumber = 0;
    let batch: BackupLearner[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await trx
        .insertInto('learners')
        .values(
          batch.map((l) => ({
            id: l.id,
            email: l.email,
            email_key: emailKey(l.email),
            password_hash: l.passwordHash,
            created_at: new Date(l.createdAt),
            password_changed_at: new Date(l.passwordChangedAt),
          })),
        )
        .execute();
      const progress = batch.flatMap((l) =>
        l.progress.map((p) => ({
          learner_id: l.id,
          roadmap: p.roadmap,
          topic_id: p.topicId,
          status: p.status,
          updated_at: new Date(p.updatedAt),
        })),
      );
      const choices = batch.flatMap((l) =>
        l.choices.map((c) => ({
          learner_id: l.id,
          roadmap: c.roadmap,
          group_id: c.group,
          option_id: c.option,
          updated_at: new Date(c.updatedAt),
        })),
      );
      const notes = batch.flatMap((l) =>
        l.notes.map((n) => ({
          learner_id: l.id,
          roadmap: n.roadmap,
          topic_id: n.topicId,
          markdown: n.markdown,
          updated_at: new Date(n.updatedAt),
        })),
      );
      // PostgreSQL takes at most 65,535 parameters per statement: insert in slices.
      for (let i = 0; i < progress.length; i += 5000)
        await trx
          .insertInto('progress')
          .values(progress.slice(i, i + 5000))
          .execute();
      for (let i = 0; i < choices.length; i += 5000)
        await trx
          .insertInto('choices')
          .values(choices.slice(i, i + 5000))
          .execute();
      for (let i = 0; i < notes.length; i += 5000)
        await trx
          .insertInto('notes')
          .values(notes.slice(i, i + 5000))
          .execute();
      batch = [];
    };
    for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      lineNumber++;
      const where = `${name}:${lineNumber}`;
      if (lineNumber === 1) {
        parseLine(BackupHeader, text, where);
        continue;
      }
      if (text.trim() === '') continue;
      batch.push(parseLine<BackupLearner>(BackupLearner, text, where));
      count++;
      if (batch.length >= BATCH) await flush();
    }
    if (lineNumber === 0) throw new BackupError(`${name}: the file is empty`);
    await flush();
  });
  return count;
}
