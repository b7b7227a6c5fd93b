// A store for @fastify/rate-limit that counts in the database: one atomic upsert per attempt, so
// every instance on the same PostgreSQL sees the same counts (and PGlite runs the same code).
import { sql } from 'kysely';
import type { Db } from '../db/tables.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export function databaseRateLimitStore(db: Db, prefix: string) {
  return class DatabaseRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number) {
      const windowMs = Math.max(1, Math.round(timeWindow));
      sql<{ count: number; ttl: number }>`
        insert into rate_limits (key, count, reset_at)
        values (${`${prefix}:${key}`}, 1, now() + ${windowMs} * interval '1 millisecond')
        on conflict (key) do update set
          count = case when rate_limits.reset_at <= now() then 1 else rate_limits.count + 1 end,
          reset_at = case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end
        returning count, greatest(0, extract(epoch from (reset_at - now())) * 1000)::float8 as ttl`
        .execute(db)
        .then((result) => {
          const row = result.rows[0];
          callback(null, { current: Number(row?.count ?? 1), ttl: Math.ceil(Number(row?.ttl ?? windowMs)) });
          // Now and then, forget windows that ended long ago.
          if (Math.random() < 0.01) {
            void sql`delete from rate_limits where reset_at < now() - interval '1 day'`
              .execute(db)
              .catch(() => {});
          }
        }, callback);
    }

    child() {
      return new DatabaseRateLimitStore();
    }
  };
}
