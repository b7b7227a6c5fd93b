// `npm run bench`: bounded loads on 127.0.0.1, side by side with a raw node:http baseline serving
// the same bytes, and API writes against raw driver upserts; cold start and memory. Medians of 3
// runs after a warm-up, each with the server's CPU time per request (bench/lib/cpu.js) and its
// ratio against the raw side measured in turns; prints the tables (bench/lib/report.js) and writes
// bench/results.json.
//   BENCH_DATABASE_URL=postgres://…  adds PostgreSQL (in a schema of its own, dropped afterwards)
//   --scale      with PostgreSQL: 100,000 more learners with progress and notes, the notes search
//                timed, then the signed-in runs again
//   --profile    CPU profiles of the servers (--cpu-prof) in bench/profiles/, with a summary
//   BENCH_SECONDS=n  length of each measured run (10 by default)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { build } from '../scripts/build.js';
import { CONNECTIONS, DURATION, load, loadSideBySide, median, RUNS, rawUpserts } from './lib/load.js';
import { summarizeProfile } from './lib/profile.js';
import { report } from './lib/report.js';
import { bulkLoad, seedLearners, UPSERT, WRITE_TOPICS } from './lib/seed.js';
import { root, rssMb, startServer } from './lib/server.js';
import { benchSearch } from './search.js';
import { benchNotesSearch, bulkLoadNotes } from './search-notes.js';

const args = new Set(process.argv.slice(2));
const SCALE_LEARNERS = 100_000;
const LEARNERS = 50;
/** The server's PostgreSQL pool size: the raw driver gets as many connections. */
const POOL_SIZE = 10;
const PAGE = '/roadmaps/backend';
const MAP_PAGE = '/roadmaps/backend/map';
const profileDir = args.has('--profile') ? path.join(root, 'bench/profiles') : undefined;

/** The bytes exactly as the server sends them (fetch would decompress them). */
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

/** Time from spawning `trailmap serve` to the first 200 of the roadmap page, and memory after it. */
async function startOnce(env) {
  const server = await startServer(env);
  const page = await rawGet(`${server.base}${PAGE}`);
  if (page.status !== 200) throw new Error(`first answer ${page.status}`);
  const entry = { ms: Math.round(performance.now() - server.startedAt), rssMb: rssMb(server.pid) };
  await server.stop();
  return entry;
}

/** Several cold starts (`envOf(i)` for the i-th): the median, with min and max. */
async function coldStart(name, runs, envOf) {
  const starts = [];
  for (let i = 0; i < runs; i++) starts.push(await startOnce(envOf(i)));
  const times = starts.map((s) => s.ms);
  const entry = {
    name,
    ms: median(times),
    msMin: Math.min(...times),
    msMax: Math.max(...times),
    rssMb: median(starts.map((s) => s.rssMb)),
    runs: starts,
  };
  console.log(
    `${name.padEnd(44)} ${String(entry.ms).padStart(7)} ms to the first 200 (min ${entry.msMin}, max ${entry.msMax}), RSS ${entry.rssMb.toFixed(0)} MB`,
  );
  return entry;
}

/**
 * The roadmap page as the server sends it once settled: the first answers after a start are
 * quickly compressed while the best compression is made in the background.
 */
async function steadyPage(server, address = PAGE) {
  let page = await rawGet(`${server.base}${address}`, BROWSER_ENCODING);
  for (let tries = 0; tries < 30; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await rawGet(`${server.base}${address}`, BROWSER_ENCODING);
    if (next.body.equals(page.body)) return next;
    page = next;
  }
  throw new Error('the roadmap page kept changing');
}

