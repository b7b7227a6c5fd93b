// Backup and restore: a round trip of 10,000 learners PGlite → PostgreSQL → PGlite (PGlite → PGlite
// without TEST_DATABASE_URL) gives back the same rows; a file cut short, changed, malformed or with
// repeated rows is refused, naming file and line, and changes nothing.
import { createHash } from 'node:crypto';
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
  // Some hold an operator's one-time password, which must still have to be changed after a restore.
  await sql`update learners set password_must_change = true where abs(hashtext(id::text)) % 7 = 0`.execute(
    db,
  );
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
  await sql`insert into resource_ticks (learner_id, roadmap, topic_id, resource_id, read, updated_at)
    select id, 'backend', 'sql', resource, abs(hashtext(id::text || resource)) % 3 <> 0, created_at + interval '2 days'
    from learners, unnest(array['0123456789ab', 'ba9876543210']) as resource
    where abs(hashtext(id::text)) % 10 = 0`.execute(db);
  // Some write roadmaps of their own: two revisions each, the first one published.
  await sql`insert into custom_roadmaps (slug, owner_id, visibility, latest_revision, published_revision, forked_from, created_at, updated_at)
    select 'custom-' || substr(id::text, 1, 8), id, (array['private','unlisted','public'])[1 + (abs(hashtext(id::text)) % 3)],
           2, 1, case when abs(hashtext(id::text)) % 2 = 0 then 'backend' end, created_at, created_at + interval '1 hour'
    from learners where abs(hashtext(id::text)) % 100 = 0`.execute(db);
  await sql`insert into custom_roadmap_revisions (roadmap, number, document, author_id, kind, created_at)
    select slug, n, jsonb_build_object('title', 'Roadmap "' || slug || '" é🚀', 'description', 'd', 'sections', jsonb_build_array()),
           owner_id, case when n = 1 then 'published' else 'draft' end, created_at + n * interval '1 minute'
    from custom_roadmaps, generate_series(1, 2) as n`.execute(db);
}

/** Every row, in a stable order and a comparable form. */
async function snapshot(db: Db) {
  const rows = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(db)).rows;
  return {
    learners: await rows(
      `select id::text, email, password_hash, password_must_change, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as created from learners order by id`,
    ),
    progress: await rows(
      `select learner_id::text, roadmap, topic_id, status, extract(epoch from updated_at)::text as at from progress order by 1, 2, 3`,
    ),
    choices: await rows(
      `select learner_id::text, roadmap, group_id, option_id, extract(epoch from updated_at)::text as at from choices order by 1, 2, 3`,
    ),
    notes: await rows(`select learner_id::text, roadmap, topic_id, markdown from notes order by 1, 2, 3`),
    resourceTicks: await rows(
      `select learner_id::text, roadmap, topic_id, resource_id, read, extract(epoch from updated_at)::text as at from resource_ticks order by 1, 2, 3, 4`,
    ),
    customRoadmaps: await rows(
      `select slug, owner_id::text, visibility, latest_revision, published_revision, forked_from, extract(epoch from created_at)::text as created, extract(epoch from updated_at)::text as updated from custom_roadmaps order by 1`,
    ),
    customRevisions: await rows(
      `select roadmap, number, document::text, author_id::text, kind, extract(epoch from created_at)::text as at from custom_roadmap_revisions order by 1, 2`,
    ),
  };
}

