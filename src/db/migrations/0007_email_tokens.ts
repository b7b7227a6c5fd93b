// Mail: single-use links (password reset, address confirmation), stored only as hashes, and when
// a learner's address was confirmed (team invitations by address will check it).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('learners').addColumn('email_verified_at', 'timestamptz').execute();
  await db.schema
    .createTable('email_tokens')
    // sha256 of the token in the link: a copy of the database opens no account.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('password-reset', 'verify-email')`),
    )
    // The address a confirmation link confirms: a link sent before an address change confirms nothing.
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('email_tokens_learner_idx')
    .on('email_tokens')
    .columns(['learner_id', 'purpose'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_tokens').execute();
  await db.schema.alterTable('learners').dropColumn('email_verified_at').execute();
}
