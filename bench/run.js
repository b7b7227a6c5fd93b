// `npm run bench`: bounded loads on 127.0.0.1, side by side with a raw node:http baseline serving
// the same bytes, and API writes against raw driver upserts. Medians of 3 runs after a warm-up;
// prints a table and writes bench/results.json. Set BENCH_DATABASE_URL to add PostgreSQL.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import pg from 'pg';
import { build } from '../scripts/build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = 3;
const LEARNERS = 50;
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
// A precomputed argon2id hash: learners are seeded straight into the database, not signed up.
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g';
const UPSERT = `insert into progress (learner_id, roadmap, topic_id, status, updated_at) values ($1, 'backend', $2, $3, now())
  on conflict (learner_id, roadmap, topic_id) do update set status = excluded.status, updated_at = excluded.updated_at
  where progress.updated_at <= excluded.updated_at`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function startServer(env) {
  const child = spawn('node', [path.join(root, 'bin/trailmap.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        child.stdout.resume();
        resolve({
          child,
          base: match[1],
          stop: () => new Promise((done) => (child.kill('SIGTERM'), child.once('exit', done))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

/** Learners with a session each, 20 topics marked and a language chosen. */
async function seed(query) {
  const learners = [];
  for (let i = 0; i < LEARNERS; i++) {
    const token = randomBytes(32).toString('base64url');
    const { rows } = await query('insert into learners (email, password_hash) values ($1, $2) returning id', [
      `bench${i}-${randomBytes(3).toString('hex')}@example.org`,
      HASH,
    ]);
    const id = rows[0].id;
    await query(
      "insert into sessions (token_hash, learner_id, expires_at) values ($1, $2, now() + interval '1 day')",
      [createHash('sha256').update(token).digest('base64url'), id],
    );
    await query(
      `insert into progress (learner_id, roadmap, topic_id, status, updated_at)
       select $1, 'backend', t, 'done', now() from unnest(array['javascript','rest-apis','auth','caching','testing','express','fastify',
       'sql','nosql','database-scaling','docker','cloud','ci-cd','monitoring','scaling','microservices','message-queues','websockets',
       'graphql','security']) as t`,
      [id],
    );
    await query(
      "insert into choices (learner_id, roadmap, group_id, option_id, updated_at) values ($1, 'backend', 'language', 'javascript', now())",
      [id],
    );
    learners.push({ id, cookie: `trailmap_session=${token}` });
  }
  return learners;
}

async function load(name, options) {
  await autocannon({ ...options, connections: CONNECTIONS, duration: 2 }); // warm-up
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    runs.push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 });
  }
  return summarize(name, runs);
}

function summarize(name, runs) {
  const pick = (key) => runs.map((r) => r[key]);
  const entry = {
    name,
    rps: median(pick('rps')),
    rpsMin: Math.min(...pick('rps')),
    rpsMax: Math.max(...pick('rps')),
    p50: median(pick('p50')),
    p99: median(pick('p99')),
  };
  console.log(
    `${name.padEnd(34)} ${entry.rps.toFixed(0).padStart(7)} req/s (min ${entry.rpsMin.toFixed(0)}, max ${entry.rpsMax.toFixed(0)})  p50 ${entry.p50} ms  p99 ${entry.p99} ms`,
  );
  return entry;
}

/** The same upsert straight through the driver, one transaction each, at the same concurrency. */
async function rawUpserts(name, query, learners) {
  const runs = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const latencies = [];
    const until = Date.now() + (run === 0 ? 2000 : DURATION * 1000);
    let n = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, worker) => {
        while (Date.now() < until) {
          const learner = learners[(worker + n) % learners.length];
          const started = performance.now();
          await query(UPSERT, [learner.id, TOPICS[n++ % TOPICS.length], n % 2 ? 'done' : 'learning']);
          latencies.push(performance.now() - started);
        }
      }),
    );
    if (run === 0) continue; // warm-up
    latencies.sort((a, b) => a - b);
    runs.push({
      rps: latencies.length / DURATION,
      p50: Math.round(latencies[Math.floor(latencies.length / 2)]),
      p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]),
    });
  }
  return summarize(name, runs);
}

