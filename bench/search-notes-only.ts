// `BENCH_DATABASE_URL=postgres://… npx vite-node bench/search-notes-only.ts`: only the notes search
// of `npm run bench -- --scale` (bench/search-notes.js): in a schema of its own (dropped
// afterwards), migrated, 100,000 learners with NOTES_PER_LEARNER notes each, then one
// learner's note search timed and explained. LEARNERS=n for fewer learners.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadContent } from '../src/content/load.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { benchNotesSearch, bulkLoadNotes } from './search-notes.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL must name a PostgreSQL database');
const count = Number(process.env.LEARNERS ?? 100_000);
const loaded = await loadContent('content');
if (!loaded.ok) throw new Error('content has problems');
const topicIds = loaded.catalog.bySlug.get('backend')?.topics.map((topic) => topic.id) ?? [];

const schema = `trailmap_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create schema ${schema}`);
const database = await openDatabase({ databaseUrl: url, schema });
const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
const query = (text: string, params?: unknown[]) => pool.query(text, params);
try {
  await migrateToLatest(database.db);
  const started = performance.now();
  // Learners only (bulkLoad's progress rows are for the signed-in pages of --scale, not needed here).
  await query(
    `insert into learners (email, email_key, password_hash)
     select e, e, 'x' from (select 'scale-' || n || '@example.org' as e from generate_series(1, $1::int) n) s`,
    [count],
  );
  const notes = await bulkLoadNotes(query, topicIds);
  console.log(
    `loaded ${notes.learners} learners with ${notes.notes} notes in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await benchNotesSearch(query, { concurrency: 1 });
  await benchNotesSearch(query, { concurrency: 10 });
} finally {
  await database.close();
  await pool.end();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
