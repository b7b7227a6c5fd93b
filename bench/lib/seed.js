// Learners for the signed-in runs, written straight into the database (a precomputed password
// hash, sessions inserted as the server stores them): never signed up through the rate limiter.
import { createHash, randomBytes } from 'node:crypto';

// A syntactically valid argon2id hash: nobody signs in with a password during the bench.
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g';
/** The 20 topics each bench learner has marked done (with JavaScript chosen as the language). */
const MARKED = [
  'javascript',
  'rest-apis',
  'auth',
  'caching',
  'testing',
  'express',
  'fastify',
  'sql',
  'nosql',
  'database-scaling',
  'docker',
  'cloud',
  'ci-cd',
  'monitoring',
  'scaling',
  'microservices',
  'message-queues',
  'websockets',
  'graphql',
  'security',
];
/** Topics the write runs toggle. */
export const WRITE_TOPICS = MARKED.slice(1, 11);

export const UPSERT = `insert into progress (learner_id, roadmap, topic_id, status, updated_at)
  values ($1, 'backend', $2, $3, now())
  on conflict (learner_id, roadmap, topic_id) do update set status = excluded.status, updated_at = excluded.updated_at
  where progress.updated_at <= excluded.updated_at
  returning topic_id, status, updated_at`;

/** @returns learners as { id, cookie } */
export async function seedLearners(query, count) {
  const learners = [];
  for (let i = 0; i < count; i++) {
    const token = randomBytes(32).toString('base64url');
    const { rows } = await query(
      'insert into learners (email, email_key, password_hash) values ($1, $1, $2) returning id',
      [`bench${i}-${randomBytes(4).toString('hex')}@example.org`, HASH],
    );
    const id = rows[0].id;
    await query(
      "insert into sessions (token_hash, learner_id, expires_at) values ($1, $2, now() + interval '1 day')",
      [createHash('sha256').update(token).digest('base64url'), id],
    );
    await query(
      `insert into progress (learner_id, roadmap, topic_id, status, updated_at)
       select $1, 'backend', t, 'done', now() from unnest($2::text[]) as t`,
      [id, MARKED],
    );
    await query(
      "insert into choices (learner_id, roadmap, group_id, option_id, updated_at) values ($1, 'backend', 'language', 'javascript', now())",
      [id],
    );
    learners.push({ id, session: `trailmap_session=${token}`, cookie: `trailmap_session=${token}` });
  }
  return learners;
}

/**
 * --scale: `count` more learners, each with a status on every backend topic, a choice and a
 * session, generated inside PostgreSQL in batches (one statement per table per batch).
 */
export async function bulkLoad(query, count, topicIds, batch = 10_000) {
  for (let from = 0; from < count; from += batch) {
    const size = Math.min(batch, count - from);
    await query('begin');
    await query(
      `create temporary table new_learners on commit drop as
       select gen_random_uuid() as id, 'scale-' || n || '-' || md5(random()::text) || '@example.org' as email
       from generate_series(1, $1) as n`,
      [size],
    );
    await query(
      // The addresses are lower-case ASCII already, so each is its own key (accounts/email-key.ts).
      'insert into learners (id, email, email_key, password_hash) select id, email, email, $1 from new_learners',
      [HASH],
    );
    await query(
      `insert into progress (learner_id, roadmap, topic_id, status, updated_at)
       select l.id, 'backend', t, (array['learning','done','skipped'])[1 + floor(random() * 3)::int],
              now() - random() * interval '90 days'
       from new_learners l cross join unnest($1::text[]) as t`,
      [topicIds],
    );
    await query(
      `insert into choices (learner_id, roadmap, group_id, option_id, updated_at)
       select id, 'backend', 'language', 'python', now() from new_learners`,
    );
    await query(
      `insert into sessions (token_hash, learner_id, expires_at)
       select encode(sha256(id::text::bytea), 'base64'), id, now() + interval '1 day' from new_learners`,
    );
    await query('commit');
  }
  await query('analyze');
}
