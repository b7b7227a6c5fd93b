// Durability under faults: a write load on a running server, SIGKILL in the middle of it, a
// restart, and a check that every write the server acknowledged is there — on PGlite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.ts';

const LEARNERS = 20;
const LOAD_MS = 3000;
const TOPICS = [
  'rest-apis',
  'auth',
  'caching',
  'testing',
  'sql',
  'nosql',
  'database-scaling',
  'docker',
  'cloud',
  'ci-cd',
];
const STATUSES = ['learning', 'done', 'skipped', 'pending'];

const start = (env: Record<string, string>) =>
  startServerProcess({ RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_ACCOUNT: '100000', ...env });

async function crashAndCheck(env: Record<string, string>) {
  let server = await start(env);
  const cookies: string[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const res = await fetch(`${server.base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `crash${i}-${randomBytes(3).toString('hex')}@example.org`,
        password: 'durable writes only',
      }),
    });
    expect(res.status).toBe(201);
    cookies.push((res.headers.get('set-cookie') ?? '').split(';')[0] as string);
  }

  // One sequential writer per learner; every 200 is an acknowledged write.
  const acknowledged: { learner: number; topic: string; updatedAt: string }[] = [];
  let stop = false;
  const writer = async (learner: number) => {
    for (let n = 0; !stop; n++) {
      const topic = TOPICS[(n + learner) % TOPICS.length] as string;
      try {
        const res = await fetch(`${server.base}/api/v1/me/progress/backend/topics/${topic}`, {
          method: 'PUT',
          headers: { cookie: cookies[learner] as string, 'content-type': 'application/json' },
          body: JSON.stringify({ status: STATUSES[n % STATUSES.length] }),
        });
        if (res.status !== 200) continue;
        const body = await res.json();
        acknowledged.push({ learner, topic, updatedAt: body.topics[topic].updatedAt });
      } catch {
        return; // The server is gone.
      }
    }
  };
  const writers = cookies.map((_, i) => writer(i));
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
  await server.stop('SIGKILL');
  stop = true;
  await Promise.all(writers);

  server = await start(env);
  try {
    let lost = 0;
    for (const [learner, cookie] of cookies.entries()) {
      const res = await fetch(`${server.base}/api/v1/me/progress/backend`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const stored = (await res.json()).topics as Record<string, { updatedAt: string }>;
      for (const write of acknowledged.filter((w) => w.learner === learner)) {
        // Acknowledged means committed: the row holds this write or a later one.
        const row = stored[write.topic];
        if (!row || Date.parse(row.updatedAt) < Date.parse(write.updatedAt)) lost++;
      }
    }
    console.info(`crash: ${acknowledged.length} acknowledged writes checked after SIGKILL, ${lost} lost`);
    expect(acknowledged.length).toBeGreaterThan(50);
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
