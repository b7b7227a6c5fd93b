// PostgreSQL through a pool that survives its connections: one that ends (a failover, a restart,
// PgBouncer, an idle reaper) or stops answering (a partition) fails the queries on it, which the
// error handler answers with 503, and the pool opens a new one for the next query.
import { CompiledQuery, Kysely, type LogEvent, PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import type { Database, Db } from './tables.ts';
import { unavailability } from './unavailable.ts';

export interface PostgresOptions {
  url: string;
  /** Who connects ("trailmap serve 1234"), as `application_name`: operators and tests find us by it. */
  applicationName: string;
  /** The longest wait for a connection, and for one statement (DATABASE_TIMEOUT); 0: no limit. */
  timeoutMs: number;
  /** Run in this schema (tests give each file its own). */
  schema?: string;
  log: (event: LogEvent) => void;
  /** Hears of connections that failed while idle: nothing waited on them, so only a log knows. */
  onTrouble: (error: unknown) => void;
}

export interface PostgresPoolHandle {
  pool: pg.Pool;
  db: Db;
  /** The same pool without timeouts, for work that may rightly take long (migrations). */
  withoutTimeouts<T>(run: (db: Db) => Promise<T>): Promise<T>;
}

export async function openPostgresPool(options: PostgresOptions): Promise<PostgresPoolHandle> {
  // Loaded only for PostgreSQL: the embedded database's cold start does not pay for it.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: options.url,
    max: 10,
    application_name: options.applicationName,
    // Also bounds the wait for a free connection when all are busy.
    connectionTimeoutMillis: options.timeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection that ends is removed by the pool, which then emits 'error': unheard, that
  // event would end the process.
  pool.on('error', options.onTrouble);
  pool.on('connect', (client) => {
    // A connection that ends while in use fails its query, which is answered; the client emits
    // 'error' as well, which must not go unheard either.
    client.on('error', () => {});
    // Set per connection rather than as a start-up parameter, which PgBouncer refuses. The query
    // goes first in the client's queue, before whatever the pool hands it out for.
    if (options.timeoutMs > 0)
      client.query(`set statement_timeout = ${Math.round(options.timeoutMs)}`).catch(() => {});
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: kyselyPool(pool, options.timeoutMs) }),
    log: options.log,
  });
  return {
    pool,
    db,
    async withoutTimeouts(run) {
      const unbounded = new Kysely<Database>({
        dialect: new PostgresDialect({
          pool: { ...kyselyPool(pool, 0, { discardAfterUse: true }), end: async () => {} },
          onReserveConnection: (connection) =>
            connection.executeQuery(CompiledQuery.raw('set statement_timeout = 0')).then(() => {}),
        }),
        log: options.log,
      });
      try {
        return await run(unbounded);
      } finally {
        await unbounded.destroy();
      }
    },
  };
}

/**
 * The pool as Kysely sees it, with two differences: each query has a deadline on our side (a
 * partition never answers, so the server's statement_timeout cannot help), and a connection whose
 * query failed for want of the database is closed rather than handed out again.
 */
function kyselyPool(pool: pg.Pool, timeoutMs: number, { discardAfterUse = false } = {}): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      // What made this connection unusable: later statements on it (a transaction's rollback) fail
      // at once with it, instead of each waiting out the deadline behind the one that hangs.
      let failure: unknown;
      return {
        query: ((text: string, values: unknown[]) => {
          if (failure) return Promise.reject(failure);
          return queryWithin(client, text, values, timeoutMs).catch((error: unknown) => {
            if (unavailability(error)) failure = error;
            throw error;
          });
        }) as never,
        release: (destroy?: boolean) => client.release(destroy || discardAfterUse || failure !== undefined),
      };
    },
    end: () => pool.end(),
  };
}

/** A query with a deadline on our side: node-postgres takes `query_timeout` that its types omit. */
export function queryWithin(client: pg.ClientBase, text: string, values: unknown[], timeoutMs: number) {
  const config: pg.QueryConfig & { query_timeout?: number } = { text, values };
  if (timeoutMs > 0) config.query_timeout = timeoutMs;
  return client.query(config);
}
