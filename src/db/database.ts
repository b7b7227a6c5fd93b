// Opens the database: PGlite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// Both speak the same SQL through Kysely, so everything above this file is the same.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type pg from 'pg';
import { connectFailure } from './connect-failure.ts';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { initDataDirApart } from './pglite-initdb.ts';
import { openPostgresPool } from './postgres.ts';
import { listenOnPostgres } from './postgres-listen.ts';
import type { Database, Db } from './tables.ts';
import { unavailability } from './unavailable.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** "PGlite at ./data" or "PostgreSQL at host/db", for logs (never the password). */
  description: string;
  ping(): Promise<void>;
  /**
   * True while the last write that failed for lack of disk space is recent (30 s) and no write
   * has succeeded since: a ping cannot see a full disk, readiness must.
   */
  diskFull(): boolean;
  /** Sends a notification to every instance listening on this database (after the caller's commit). */
  notify(payload: string): Promise<void>;
  /** Reports every query's duration (for metrics); one observer at a time. */
  observeQueries(observer: (milliseconds: number, failed: boolean) => void): void;
  /** Reports what the database layer handled by itself (a connection that ended), for the logs. */
  observeTrouble(observer: (error: unknown) => void): void;
  /** Runs work that may rightly take long (migrations) without DATABASE_TIMEOUT's limits. */
  withoutTimeouts<T>(run: (db: Db) => Promise<T>): Promise<T>;
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
  /** Who opens the database ("trailmap serve"): named by the PGlite lock and in `application_name`. */
  holder?: string;
  /** PostgreSQL only: the longest wait to connect and for one statement (DATABASE_TIMEOUT), in ms. */
  timeoutMs?: number;
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

/** DATABASE_TIMEOUT's default, for callers that do not pass one (tests). */
const DEFAULT_TIMEOUT_MS = 5000;

/**
 * PostgreSQL's default 128 MB of shared buffers outgrows PGlite's initial WebAssembly memory, and
 * setting them up was a tenth of a cold start (npm run bench). An embedded database's files stay in
 * the operating system's cache anyway.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** How long a write refused for lack of disk space keeps the instance unready. */
const DISK_FULL_MEMORY_MS = 30_000;

/** One channel per schema, so tests that share a PostgreSQL database do not hear each other. */
const channelFor = (schema?: string) => `trailmap_live_${schema ?? 'public'}`;

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const isWrite = (event: LogEvent) =>
  WRITE_NODES.has(event.query.query.kind) || /^\s*(insert|update|delete|merge)\b/i.test(event.query.sql);

/** What both databases share: query timings for metrics, and the memory of a full disk. */
function queryWatch() {
  let observer: ((milliseconds: number, failed: boolean) => void) | undefined;
  let diskFullAt: number | undefined;
  return {
    log(event: LogEvent) {
      observer?.(event.queryDurationMillis, event.level === 'error');
      if (event.level === 'error' && unavailability(event.error) === 'disk_full') diskFullAt = Date.now();
      else if (event.level === 'query' && diskFullAt !== undefined && isWrite(event)) diskFullAt = undefined;
    },
    observeQueries(next: typeof observer) {
      observer = next;
    },
    diskFull: () => diskFullAt !== undefined && Date.now() - diskFullAt < DISK_FULL_MEMORY_MS,
  };
}

function troubleReport() {
  let observer: ((error: unknown) => void) | undefined;
  return {
    report: (error: unknown) => observer?.(error),
    observeTrouble(next: (error: unknown) => void) {
      observer = next;
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const watch = queryWatch();
  const trouble = troubleReport();
  const holder = options.holder ?? 'trailmap';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (options.databaseUrl) {
    // The process id tells apart instances on one machine, and the connections of one instance.
    const applicationName = `${holder} ${process.pid}`;
    const { pool, db, withoutTimeouts } = await openPostgresPool({
      url: options.databaseUrl,
      applicationName,
      timeoutMs,
      schema: options.schema,
      log: watch.log,
      onTrouble: trouble.report,
    });
    const channel = channelFor(options.schema);
    const listenUrl = options.listenUrl ?? options.databaseUrl;
    return {
      db,
      kind: 'postgres',
      pool,
      observeQueries: watch.observeQueries,
      diskFull: watch.diskFull,
      observeTrouble: trouble.observeTrouble,
      withoutTimeouts,
      description: describeUrl(options.databaseUrl),
      ping: async () => void (await sql`select 1`.execute(db)),
      notify: async (payload) => void (await sql`select pg_notify(${channel}, ${payload})`.execute(db)),
      listen: (onMessage, onConnection = () => {}) =>
        listenOnPostgres({
          url: listenUrl,
          channel,
          applicationName,
          timeoutMs,
          onMessage,
          onConnection,
          onTrouble: trouble.report,
        }).catch((error) => {
          const variable = options.listenUrl ? 'DATABASE_LISTEN_URL' : 'DATABASE_URL';
          throw connectFailure(variable, listenUrl, error, timeoutMs);
        }),
      close: () => db.destroy(),
    };
  }

  const dataDir = options.dataDir ?? './data';
  const lock: DataDirLock | undefined = options.pgliteDump ? undefined : await lockDataDir(dataDir, holder);
  try {
    const client = options.pgliteDump
      ? await PGlite.create({ loadDataDir: options.pgliteDump, startParams: PGLITE_START_PARAMS })
      : await initDataDirApart(dataDir, PGLITE_START_PARAMS).then(() =>
          PGlite.create(dataDir, { startParams: PGLITE_START_PARAMS }),
        );
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client), log: watch.log });
    // PGlite lives in this process and its directory is locked to it, so every listener is here:
    // notifications go straight to them instead of costing a statement in PGlite's one queue.
    const listeners = new Set<(payload: string) => void>();
    return {
      db,
      kind: 'pglite',
      observeQueries: watch.observeQueries,
      diskFull: watch.diskFull,
      observeTrouble: trouble.observeTrouble,
      // PGlite has no timeouts: it runs in this process, and nothing can partition it away.
      withoutTimeouts: (run) => run(db),
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
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}
