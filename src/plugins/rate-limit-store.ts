// Attempt counters in the database: one atomic upsert per attempt, so every instance on the same
// PostgreSQL sees the same counts (and PGlite runs the same code). Used as a store for
// @fastify/rate-limit (sign-up) and by the password throttle (features/accounts/throttle.ts).
import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export interface Counter {
  count: number;
  /** Milliseconds until the window ends and the count starts again from zero. */
  ttl: number;
}

/** Adds one to a key's count in its window (a new window when the last one has ended). */
export async function incrementCounter(db: Db, key: string, windowMs: number): Promise<Counter> {
  const result = await sql<{ count: number; ttl: number }>`
    insert into rate_limits (key, count, reset_at)
    values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      count = case when rate_limits.reset_at <= now() then 1 else rate_limits.count + 1 end,
      reset_at = case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end
    returning count, greatest(0, extract(epoch from (reset_at - now())) * 1000)::float8 as ttl`.execute(db);
  const row = result.rows[0];
  // Now and then, forget windows that ended long ago.
  if (Math.random() < 0.01) {
    void sql`delete from rate_limits where reset_at < now() - interval '1 day'`.execute(db).catch(() => {});
  }
  return { count: Number(row?.count ?? 1), ttl: Math.ceil(Number(row?.ttl ?? windowMs)) };
}

/** The counts of keys whose window is still open (keys without one are left out). */
export async function readCounters(db: Db, keys: string[]): Promise<Map<string, Counter>> {
  const rows = await db
    .selectFrom('rate_limits')
    .select(['key', 'count', sql<number>`extract(epoch from (reset_at - now())) * 1000`.as('ttl')])
    .where('key', 'in', keys)
    .where('reset_at', '>', sql<Date>`now()`)
    .execute();
  return new Map(rows.map((row) => [row.key, { count: Number(row.count), ttl: Math.ceil(Number(row.ttl)) }]));
}

export function databaseRateLimitStore(db: Db, prefix: string) {
  return class DatabaseRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number) {
      incrementCounter(db, `${prefix}:${key}`, Math.max(1, Math.round(timeWindow))).then(
        ({ count, ttl }) => callback(null, { current: count, ttl }),
        callback,
      );
    }

    child() {
      return new DatabaseRateLimitStore();
    }
  };
}
