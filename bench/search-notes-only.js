// `BENCH_DATABASE_URL=postgres://… node bench/search-notes-only.js`: only the notes search of
// `npm run bench -- --scale` (bench/search-notes.js): in a schema of its own (dropped afterwards),
// migrated by one start of `trailmap serve`, 100,000 learners (bulkLoad) with NOTES_PER_LEARNER
// notes each, then one learner's note search timed and explained. LEARNERS=n for fewer learners.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { build } from '../scripts/build.js';
import { bulkLoad } from './lib/seed.js';
import { startServer } from './lib/server.js';
import { benchNotesSearch, bulkLoadNotes } from './search-notes.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL must name a PostgreSQL database');
const count = Number(process.env.LEARNERS ?? 100_000);

await build({ quiet: true });
const schema = `trailmap_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create schema ${schema}`);
const scoped = new URL(url);
scoped.searchParams.set('options', `-c search_path=${schema}`);
const pool = new pg.Pool({ connectionString: scoped.toString(), max: 10 });
const query = (text, params) => pool.query(text, params);
try {
  const server = await startServer({ DATABASE_URL: scoped.toString() }); // migrates
  const page = await (await fetch(`${server.base}/roadmaps/backend`)).text();
  await server.stop();
  const topicIds = [...page.matchAll(/data-topic-id="([^"]+)"/g)].map((match) => match[1]);
  const started = performance.now();
  await bulkLoad(query, count, topicIds);
  const loaded = await bulkLoadNotes(query, topicIds);
  console.log(
    `loaded ${loaded.learners} learners with ${loaded.notes} notes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await benchNotesSearch(query);
} finally {
  await pool.end();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
