// Notes search at scale (`npm run bench -- --scale`, or `npx vite-node bench/search-notes-only.ts`): every
// learner whose email starts with "scale-" (the 100,000 of bulkLoad) gets NOTES_PER_LEARNER notes
// on backend topics, written inside PostgreSQL from a vocabulary of tech words (the commonest
// words far more often, as in real writing); then one learner's note search, the statement of
// src/features/search/store.ts, is timed for many learners and words, and EXPLAIN ANALYZE shows
// the plan PostgreSQL picks for it.
import { median } from './lib/load.js';

export const NOTES_PER_LEARNER = 5;

const VOCABULARY = (
  'docker container image volume kubernetes pod deployment service ingress helm postgres index query ' +
  'join transaction isolation lock vacuum replica backup cache redis eviction ttl queue kafka topic ' +
  'partition consumer offset http request response header cookie session token jwt oauth scope ' +
  'password hash salt argon bcrypt tls certificate dns record resolver load balancer proxy nginx ' +
  'latency throughput benchmark profile memory leak garbage thread async promise event loop stream ' +
  'buffer api rest graphql grpc schema migration orm sql nosql mongo document shard cluster node ' +
  'python javascript typescript golang rust java kotlin react vue svelte css html accessibility ' +
  'testing unit integration mock fixture coverage ci pipeline deploy rollback canary feature flag ' +
  'logging metrics tracing alert dashboard incident postmortem terraform ansible cloud aws lambda ' +
  'bucket region zone network subnet firewall security owasp injection xss csrf encryption key ' +
  'remember revise tomorrow again later tricky important example practice exercise mistake idea ' +
  'understand confusing difference between always never should must why because works breaks'
).split(' ');

/** The statement searchNotes (src/features/search/store.ts) sends, without a roadmap. */
export const NOTES_QUERY = `select roadmap, topic_id as "topicId", markdown,
    ts_rank(search, to_tsquery('english', $2)) as rank
  from notes where learner_id = $1 and search @@ to_tsquery('english', $2)
  order by rank desc, updated_at desc limit 50`;

const QUERIES = [
  'docker',
  'index',
  'cache',
  'kafka partition',
  'remember',
  'jwt',
  'postg',
  'vacuum',
  'tls cert',
];

const tsqueryOf = (q) =>
  q
    .split(' ')
    .map((word) => `${word}:*`)
    .join(' & ');

/** NOTES_PER_LEARNER notes of 20–60 words for every "scale-" learner, in batches of 10,000 learners. */
export async function bulkLoadNotes(query, topicIds, batch = 10_000) {
  const { rows } = await query(`select count(*)::int as n from learners where email like 'scale-%'`);
  const count = rows[0].n;
  for (let from = 0; from < count; from += batch) {
    await query(
      `insert into notes (learner_id, roadmap, topic_id, markdown, updated_at)
       select l.id, 'backend', t.topic, m.markdown, now() - random() * interval '90 days'
       from (select id, row_number() over (order by id) as n from learners where email like 'scale-%'
             order by id offset $1 limit $2) l
       cross join lateral (
         select distinct on (topic) topic from (
           select ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int + (0 * l.n)::int] as topic
           from generate_series(1, $4)) picked) t
       cross join lateral (
         select string_agg(($5::text[])[1 + floor(power(random(), 2) * cardinality($5::text[]))::int], ' ')
                || ' ' || t.topic as markdown
         from generate_series(1, 20 + floor(random() * 40)::int + (0 * l.n)::int)) m
       on conflict do nothing`,
      [from, batch, topicIds, NOTES_PER_LEARNER, VOCABULARY],
    );
  }
  await query('analyze notes');
  const { rows: notes } = await query('select count(*)::int as n from notes');
  return { learners: count, notes: notes[0].n };
}

/**
 * Timed note searches: `samples` learners who have notes, each searching every query in turn,
 * `concurrency` at a time (the server's pool size). p50/p99 in ms, with the plan of one.
 */
export async function benchNotesSearch(query, { samples = 300, concurrency = 10 } = {}) {
  const { rows } = await query(
    `select distinct learner_id as id from notes tablesample system (5) limit $1`,
    [samples],
  );
  const jobs = rows.flatMap((row) => QUERIES.map((q) => [row.id, tsqueryOf(q)]));
  const times = [];
  const hits = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const [id, tsquery] = jobs[next++];
      const started = performance.now();
      const result = await query(NOTES_QUERY, [id, tsquery]);
      times.push(performance.now() - started);
      hits.push(result.rows.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  const plan = await query(`explain analyze ${NOTES_QUERY}`, [rows[0].id, tsqueryOf('docker')]);
  const result = {
    searches: times.length,
    learners: rows.length,
    p50: Number(at(0.5).toFixed(2)),
    p99: Number(at(0.99).toFixed(2)),
    max: Number(times.at(-1).toFixed(2)),
    medianHits: median(hits),
    plan: plan.rows.map((row) => row['QUERY PLAN']),
  };
  console.log(
    `${"notes search, one learner's notes".padEnd(44)} ${result.searches} searches (${result.learners} learners × ${QUERIES.length} queries, ${concurrency} at a time): p50 ${result.p50} ms, p99 ${result.p99} ms (target < 20), max ${result.max} ms; median ${result.medianHits} notes found`,
  );
  console.log(`\nEXPLAIN ANALYZE notes search:\n  ${result.plan.join('\n  ')}`);
  return result;
}
