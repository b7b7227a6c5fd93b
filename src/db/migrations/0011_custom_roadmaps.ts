// Roadmaps written through the API: one row per roadmap (who owns it, who may see it, which
// revision learners get) and every saved document as a numbered revision.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('custom_roadmaps')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('visibility', 'text', (c) =>
      c.notNull().defaultTo('private').check(sql`visibility in ('private', 'unlisted', 'public')`),
    )
    .addColumn('latest_revision', 'integer', (c) => c.notNull())
    .addColumn('published_revision', 'integer')
    .addColumn('forked_from', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('custom_roadmaps_owner_idx').on('custom_roadmaps').column('owner_id').execute();

  await db.schema
    .createTable('custom_roadmap_revisions')
    .addColumn('roadmap', 'text', (c) => c.notNull().references('custom_roadmaps.slug').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.references('learners.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('draft', 'published')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('custom_roadmap_revisions_pkey', ['roadmap', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('custom_roadmap_revisions').execute();
  await db.schema.dropTable('custom_roadmaps').execute();
}
