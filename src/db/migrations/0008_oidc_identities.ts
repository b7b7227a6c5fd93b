// Single sign-on: which learner an issuer's subject is, the sign-ins under way (single use), and
// accounts without a password (made at a first sign-on).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('identities_pkey', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('identities_learner_idx').on('identities').column('learner_id').execute();

  await db.schema
    .createTable('oidc_logins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await sql`alter table learners alter column password_hash drop not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from learners where password_hash is null`.execute(db);
  await sql`alter table learners alter column password_hash set not null`.execute(db);
  await db.schema.dropTable('oidc_logins').execute();
  await db.schema.dropTable('identities').execute();
}