async function benchDatabase(kind, env, openQuery) {
  const results = {};
  const first = await startServer(env); // migrates
  await first.stop();
  const { query, close } = await openQuery();
  const learners = await seed(query);
  await close();
  const server = await startServer(env);
  try {
    const page = `${server.base}/roadmaps/backend`;
    if (kind === 'pglite') {
      results.anonymous = await load('anonymous page', { url: page, headers: { 'accept-encoding': 'br' } });
    }
    results.signedIn = await load(`signed-in page (${kind})`, {
      url: page,
      headers: { 'accept-encoding': 'br', cookie: learners[0].cookie },
    });
    let i = 0;
    results.apiWrites = await load(`API writes (${kind})`, {
      url: server.base,
      requests: [
        {
          method: 'PUT',
          setupRequest: (request) => {
            const learner = learners[i % learners.length];
            const topic = TOPICS[i++ % TOPICS.length];
            return {
              ...request,
              path: `/api/v1/me/progress/backend/topics/${topic}`,
              headers: { cookie: learner.cookie, 'content-type': 'application/json' },
              body: JSON.stringify({ status: i % 2 ? 'done' : 'learning' }),
            };
          },
        },
      ],
    });
  } finally {
    await server.stop();
  }
  const raw = await openQuery();
  try {
    results.rawUpserts = await rawUpserts(`raw driver upserts (${kind})`, raw.query, learners);
  } finally {
    await raw.close();
  }
  results.ratioApiToRaw = results.apiWrites.rps / results.rawUpserts.rps;
  return results;
}

/** The bytes exactly as the server sends them (fetch would decompress them). */
function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function main() {
  await build({ quiet: true });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trailmap-bench-'));
  const results = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    connections: CONNECTIONS,
    seconds: DURATION,
    runs: RUNS,
  };
  try {
    // Baseline: raw node:http answering with the exact bytes and headers of the roadmap page.
    const probe = await startServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const page = await rawGet(`${probe.base}/roadmaps/backend`, { 'accept-encoding': 'br' });
    await probe.stop();
    const pageBytes = page.body;
    const headers = Object.fromEntries(
      Object.entries(page.headers).filter(
        ([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name),
      ),
    );
    // In its own process, like the server it stands for, so it does not share the load generator's core.
    const pageFile = path.join(dataDir, 'page.bin');
    await writeFile(pageFile, pageBytes);
    const baseline = spawn(
      'node',
      [
        '-e',
        `const b=require('fs').readFileSync(process.argv[1]);const h=JSON.parse(process.argv[2]);require('http').createServer((q,r)=>{r.writeHead(200,h);r.end(b)}).listen(0,'127.0.0.1',function(){console.log(this.address().port)})`,
        pageFile,
        JSON.stringify(headers),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const port = await new Promise((resolve) =>
      baseline.stdout.once('data', (chunk) => resolve(String(chunk).trim())),
    );
    results.baseline = await load('baseline (raw node:http)', {
      url: `http://127.0.0.1:${port}/`,
      headers: { 'accept-encoding': 'br' },
    });
    baseline.kill();

    results.pglite = await benchDatabase('pglite', { DATA_DIR: dataDir, DATABASE_URL: '' }, async () => {
      const client = await PGlite.create(dataDir);
      return { query: (text, params) => client.query(text, params), close: () => client.close() };
    });
    if (process.env.BENCH_DATABASE_URL) {
      results.postgres = await benchDatabase(
        'postgres',
        { DATABASE_URL: process.env.BENCH_DATABASE_URL },
        async () => {
          const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 20 });
          return { query: (text, params) => pool.query(text, params), close: () => pool.end() };
        },
      );
    } else {
      console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to include it)');
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const ratio = (a, b) => (a && b ? a.rps / b.rps : null);
  results.ratios = {
    anonymousToBaseline: ratio(results.pglite.anonymous, results.baseline),
    signedInToBaselinePglite: ratio(results.pglite.signedIn, results.baseline),
    signedInToBaselinePostgres: ratio(results.postgres?.signedIn, results.baseline),
    apiToRawPglite: results.pglite.ratioApiToRaw,
    apiToRawPostgres: results.postgres?.ratioApiToRaw ?? null,
  };
  console.log('\nratios (targets: anonymous ≥ 0.9, signed-in ≥ 0.5, API/raw ≥ 0.5):');
  for (const [name, value] of Object.entries(results.ratios))
    console.log(`  ${name.padEnd(28)} ${value === null ? 'skipped' : value.toFixed(2)}`);
  await writeFile(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nwrote bench/results.json');
}

await main();
