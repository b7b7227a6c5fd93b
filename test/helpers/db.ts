// Real databases for tests: PGlite always (each file loads a migrated template made once per run),
// PostgreSQL too when TEST_DATABASE_URL is set (each file gets its own schema).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  type DatabaseIntrospector,
  Kysely,
  PostgresDialect,
  PostgresIntrospector,
  type TableMetadata,
} from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/tables.ts';
import { emailKey } from '../../src/features/accounts/email-key.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export async function openTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle & { schema?: string }> {
  if (kind === 'pglite') {
    const dump = await readFile(inject('pgliteTemplate'));
    return openDatabase({ pgliteDump: new Blob([dump]) });
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  await migrateSchema(url, schema);
  const database = await openDatabase({ databaseUrl: url, schema });
  return {
    ...database,
    schema,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

/**
 * Migrates a new test schema. Kysely's migrator asks whether its own tables exist in any schema of
 * the database: while another file's schema lives (files run in parallel, and several people share
 * one test database) it would skip creating them here and fail. This connection sees its schema only.
 */
async function migrateSchema(url: string, schema: string) {
  class OwnSchemaDialect extends PostgresDialect {
    override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
      const all = new PostgresIntrospector(db);
      return {
        getSchemas: () => all.getSchemas(),
        getMetadata: async (options) => ({ tables: await this.ownTables(all, options) }),
        getTables: (options) => this.ownTables(all, options),
      };
    }
    async ownTables(all: PostgresIntrospector, options?: Parameters<PostgresIntrospector['getTables']>[0]) {
      const tables: TableMetadata[] = await all.getTables(options);
      return tables.filter((table) => table.schema === schema);
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  const db = new Kysely<Database>({ dialect: new OwnSchemaDialect({ pool }) });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

/** The hash of TEST_PASSWORD, computed once: seeding never goes through sign-up or its limits. */
export const TEST_PASSWORD = 'correct horse battery staple';
const TEST_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$1inECAhRlvBHriEU71/DCA$DJWT29ns87LByb2c5pf5iNVCCdgF/3Mm/8V43AQeuqA';

let seeded = 0;
export async function seedLearner(
  database: DatabaseHandle,
  email = `learner${++seeded}-${randomBytes(3).toString('hex')}@example.org`,
) {
  return database.db
    .insertInto('learners')
    .values({ email, email_key: emailKey(email), password_hash: TEST_PASSWORD_HASH })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow();
}
