// A password an operator reset (`trailmap user reset-password`) is a one-time password: the learner
// who signs in with it must choose a new one before anything else. This flag says so.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('learners')
    .addColumn('password_must_change', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('learners').dropColumn('password_must_change').execute();
}
