// Learners search their own notes with PostgreSQL's full-text search: the words of each note,
// stemmed for English, kept in a generated column that a GIN index covers. PGlite runs the same.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notes add column search tsvector
    generated always as (to_tsvector('english', markdown)) stored`.execute(db);
  await sql`create index notes_search on notes using gin (search)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index notes_search`.execute(db);
  await sql`alter table notes drop column search`.execute(db);
}
