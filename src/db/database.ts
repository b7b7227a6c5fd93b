// Opens the database: PGlite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// Both speak the same SQL through Kysely, so everything above this file is the same.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database, Db } from './tables.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** "PGlite at ./data" or "PostgreSQL at host/db", for logs (never the password). */
  description: string;
  ping(): Promise<void>;
  /** Sends a notification to every instance listening on this database (after the caller's commit). */
  notify(payload: string): Promise<void>;
  /** Reports every query's duration (for metrics); one observer at a time. */
  observeQueries(observer: (milliseconds: number, failed: boolean) => void): void;
  /** PostgreSQL's connection pool, for metrics. */
  pool?: pg.Pool;
  /**
   * Calls `onMessage` for every notification, and `onConnection` when the listening connection
   * drops (false: notifications may be missed) or is back (true). The result stops listening.
   */
  listen(
    onMessage: (payload: string) => void,
    onConnection?: (connected: boolean) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Who holds the PGlite lock, shown to a second process that finds it taken. */
  holder?: string;
  /** PostgreSQL only: run in this schema (tests give each file its own). */
  schema?: string;
  /** PGlite only: start from this dump instead of a data directory (tests). */
  pgliteDump?: Blob;
  /**
   * PostgreSQL only: a direct (session-level) connection for LISTEN. Behind a transaction-mode
   * pooler such as PgBouncer, LISTEN on DATABASE_URL silently receives nothing.
   */
  listenUrl?: string;
}

/**
 * PostgreSQL's default 128 MB of shared buffers outgrows PGlite's initial WebAssembly memory, and
 * setting them up was a tenth of a cold start (npm run bench). An embedded database's files stay in
 * the operating system's cache anyway.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** One channel per schema, so tests that share a PostgreSQL database do not hear each other. */
const channelFor = (schema?: string) => `trailmap_live_${schema ?? 'public'}`;

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  let observer: ((milliseconds: number, failed: boolean) => void) | undefined;
  const log = (event: LogEvent) => observer?.(event.queryDurationMillis, event.level === 'error');
  const observeQueries = (next: typeof observer) => {
    observer = next;
  };
  if (options.databaseUrl) {
    // Loaded only for PostgreSQL: the embedded database's cold start does not pay for it.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    const channel = channelFor(options.schema);
    return {
      db,
      kind: 'postgres',
      pool,
      observeQueries,
      description: describeUrl(options.databaseUrl),
      ping: async () => void (await sql`select 1`.execute(db)),
      notify: async (payload) => void (await sql`select pg_notify(${channel}, ${payload})`.execute(db)),
      listen: (onMessage, onConnection) =>
        listenOnPostgres(
          options.listenUrl ?? (options.databaseUrl as string),
          channel,
          onMessage,
          onConnection,
        ),
      close: () => db.destroy(),
    };
  }

  const dataDir = options.dataDir ?? './data';
  const release = options.pgliteDump ? () => {} : lockDataDir(dataDir, options.holder ?? 'trailmap');
  try {
    const client = options.pgliteDump
      ? await PGlite.create({ loadDataDir: options.pgliteDump, startParams: PGLITE_START_PARAMS })
      : await PGlite.create(dataDir, { startParams: PGLITE_START_PARAMS });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client), log });
    // PGlite lives in this process and its directory is locked to it, so every listener is here:
    // notifications go straight to them instead of costing a statement in PGlite's one queue.
    const listeners = new Set<(payload: string) => void>();
    return {
      db,
      kind: 'pglite',
      observeQueries,
      description: options.pgliteDump ? 'PGlite in memory' : `PGlite at ${dataDir}`,
      ping: async () => void (await sql`select 1`.execute(db)),
      notify: async (payload) => {
        // Delivered after the caller goes on, as PostgreSQL delivers after the commit.
        for (const listener of listeners) queueMicrotask(() => listener(payload));
      },
      listen: async (onMessage) => {
        listeners.add(onMessage);
        return async () => void listeners.delete(onMessage);
      },
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * LISTEN on a dedicated connection that comes back by itself after a drop (with a growing pause),
 * so live updates resume once the database is reachable again.
 */
async function listenOnPostgres(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onConnection: (connected: boolean) => void = () => {},
) {
  let client: pg.Client | undefined;
  let stopped = false;
  let retryMs = 250;
  const connect = async (): Promise<void> => {
    const { default: pg } = await import('pg');
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    const reconnect = () => {
      if (stopped || client !== next) return;
      client = undefined;
      onConnection(false);
      setTimeout(() => void connect().catch(() => {}), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
    next.on('error', reconnect);
    next.on('end', reconnect);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      retryMs = 250;
      onConnection(true);
    } catch (error) {
      reconnect();
      throw error;
    }
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
