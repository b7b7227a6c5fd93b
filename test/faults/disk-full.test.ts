// A full disk: writes answer 503 saying so, /readyz turns 503, and both come back once there is
// room again, with the process up all along. On a real tiny filesystem: PGlite's data directory on
// it, or (PostgreSQL) the progress table moved to a tablespace on it.
import { chown, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { createScratchDatabase, type ScratchDatabase, SKIP_REASON, TEST_DATABASE_URL } from './postgres.ts';
import { mountTinyDisk, type TinyDisk, tinyDiskUnavailable } from './tiny-disk.ts';
import { signUpLearners } from './write-load.ts';

const noTinyDisk = await tinyDiskUnavailable();
const skipped = (reason: string | undefined) => (reason ? ` (skipped: ${reason})` : '');

const mark = (base: string, cookie: string, topic: string) =>
  fetch(`${base}/api/v1/me/progress/backend/topics/${topic}`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'done' }),
  });

const readyz = async (base: string) => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: await res.json() };
};

/** The part both databases share: fill the disk, see 503s, free it, see them go. */
async function fillAndFree(server: ServerProcess, disk: TinyDisk) {
  const [learner] = await signUpLearners(server.base, 1, 'disk');
  const { cookie } = learner as { cookie: string };
  expect((await readyz(server.base)).status).toBe(200);

  disk.fill();
  // The learner's first status needs a new page in the progress table: there is no room for it.
  const refused = await mark(server.base, cookie, 'sql');
  expect(refused.status).toBe(503);
  expect(await refused.json()).toEqual({
    error: 'unavailable',
    message:
      'The server has run out of disk space, so nothing new can be saved right now. Please try again later.',
  });
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await readyz(server.base)).toEqual({
    status: 503,
    body: {
      status: 'unavailable',
      checks: { database: { answered: true, ms: expect.any(Number), problem: 'disk_full' } },
    },
  });
  // Reading still works.
  expect((await fetch(`${server.base}/api/v1/me/progress/backend`, { headers: { cookie } })).status).toBe(
    200,
  );

  await disk.free();
  expect((await mark(server.base, cookie, 'sql')).status).toBe(200);
  expect((await readyz(server.base)).status).toBe(200);
  expect(server.child.exitCode, 'the server process is still running').toBeNull();
}

describe.skipIf(noTinyDisk)(`a full disk under PGlite's data directory${skipped(noTinyDisk)}`, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('refuses writes with 503 naming the disk, turns unready, and recovers once there is room', async () => {
    // A fresh data directory takes about 40 MB.
    const disk = await mountTinyDisk(64);
    cleanups.push(() => disk.unmount());
    const server = await startServerProcess({ DATA_DIR: path.join(disk.dir, 'data'), DATABASE_URL: '' });
    cleanups.push(() => server.stop());
    await fillAndFree(server, disk);
  }, 60_000);
});

const noPostgresDisk = noTinyDisk ?? (TEST_DATABASE_URL ? undefined : SKIP_REASON);
describe.skipIf(noPostgresDisk)(`a full disk under a PostgreSQL tablespace${skipped(noPostgresDisk)}`, () => {
  let database: ScratchDatabase | undefined;
  let disk: TinyDisk | undefined;
  let tablespace: string | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (tablespace) {
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop tablespace if exists ${tablespace}`);
      await admin.end();
    }
    await disk?.unmount();
  });

  it('refuses writes with 503 naming the disk, turns unready, and recovers once there is room', async (context) => {
    database = await createScratchDatabase('trailmap_fault_disk');
    // The tablespace's folder must belong to the user PostgreSQL runs as, on this machine.
    const dataDirectory = (await database.admin.query('show data_directory')).rows[0].data_directory;
    const owner = await stat(dataDirectory).catch(() => undefined);
    context.skip(
      !owner,
      'PostgreSQL does not run on this machine: its tablespace cannot be put on a tiny disk',
    );
    disk = await mountTinyDisk(2);
    const location = path.join(disk.dir, 'tablespace');
    await mkdir(location);
    await chown(location, owner?.uid as number, owner?.gid as number);
    const name = `trailmap_tiny_${path.basename(disk.dir).replace(/\W/g, '_')}`.toLowerCase();
    await database.admin.query(`create tablespace ${name} location '${location}'`);
    tablespace = name;

    server = await startServerProcess({ DATABASE_URL: database.url });
    // The server made the tables; the progress table and its indexes move to the tiny disk.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`alter table progress set tablespace ${name}`);
    const { rows } = await client.query(`select indexname from pg_indexes where tablename = 'progress'`);
    for (const { indexname } of rows) await client.query(`alter index ${indexname} set tablespace ${name}`);
    await client.end();

    await fillAndFree(server, disk);
  }, 60_000);
});
