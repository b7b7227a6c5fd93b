// Emails are matched by a key JavaScript computes (NFKC, then lower case): SQL's lower() depends on
// the database's locale (in the C locale it leaves İ as it is), so `İSTANBUL@…` could sign up and
// never sign in. Existing rows get their key here, in the same code the server uses.
import { type Kysely, sql } from 'kysely';
import { emailKey } from '../../features/accounts/email-key.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('learners').addColumn('email_key', 'text').execute();
  const learners = await sql<{ id: string; email: string }>`select id, email from learners`.execute(db);
  for (const { id, email } of learners.rows) {
    await sql`update learners set email_key = ${emailKey(email)} where id = ${id}`.execute(db);
  }
  await sql`alter table learners alter column email_key set not null`.execute(db);
  await sql`drop index learners_email_key`.execute(db);
  await sql`create unique index learners_email_key_unique on learners (email_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index learners_email_key_unique`.execute(db);
  await db.schema.alterTable('learners').dropColumn('email_key').execute();
  await sql`create unique index learners_email_key on learners (lower(email))`.execute(db);
}
