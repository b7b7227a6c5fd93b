// Durability under faults: a write load on a running server, SIGKILL in the middle of it, a
// restart, and a check that every write the server acknowledged is there — on PGlite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { lostWrites, signUpLearners, startWriteLoad, storedThroughApi } from '../faults/write-load.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const LEARNERS = 20;
const LOAD_MS = 3000;

const start = (env: Record<string, string>) =>
  startServerProcess({ RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_ACCOUNT: '100000', ...env });

async function crashAndCheck(env: Record<string, string>) {
  let server = await start(env);
  const learners = await signUpLearners(server.base, LEARNERS, 'crash');
  // One sequential writer per learner; every 200 is an acknowledged write.
  const load = startWriteLoad(server.base, learners);
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
  await server.stop('SIGKILL');
  await load.stop();

  server = await start(env);
  try {
    // Acknowledged means committed: the row holds this write or a later one.
    const lost = lostWrites(load.acknowledged, await storedThroughApi(server.base, learners));
    console.info(
      `crash: ${load.acknowledged.length} acknowledged writes checked after SIGKILL, ${lost} lost`,
    );
    expect(load.acknowledged.length).toBeGreaterThan(50);
    expect(lost).toBe(0);
  } finally {
    await server.stop();
  }
}

describe('durability under SIGKILL', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('keeps every acknowledged write on PGlite', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'trailmap-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    await crashAndCheck({ DATA_DIR: dataDir, DATABASE_URL: '' });
  }, 120_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'keeps every acknowledged write on PostgreSQL',
    async () => {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const name = `trailmap_crash_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database ${name}`);
      cleanups.push(async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      });
      const url = new URL(process.env.TEST_DATABASE_URL as string);
      url.pathname = `/${name}`;
      await crashAndCheck({ DATABASE_URL: url.toString() });
    },
    120_000,
  );
});
