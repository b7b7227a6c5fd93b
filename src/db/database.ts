// Opens the database: PGlite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// Both speak the same SQL through Kysely, so everything above this file is the same.
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database, Db } from './tables.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** "PGlite at ./data" or "PostgreSQL at host/db", for logs (never the password). */
  description: string;
  ping(): Promise<void>;
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
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      description: describeUrl(options.databaseUrl),
      ping: async () => void (await sql`select 1`.execute(db)),
      close: () => db.destroy(),
    };
  }

  const dataDir = options.dataDir ?? './data';
  const release = options.pgliteDump ? () => {} : lockDataDir(dataDir, options.holder ?? 'trailmap');
  try {
    const client = options.pgliteDump
      ? await PGlite.create({ loadDataDir: options.pgliteDump })
      : await PGlite.create(dataDir);
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    return {
      db,
      kind: 'pglite',
      description: options.pgliteDump ? 'PGlite in memory' : `PGlite at ${dataDir}`,
      ping: async () => void (await sql`select 1`.execute(db)),
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