/** A raw node:http server, in its own process like the server it stands for, answering `page`. */
async function startBaseline(dir, page) {
  const headers = Object.fromEntries(
    Object.entries(page.headers).filter(
      ([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name),
    ),
  );
  const file = path.join(dir, 'page.bin');
  await writeFile(file, page.body);
  const child = spawn(
    'node',
    [
      '-e',
      `const b=require('fs').readFileSync(process.argv[1]);const h=JSON.parse(process.argv[2]);require('http').createServer((q,r)=>{r.writeHead(200,h);r.end(b)}).listen(0,'127.0.0.1',function(){console.log(this.address().port)})`,
      file,
      JSON.stringify(headers),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise((resolve) =>
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim())),
  );
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid, stop: () => child.kill() };
}

const BROWSER_ENCODING = { 'accept-encoding': 'gzip, deflate, br' };

/**
 * Each learner's cookies as their browser holds them after a first page: the session and the
 * CSRF secret that page set (signed-in pages are kept per session and secret).
 */
async function browse(server, learners) {
  for (const learner of learners) {
    const first = await rawGet(`${server.base}${PAGE}`, { cookie: learner.session });
    const csrf = [first.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('trailmap_csrf='));
    learner.cookie = csrf ? `${learner.session}; ${csrf.split(';')[0]}` : learner.session;
  }
}

/** The signed-in runs and the write runs against one server. */
async function signedInLoads(kind, server, learners, label = '') {
  const results = {};
  await browse(server, learners);
  const sample = () => rssMb(server.pid);
  const pid = server.pid;
  results.signedIn = await load(
    `signed-in page (${kind}${label})`,
    { url: `${server.base}${PAGE}`, headers: { ...BROWSER_ENCODING, cookie: learners[0].cookie } },
    { sample, pid },
  );
  // Each connection is one learner who changes a status, then reloads the page (the no-JS flow).
  let nextLearner = 0;
  const learnerOf = (context) => {
    context.learner ??= learners[nextLearner++ % learners.length];
    context.n = (context.n ?? 0) + 1;
    return context.learner;
  };
  results.signedInAfterChange = await load(
    `change + signed-in page (${kind}${label})`,
    {
      url: server.base,
      requests: [
        {
          method: 'PUT',
          setupRequest: (request, context) => {
            const learner = learnerOf(context);
            return {
              ...request,
              path: `/api/v1/me/progress/backend/topics/${WRITE_TOPICS[context.n % WRITE_TOPICS.length]}`,
              headers: { cookie: learner.cookie, 'content-type': 'application/json' },
              body: JSON.stringify({ status: context.n % 2 ? 'done' : 'learning' }),
            };
          },
        },
        {
          method: 'GET',
          setupRequest: (request, context) => ({
            ...request,
            path: PAGE,
            headers: { ...BROWSER_ENCODING, cookie: context.learner.cookie },
          }),
        },
      ],
    },
    { pid },
  );
  let i = 0;
  results.apiWrites = await load(
    `API writes (${kind}${label})`,
    {
      url: server.base,
      requests: [
        {
          method: 'PUT',
          setupRequest: (request) => {
            const n = i++;
            return {
              ...request,
              path: `/api/v1/me/progress/backend/topics/${WRITE_TOPICS[n % WRITE_TOPICS.length]}`,
              headers: { cookie: learners[n % learners.length].cookie, 'content-type': 'application/json' },
              body: JSON.stringify({ status: n % 2 ? 'done' : 'learning' }),
            };
          },
        },
      ],
    },
    { sample, pid },
  );
  return results;
}

const upsertArgs = (learners) => (n) => [
  learners[n % learners.length].id,
  WRITE_TOPICS[n % WRITE_TOPICS.length],
  n % 2 ? 'done' : 'learning',
];

