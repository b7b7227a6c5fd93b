// Backup and restore: a round trip of 10,000 learners PGlite → PostgreSQL → PGlite (PGlite → PGlite
// without TEST_DATABASE_URL) gives back the same rows; a malformed line changes nothing.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, openTestDatabase } from '../../../test/helpers/db.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Db } from '../../db/tables.ts';
import { exportBackup } from './export.ts';
import { BackupError, importBackup } from './import.ts';

const LEARNERS = 10_000;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'trailmap-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function seedMany(db: Db) {
  // ASCII addresses: their key (emailKey) is plain lower case.
  await sql`insert into learners (id, email, email_key, password_hash, created_at)
    select gen_random_uuid(), 'learner' || i || '@Example.org', 'learner' || i || '@example.org', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
           timestamptz '2026-01-01' + i * interval '1 minute'
    from generate_series(1, ${LEARNERS}) as i`.execute(db);
  await sql`insert into progress (learner_id, roadmap, topic_id, status, updated_at)
    select id, 'backend', topic, (array['learning','done','skipped','pending'])[1 + (abs(hashtext(id::text || topic)) % 4)],
           created_at + interval '1 day'
    from learners, unnest(array['sql','docker','rest-apis']) as topic`.execute(db);
  await sql`insert into choices (learner_id, roadmap, group_id, option_id, updated_at)
    select id, 'backend', 'language', case when abs(hashtext(id::text)) % 3 = 0 then null else 'go' end, created_at from learners`.execute(
    db,
  );
  await sql`insert into notes (learner_id, roadmap, topic_id, markdown, updated_at)
    select id, 'backend', 'sql', 'Notes with "quotes", émojis 🚀 and
a second line', created_at from learners where abs(hashtext(id::text)) % 50 = 0`.execute(db);
}

/** Every row, in a stable order and a comparable form. */
async function snapshot(db: Db) {
  const rows = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(db)).rows;
  return {
    learners: await rows(
      `select id::text, email, password_hash, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as created from learners order by id`,
    ),
    progress: await rows(
      `select learner_id::text, roadmap, topic_id, status, extract(epoch from updated_at)::text as at from progress order by 1, 2, 3`,
    ),
    choices: await rows(
      `select learner_id::text, roadmap, group_id, option_id, extract(epoch from updated_at)::text as at from choices order by 1, 2, 3`,
    ),
    notes: await rows(`select learner_id::text, roadmap, topic_id, markdown from notes order by 1, 2, 3`),
  };
}

async function exportTo(db: Db, file: string) {
  const out = createWriteStream(file);
  const count = await exportBackup(db, out);
  await new Promise((resolve) => out.end(resolve));
  return count;
}

describe('backup and restore', () => {
  it(`round-trips ${LEARNERS} learners ${DATABASE_KINDS.includes('postgres') ? 'PGlite → PostgreSQL → PGlite' : 'PGlite → PGlite'}`, async () => {
    const source = await openTestDatabase('pglite');
    const middle = await openTestDatabase(DATABASE_KINDS.includes('postgres') ? 'postgres' : 'pglite');
    const back = await openTestDatabase('pglite');
    try {
      await seedMany(source.db);
      const before = await snapshot(source.db);
      expect(before.learners).toHaveLength(LEARNERS);
      expect(before.progress).toHaveLength(LEARNERS * 3);

      const first = path.join(dir, 'first.jsonl');
      expect(await exportTo(source.db, first)).toBe(LEARNERS);
      expect(await importBackup(middle.db, createReadStream(first), 'first.jsonl')).toBe(LEARNERS);
      expect(await snapshot(middle.db)).toEqual(before);

      const second = path.join(dir, 'second.jsonl');
      await exportTo(middle.db, second);
      await importBackup(back.db, createReadStream(second), 'second.jsonl');
      expect(await snapshot(back.db)).toEqual(before);
      expect((await readFile(first, 'utf8')).includes('trailmap_session')).toBe(false);
    } finally {
      await Promise.all([source.close(), middle.close(), back.close()]);
    }
  }, 180_000);

  describe.each(DATABASE_KINDS)('on %s', (kind) => {
    let target: DatabaseHandle;
    beforeAll(async () => {
      target = await openTestDatabase(kind);
    });
    afterAll(() => target.close());

    const backup = (learner: object) =>
      `${JSON.stringify({ format: 'trailmap-backup', version: 1, exportedAt: '2026-11-25T00:00:00.000Z' })}\n${JSON.stringify(learner)}\n`;
    const good = {
      id: '7d5e1c9a-3c1b-4c3e-9a51-1f6c2a9b8e10',
      email: 'restored@example.org',
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g',
      createdAt: '2026-01-01T00:00:00.000Z',
      passwordChangedAt: '2026-01-01T00:00:00.000Z',
      progress: [
        { roadmap: 'backend', topicId: 'sql', status: 'done', updatedAt: '2026-02-01T00:00:00.000Z' },
      ],
      choices: [],
      notes: [],
    };

    it('refuses a malformed line with its line number and changes nothing', async () => {
      const file = path.join(dir, `bad-${kind}.jsonl`);
      const lines =
        backup(good) +
        JSON.stringify({ ...good, id: 'b5e5a5b1-0000-4000-8000-000000000001', email: 'two@example.org' });
      await writeFile(file, `${lines}\n{"id": "not even json"\n`);
      await expect(importBackup(target.db, createReadStream(file), 'backup.jsonl')).rejects.toThrow(
        new BackupError('backup.jsonl:4: not valid JSON'),
      );
      await writeFile(file, backup({ ...good, progress: [{ ...good.progress[0], status: 'mastered' }] }));
      await expect(importBackup(target.db, createReadStream(file), 'backup.jsonl')).rejects.toThrow(
        /^backup\.jsonl:2: \/progress\/0\/status/,
      );
      const count = await target.db
        .selectFrom('learners')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(0);
    });

    it('restores only into an empty database', async () => {
      const file = path.join(dir, `good-${kind}.jsonl`);
      await writeFile(file, backup(good));
      expect(await importBackup(target.db, createReadStream(file), 'backup.jsonl')).toBe(1);
      await expect(importBackup(target.db, createReadStream(file), 'backup.jsonl')).rejects.toThrow(
        /already has learners/,
      );
    });
  });
});
