// Runs the ordered migrations in one transaction: a failure leaves the database as it was.
import { type Migration, Migrator, sql } from 'kysely';
import * as accountsAndProgress from './migrations/0001_accounts_and_progress.ts';
import * as serverSecrets from './migrations/0002_server_secrets.ts';
import * as rateLimits from './migrations/0003_rate_limits.ts';
import * as emailKeys from './migrations/0004_email_keys.ts';
import * as passwordMustChange from './migrations/0005_password_must_change.ts';
import * as notesSearch from './migrations/0006_notes_search.ts';
import * as emailTokens from './migrations/0007_email_tokens.ts';
import * as oidcIdentities from './migrations/0008_oidc_identities.ts';
import * as resourceTicks from './migrations/0009_resource_ticks.ts';
import * as teams from './migrations/0010_teams.ts';
import * as customRoadmaps from './migrations/0011_custom_roadmaps.ts';
import type { Db } from './tables.ts';

/** Every migration, in order. Imported statically so the bundled server carries them. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_accounts_and_progress': accountsAndProgress,
  '0002_server_secrets': serverSecrets,
  '0003_rate_limits': rateLimits,
  '0004_email_keys': emailKeys,
  '0005_password_must_change': passwordMustChange,
  '0006_notes_search': notesSearch,
  '0007_email_tokens': emailTokens,
  '0008_oidc_identities': oidcIdentities,
  '0009_resource_ticks': resourceTicks,
  '0010_teams': teams,
  '0011_custom_roadmaps': customRoadmaps,
};

export class MigrationError extends Error {}

export async function migrateToLatest(
  db: Db,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<string[]> {
  // Most starts find nothing to do: one read says so, where the migrator's lock and checks cost
  // a tenth of a second on PGlite (npm run bench, cold start).
  if (await isUpToDate(db, Object.keys(migrations))) return [];
  // Features land in parallel, each with its own independent migration number: one merged after a
  // higher-numbered one still runs, instead of the migrator refusing the database.
  // Kysely looks for its own tables in every schema unless told which: with another schema's
  // (tests give each file one) it would skip creating them here, and fail.
  const schema = await sql<{ name: string }>`select current_schema() as name`.execute(db);
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema.rows[0]?.name ?? 'public',
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed} failed, nothing was changed: ${reason}`);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Whether exactly these migrations, no more and no fewer, are recorded as applied. */
export async function isUpToDate(db: Db, names: string[] = Object.keys(MIGRATIONS)): Promise<boolean> {
  const table = await sql<{ found: boolean }>`
    select to_regclass('kysely_migration') is not null as found`.execute(db);
  if (!table.rows[0]?.found) return false;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const applied = new Set(rows.map((row) => row.name));
  return applied.size === names.length && names.every((name) => applied.has(name));
}
