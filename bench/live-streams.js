// `npm run bench:live`: what open live streams cost everyone else's writes. One learner holds N
// streams (ten per session, the most a session may open, so N/10 sessions) and changes a status
// 20 times a second, so each of its changes wakes all N; meanwhile 50 other learners write through
// the API in a closed loop, and their latency is what we report, for each N.
//   BENCH_DATABASE_URL=postgres://…  on PostgreSQL (a schema of its own, dropped afterwards)
//   STREAMS=0,10,100,500             the stream counts to measure
//   BENCH_SECONDS=n                  length of each measured run (10 by default)
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { build } from '../scripts/build.js';
import { DURATION, RUNS, summarize } from './lib/load.js';
import { seedLearners, WRITE_TOPICS } from './lib/seed.js';
import { root, startServer } from './lib/server.js';

const COUNTS = (process.env.STREAMS ?? '0,10,100,500').split(',').map(Number);
const WRITERS = 50;
const STREAMS_PER_SESSION = 10;
const WATCHED_WRITES_PER_SECOND = 20;

/** A session of `learnerId`, stored as the server stores it; returns its cookie. */
async function addSession(query, learnerId) {
  const token = randomBytes(32).toString('base64url');
  await query(
    "insert into sessions (token_hash, learner_id, expires_at) values ($1, $2, now() + interval '1 day')",
    [createHash('sha256').update(token).digest('base64url'), learnerId],
  );
  return `trailmap_session=${token}`;
}

/** Opens a stream and counts the events it receives. */
function openStream(base, cookie, counter) {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/v1/me/events`, { headers: { cookie }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        counter.events += chunk.split('\nevent: ').length - 1;
      });
      res.on('error', () => {});
      resolve(() => req.destroy());
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: WRITERS + 1 });

function put(base, cookie, topic, status) {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/v1/me/progress/backend/topics/${topic}`,
      { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, agent: keepAlive },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ status }));
  });
}

/**
 * WRITERS learners each changing a status in a closed loop (the next write once the last one is
 * answered), RUNS runs of DURATION seconds after a warm-up: write latency p50 and p99.
 */
async function measureWrites(name, base, writers) {
  const runs = [];
  for (let run = 0; run <= RUNS; run++) {
    const seconds = run === 0 ? 2 : DURATION;
    const until = Date.now() + seconds * 1000;
    const latencies = [];
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let n = w; Date.now() < until; n++) {
          const started = performance.now();
          await put(base, writer.cookie, WRITE_TOPICS[n % WRITE_TOPICS.length], n % 2 ? 'done' : 'learning');
          latencies.push(performance.now() - started);
        }
      }),
    );
    if (run === 0) continue; // warm-up
    latencies.sort((a, b) => a - b);
    runs.push({
      rps: latencies.length / seconds,
      p50: Math.round(latencies[Math.floor(latencies.length / 2)]),
      p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]),
    });
  }
  return summarize(name, runs);
}

/** The database: PGlite in a scratch folder, or a schema of its own on PostgreSQL. */
async function openDatabase(scratch) {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const dataDir = path.join(scratch, 'data');
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    await (await startServer(env)).stop(); // migrates
    const client = await PGlite.create(dataDir);
    return {
      kind: 'pglite',
      env,
      query: (text, params) => client.query(text, params),
      // The server needs the data directory to itself.
      release: () => client.close(),
      drop: async () => {},
    };
  }
  const schema = `trailmap_live_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const env = { DATABASE_URL: scoped.toString() };
  await (await startServer(env)).stop(); // migrates
  const pool = new pg.Pool({ connectionString: scoped.toString(), max: 2 });
  return {
    kind: 'postgres',
    env,
    query: (text, params) => pool.query(text, params),
    release: () => pool.end(),
    drop: async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

async function main() {
  await build({ quiet: true });
  const scratch = await mkdtemp(path.join(tmpdir(), 'trailmap-live-bench-'));
  const database = await openDatabase(scratch);
  const results = { kind: database.kind, runs: [] };
  try {
    const writers = await seedLearners(database.query, WRITERS);
    const [watched] = await seedLearners(database.query, 1);
    const sessions = [watched.cookie];
    const most = Math.max(...COUNTS);
    while (sessions.length * STREAMS_PER_SESSION < most)
      sessions.push(await addSession(database.query, watched.id));
    await database.release();

    const server = await startServer(database.env);
    try {
      for (const count of COUNTS) {
        const counter = { events: 0 };
        const closers = [];
        for (let i = 0; i < count; i++)
          closers.push(await openStream(server.base, sessions[Math.floor(i / STREAMS_PER_SESSION)], counter));
        // The watched learner keeps changing a status, waking its streams each time.
        let n = 0;
        let watchedWrites = 0;
        const ticker = setInterval(() => {
          n++;
          put(server.base, watched.cookie, WRITE_TOPICS[n % WRITE_TOPICS.length], n % 2 ? 'done' : 'learning')
            .then(() => watchedWrites++)
            .catch(() => {});
        }, 1000 / WATCHED_WRITES_PER_SECOND);
        const entry = await measureWrites(
          `API writes, ${String(count).padStart(3)} streams open (${database.kind})`,
          server.base,
          writers,
        );
        clearInterval(ticker);
        for (const close of closers) close();
        results.runs.push({ streams: count, ...entry, watchedWrites, eventsDelivered: counter.events });
        console.log(
          `  the watched learner wrote ${watchedWrites} times; its ${count} streams received ${counter.events} events`,
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  }
  const file = path.join(root, 'bench/live-streams-results.json');
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, file)}`);
}

await main();
