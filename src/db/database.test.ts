// The data layer's promises: migrations all-or-nothing, and one process per PGlite data directory.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, openTestDatabase } from '../../test/helpers/db.ts';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';
import type { DatabaseHandle } from './database.ts';
import { MIGRATIONS, MigrationError, migrateToLatest } from './migrate.ts';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('are all applied, and applying them again changes nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      database.db,
    );
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
  });

  it('leave the database as it was when one fails, and say why', async () => {
    const broken = {
      ...MIGRATIONS,
      '0098_fine': {
        up: async (db: Kysely<unknown>) =>
          db.schema.createTable('half_done').addColumn('id', 'integer').execute(),
      },
      '0099_broken': {
        up: async (db: Kysely<unknown>) => void (await sql`select * from no_such_table`.execute(db)),
      },
    };
    await expect(migrateToLatest(database.db, broken)).rejects.toThrow(MigrationError);
    await expect(migrateToLatest(database.db, broken)).rejects.toThrow(
      /^migration 0099_broken failed, nothing was changed: .*no_such_table/,
    );
    const tables = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name = 'half_done'`.execute(
      database.db,
    );
    expect(tables.rows[0]?.n).toBe(0);
  });
});

describe('the PGlite data directory lock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trailmap-lock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first process runs, naming it', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(
        path.join(dir, 'trailmap.lock'),
        JSON.stringify({ pid: child.pid, holder: 'trailmap serve' }),
      );
      expect(() => lockDataDir(dir, 'trailmap user list')).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir, 'trailmap user list')).toThrow(
        `the data directory ${dir} is in use by process ${child.pid} (trailmap serve)`,
      );
    } finally {
      child.kill();
    }
  });

  it('takes over a lock left by a process that no longer runs, and releases it', async () => {
    await writeFile(
      path.join(dir, 'trailmap.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, holder: 'crashed' }),
    );
    const release = lockDataDir(dir, 'trailmap serve');
    expect(JSON.parse(await readFile(path.join(dir, 'trailmap.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    release();
    await expect(readFile(path.join(dir, 'trailmap.lock'), 'utf8')).rejects.toThrow();
  });
});