async function benchPglite(dataDir, scratch) {
  const results = {};
  const client = await PGlite.create(dataDir);
  const learners = await seedLearners((text, params) => client.query(text, params), LEARNERS);
  await client.close();

  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '' }, { profileDir });
  let baseline;
  try {
    results.rssAfterStartMb = rssMb(server.pid);
    // The baseline: raw node:http answering with the exact bytes and headers of the roadmap page,
    // measured in turns with the server's own anonymous runs.
    baseline = await startBaseline(scratch, await steadyPage(server));
    [results.baseline, results.anonymous] = await loadSideBySide([
      {
        name: 'baseline (raw node:http, same bytes)',
        options: { url: baseline.url, headers: BROWSER_ENCODING },
        pid: baseline.pid,
      },
      {
        name: 'anonymous page (pglite)',
        options: { url: `${server.base}${PAGE}`, headers: BROWSER_ENCODING },
        sample: () => rssMb(server.pid),
        pid: server.pid,
      },
    ]);
    baseline.stop();
    // The map page the same way: its own baseline serving its bytes.
    baseline = await startBaseline(scratch, await steadyPage(server, MAP_PAGE));
    [results.mapBaseline, results.anonymousMap] = await loadSideBySide([
      {
        name: 'baseline (raw node:http, map page bytes)',
        options: { url: baseline.url, headers: BROWSER_ENCODING },
        pid: baseline.pid,
      },
      {
        name: 'anonymous map page (pglite)',
        options: { url: `${server.base}${MAP_PAGE}`, headers: BROWSER_ENCODING },
        sample: () => rssMb(server.pid),
        pid: server.pid,
      },
    ]);
    baseline.stop();
    baseline = undefined;
    results.search = await benchSearch(server);
    Object.assign(results, await signedInLoads('pglite', server, learners));
  } finally {
    baseline?.stop();
    await server.stop();
  }
  const raw = await PGlite.create(dataDir);
  try {
    results.rawUpserts = await rawUpserts(
      'raw driver upserts (pglite)',
      (text, params) => raw.query(text, params),
      UPSERT,
      upsertArgs(learners),
    );
  } finally {
    await raw.close();
  }
  return results;
}

/**
 * The time each roadmap's map takes to lay out (both widths), from a start with no copy of the
 * content (dist/content-cache.bin), so the content worker lays every map out afresh.
 */
async function mapLayoutTimes(dataDir) {
  await rm(path.join(root, 'dist/content-cache.bin'), { force: true });
  const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
  const ms = Math.round(performance.now() - server.startedAt);
  await server.stop();
  const line = server.log.split('\n').find((l) => l.includes('"maps laid out"'));
  const perRoadmap = line ? JSON.parse(line).layoutMs : {};
  const total = Object.values(perRoadmap).reduce((sum, each) => sum + each, 0);
  console.log(
    `${'map layout at start (both widths)'.padEnd(44)} ${String(total).padStart(7)} ms in all: ${Object.entries(
      perRoadmap,
    )
      .map(([slug, each]) => `${slug} ${each}`)
      .join(', ')}; that start took ${ms} ms`,
  );
  return { perRoadmapMs: perRoadmap, totalMs: total, startMs: ms };
}

