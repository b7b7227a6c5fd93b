// The data layer's promises: migrations all-or-nothing, and one process per PGlite data directory.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
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

  it('refuses a second holder while the first holds it, naming the holder', async () => {
    const lock = await lockDataDir(dir, 'trailmap serve');
    try {
      await expect(lockDataDir(dir, 'trailmap user list')).rejects.toThrow(DataDirInUseError);
      await expect(lockDataDir(dir, 'trailmap user list')).rejects.toThrow(
        `the data directory ${dir} is in use by process ${process.pid} (trailmap serve)`,
      );
    } finally {
      await lock.release();
    }
    // Released: the next one takes it.
    await (await lockDataDir(dir, 'trailmap user list')).release();
  });

  it('takes over the lock of a holder killed with SIGKILL', async () => {
    // A holder as the server is one: listening on the socket, then killed without a chance to clean up.
    const socket = path.join(dir, 'trailmap.lock');
    const holder = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(socket)}, () => console.log('holding'))`,
    ]);
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect((await stat(socket)).isSocket()).toBe(true);
    const lock = await lockDataDir(dir, 'trailmap serve');
    await lock.release();
  });

  it('takes over an old lock file naming a live process that is not a holder', async () => {
    // Older versions wrote their PID in this file; after a crash that PID may belong to anything.
    const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(
        path.join(dir, 'trailmap.lock'),
        JSON.stringify({ pid: unrelated.pid, holder: 'trailmap serve' }),
      );
      const lock = await lockDataDir(dir, 'trailmap serve');
      await lock.release();
    } finally {
      unrelated.kill();
    }
  });

  it('locks a data directory whose path is longer than a socket address can be', async () => {
    let deep = dir;
    while (Buffer.byteLength(path.join(deep, 'trailmap.lock')) <= 120)
      deep = path.join(deep, 'a-long-folder-name');
    const lock = await lockDataDir(deep, 'trailmap serve');
    await expect(lockDataDir(deep, 'trailmap export')).rejects.toThrow(
      `is in use by process ${process.pid} (trailmap serve)`,
    );
    await lock.release();
    await expect(stat(path.join(deep, 'trailmap.lock'))).rejects.toThrow(/ENOENT/);
    await (await lockDataDir(deep, 'trailmap export')).release();
  });
});