async function exportTo(db: Db, file: string) {
  const out = createWriteStream(file);
  const counts = await exportBackup(db, out);
  await new Promise((resolve) => out.end(resolve));
  return counts;
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
      const counts = {
        learners: LEARNERS,
        progress: LEARNERS * 3,
        choices: LEARNERS,
        notes: before.notes.length,
        resourceTicks: before.resourceTicks.length,
        teams: 0,
        auditEntries: 0,
      };
      expect(before.resourceTicks.length).toBeGreaterThan(0);
      expect(before.customRevisions.length).toBeGreaterThan(50);
      expect(await exportTo(source.db, first)).toEqual(counts);
      expect(await importBackup(middle.db, createReadStream(first), 'first.jsonl')).toEqual(counts);
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

    const header = { format: 'trailmap-backup', version: 2, exportedAt: '2026-11-25T00:00:00.000Z' };
    /** A backup of these learners as an export writes it, trailer included (unless `trailer` says otherwise). */
    const backup = (learners: object[], trailer: object | false = {}) => {
      const lines = [header, ...learners].map((line) => `${JSON.stringify(line)}\n`).join('');
      if (trailer === false) return lines;
      const all = learners as { progress: unknown[]; choices: unknown[]; notes: unknown[] }[];
      const counts = {
        learners: all.length,
        progress: all.reduce((n, l) => n + l.progress.length, 0),
        choices: all.reduce((n, l) => n + l.choices.length, 0),
        notes: all.reduce((n, l) => n + l.notes.length, 0),
      };
      const sha256 = createHash('sha256').update(lines).digest('hex');
      return `${lines}${JSON.stringify({ trailer: true, ...counts, sha256, ...trailer })}\n`;
    };
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
    const second = { ...good, id: 'b5e5a5b1-0000-4000-8000-000000000001', email: 'two@example.org' };
    const third = { ...good, id: 'b5e5a5b1-0000-4000-8000-000000000002', email: 'three@example.org' };

    const learnerCount = async () =>
      (
        await target.db
          .selectFrom('learners')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    /** Importing `text` is refused with `message`, and nothing is restored. */
    async function refused(text: string, message: string | RegExp) {
      const file = path.join(dir, `refused-${kind}.jsonl`);
      await writeFile(file, text);
      await expect(importBackup(target.db, createReadStream(file), 'backup.jsonl')).rejects.toThrow(
        typeof message === 'string' ? new BackupError(message) : message,
      );
      expect(await learnerCount()).toBe(0);
    }

    it('refuses a malformed line with its line number and changes nothing', async () => {
      await refused(
        `${backup([good, second], false)}{"id": "not even json"\n`,
        'backup.jsonl:4: not valid JSON',
      );
      await refused(
        backup([{ ...good, progress: [{ ...good.progress[0], status: 'mastered' }] }]),
        /^backup\.jsonl:2: \/progress\/0\/status/,
      );
    });

    it('refuses a file cut at a line boundary: without its trailer, or with lines missing', async () => {
      const whole = backup([good, second, third]);
      const lines = whole.split('\n');
      await refused(
        lines.slice(0, 4).join('\n'),
        'backup.jsonl:4: the file ends without its trailer (the last line of every export, with the record counts and checksum): it is incomplete, perhaps cut short',
      );
      await refused(
        `${lines.slice(0, 3).join('\n')}\n`,
        /^backup\.jsonl:3: the file ends without its trailer/,
      );
      // A line taken out of the middle: the trailer's count says so.
      await refused(
        [lines[0], lines[1], lines[3], lines[4]].join('\n'),
        'backup.jsonl:4: the trailer counts 3 learners but the file has 2; 3 progress but the file has 2',
      );
    });

    it('refuses a file whose lines were changed, or with lines after the trailer', async () => {
      const whole = backup([good, second]);
      await refused(
        whole.replace('two@example.org', 'intruder@example.org'),
        'backup.jsonl:4: the checksum in the trailer does not match the lines before it: the file was changed or damaged',
      );
      await refused(
        `${whole}${JSON.stringify(third)}\n`,
        'backup.jsonl:5: a line after the trailer (line 4), which ends the backup',
      );
      await refused(
        backup([good, second], { sha256: 'x' }),
        'backup.jsonl:4: /sha256 must be 64 lower-case hex digits',
      );
    });

    it('checks emails, roadmap slugs and password hashes', async () => {
      await refused(
        backup([{ ...good, email: 'not an address' }]),
        'backup.jsonl:2: /email must be an email address',
      );
      await refused(
        backup([good, { ...second, progress: [{ ...good.progress[0], roadmap: '../etc' }] }]),
        'backup.jsonl:3: /progress/0/roadmap must be 1 to 100 lower-case letters, digits and hyphens',
      );
      await refused(
        backup([
          {
            ...good,
            choices: [{ roadmap: 'Back End', group: 'language', option: 'go', updatedAt: good.createdAt }],
          },
        ]),
        /^backup\.jsonl:2: \/choices\/0\/roadmap /,
      );
      for (const passwordHash of ['hunter2', '$argon2id$', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ'])
        await refused(
          backup([{ ...good, passwordHash }]),
          'backup.jsonl:2: /passwordHash must be an argon2id hash in PHC form ($argon2id$v=19$m=…,t=…,p=…$salt$hash)',
        );
    });

    it('names repeated learners and rows by line', async () => {
      await refused(
        backup([good, second, { ...third, id: good.id }]),
        `backup.jsonl:4: learner id ${good.id} is already on line 2`,
      );
      await refused(
        backup([good, { ...second, email: 'Restored@Example.org' }]),
        'backup.jsonl:3: email Restored@Example.org is already on line 2',
      );
      await refused(
        backup([
          good,
          { ...second, progress: [...good.progress, { ...good.progress[0], status: 'learning' }] },
        ]),
        'backup.jsonl:3: /progress/1 repeats /progress/0 (roadmap backend, topic sql)',
      );
    });

    it('reads a version 1 file (no trailer) only when asked to', async () => {
      const old = [{ ...header, version: 1 }, good].map((line) => `${JSON.stringify(line)}\n`).join('');
      await refused(old, /^backup\.jsonl:1: a version 1 backup has no trailer, .* import with --unchecked/);
      const file = path.join(dir, `v1-${kind}.jsonl`);
      await writeFile(file, old);
      expect(
        await importBackup(target.db, createReadStream(file), 'backup.jsonl', { unchecked: true }),
      ).toEqual({
        learners: 1,
        progress: 1,
        choices: 0,
        notes: 0,
        resourceTicks: 0,
        teams: 0,
        auditEntries: 0,
      });
      await target.db.deleteFrom('learners').execute();
    });

    it('restores read ticks, names a bad or repeated one by line, and reads a file made before ticks', async () => {
      const tick = {
        roadmap: 'backend',
        topicId: 'sql',
        resourceId: '0123456789ab',
        read: true,
        updatedAt: '2026-02-02T00:00:00.000Z',
      };
      await refused(
        backup([{ ...good, resourceTicks: [{ ...tick, resourceId: 'https://x' }] }], { resourceTicks: 1 }),
        'backup.jsonl:2: /resourceTicks/0/resourceId must be 12 hex digits',
      );
      await refused(
        backup([{ ...good, resourceTicks: [tick, { ...tick, read: false }] }], { resourceTicks: 2 }),
        'backup.jsonl:2: /resourceTicks/1 repeats /resourceTicks/0 (roadmap backend, topic sql, resource 0123456789ab)',
      );
      await refused(
        backup([{ ...good, resourceTicks: [tick] }]),
        'backup.jsonl:3: the trailer counts 0 resourceTicks but the file has 1',
      );
      const file = path.join(dir, `ticks-${kind}.jsonl`);
      await writeFile(file, backup([{ ...good, resourceTicks: [tick] }, second], { resourceTicks: 1 }));
      expect(await importBackup(target.db, createReadStream(file), 'backup.jsonl')).toMatchObject({
        learners: 2,
        resourceTicks: 1,
      });
      const rows = await target.db
        .selectFrom('resource_ticks')
        .select(['learner_id', 'resource_id', 'read'])
        .execute();
      expect(rows).toEqual([{ learner_id: good.id, resource_id: '0123456789ab', read: true }]);
      await target.db.deleteFrom('learners').execute();
    });

    it('restores only into an empty database', async () => {
      const file = path.join(dir, `good-${kind}.jsonl`);
      await writeFile(file, backup([good]));
      expect(await importBackup(target.db, createReadStream(file), 'backup.jsonl')).toMatchObject({
        learners: 1,
      });
      await expect(importBackup(target.db, createReadStream(file), 'backup.jsonl')).rejects.toThrow(
        /already has learners/,
      );
    });
  });
});