/** PostgreSQL at BENCH_DATABASE_URL, in a schema of its own. */
async function benchPostgres(url) {
  const schema = `trailmap_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const env = { DATABASE_URL: scoped.toString() };
  const pool = new pg.Pool({ connectionString: scoped.toString(), max: POOL_SIZE });
  const query = (text, params) => pool.query(text, params);
  const results = {};
  try {
    await (await startServer(env)).stop(); // migrates
    const learners = await seedLearners(query, LEARNERS);
    let server = await startServer(env, { profileDir });
    let topicIds;
    try {
      topicIds = await topicsOf(server);
      Object.assign(results, await signedInLoads('postgres', server, learners));
    } finally {
      await server.stop();
    }
    results.rawUpserts = await rawUpserts(
      'raw driver upserts (postgres)',
      query,
      UPSERT,
      upsertArgs(learners),
      { ownCpu: false },
    );

    if (args.has('--scale')) {
      const started = performance.now();
      await bulkLoad(query, SCALE_LEARNERS, topicIds);
      results.scaleLoadSeconds = (performance.now() - started) / 1000;
      const { rows } = await query('select count(*)::int as learners from learners');
      const { rows: progressRows } = await query('select count(*)::int as n from progress');
      console.log(
        `\nloaded ${SCALE_LEARNERS} learners (${rows[0].learners} in all, ${progressRows[0].n} progress rows) in ${results.scaleLoadSeconds.toFixed(1)} s`,
      );
      results.plans = await explainHotQueries(query, learners[0].id);
      // Their notes, and one learner's note search over them (bench/search-notes.js).
      results.notes = await bulkLoadNotes(query, topicIds);
      results.notesSearch = await benchNotesSearch(query, { concurrency: POOL_SIZE });
      server = await startServer(env);
      try {
        results.scale = await signedInLoads(
          'postgres',
          server,
          learners,
          `, ${SCALE_LEARNERS / 1000}k learners`,
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    await pool.end();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
  return results;
}

/** Every topic id of the roadmap page, as the server shows it. */
async function topicsOf(server) {
  const page = await rawGet(`${server.base}${PAGE}`);
  return [...page.body.toString().matchAll(/data-topic-id="([^"]+)"/g)].map((match) => match[1]);
}

/** The plans of the queries a signed-in page and a write make, after the bulk load. */
async function explainHotQueries(query, learnerId) {
  const statements = {
    session: [
      `select s.learner_id, s.expires_at, l.email from sessions s join learners l on l.id = s.learner_id
       where s.token_hash = 'x' and s.expires_at > now()`,
    ],
    statuses: [
      `select roadmap, topic_id, status, updated_at from progress where learner_id = $1`,
      [learnerId],
    ],
    choices: [
      `select roadmap, group_id, option_id, updated_at from choices where learner_id = $1`,
      [learnerId],
    ],
  };
  const plans = {};
  for (const [name, [text, params]] of Object.entries(statements)) {
    const { rows } = await query(`explain analyze ${text}`, params);
    plans[name] = rows.map((row) => row['QUERY PLAN']);
    console.log(`\nEXPLAIN ANALYZE ${name}:\n  ${plans[name].join('\n  ')}`);
  }
  await query('begin');
  const { rows } = await query(`explain analyze ${UPSERT}`, [learnerId, 'sql', 'done']);
  await query('rollback');
  plans.upsert = rows.map((row) => row['QUERY PLAN']);
  console.log(`\nEXPLAIN ANALYZE upsert:\n  ${plans.upsert.join('\n  ')}`);
  return plans;
}

async function main() {
  await build({ quiet: true });
  if (profileDir) {
    await rm(profileDir, { recursive: true, force: true });
    await mkdir(profileDir, { recursive: true });
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'trailmap-bench-'));
  const dataDir = path.join(scratch, 'data');
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    connections: CONNECTIONS,
    seconds: DURATION,
    runs: RUNS,
  };
  try {
    const pgliteEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
    // The first start creates the data directory the later ones (and the loads) use.
    results.coldStart = {
      newDataDir: await coldStart('cold start, new data directory (pglite)', RUNS, (i) =>
        i === 0 ? pgliteEnv : { ...pgliteEnv, DATA_DIR: path.join(scratch, `new-${i}`) },
      ),
      existingDataDir: await coldStart('cold start, existing data directory (pglite)', 5, () => pgliteEnv),
    };

    results.mapLayout = await mapLayoutTimes(path.join(scratch, 'layout-data'));
    const { baseline, ...pglite } = await benchPglite(dataDir, scratch);
    Object.assign(results, { baseline, pglite });
    if (process.env.BENCH_DATABASE_URL) {
      results.postgres = await benchPostgres(process.env.BENCH_DATABASE_URL);
    } else {
      console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to include it)');
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  report(results);
  await writeFile(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwrote bench/results.json');
  if (profileDir) {
    for (const file of (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'))) {
      console.log(`\nprofile ${path.join('bench/profiles', file)}: most self time`);
      console.log(await summarizeProfile(path.join(profileDir, file)));
    }
  }
}

await main();
