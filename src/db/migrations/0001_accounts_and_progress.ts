// Learners, sessions, progress, choices and notes.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('learners')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index learners_email_key on learners (lower(email))`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_learner_idx').on('sessions').column('learner_id').execute();

  await db.schema
    .createTable('progress')
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('roadmap', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'learning', 'done', 'skipped')`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('progress_pkey', ['learner_id', 'roadmap', 'topic_id'])
    .execute();

  await db.schema
    .createTable('choices')
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('roadmap', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('option_id', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('choices_pkey', ['learner_id', 'roadmap', 'group_id'])
    .execute();

  await db.schema
    .createTable('notes')
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('roadmap', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('notes_pkey', ['learner_id', 'roadmap', 'topic_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notes', 'choices', 'progress', 'sessions', 'learners']) {
    await db.schema.dropTable(table).execute();
  }
}
