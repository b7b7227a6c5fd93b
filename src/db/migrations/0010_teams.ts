// Instance admins, the audit log, and teams: members with roles, invitation links, assignments.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('learners')
    .addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // An instance that already has accounts gets its first one as admin, as a new instance would.
  await sql`update learners set is_admin = true
    where id = (select id from learners order by created_at, id limit 1)`.execute(db);

  await db.schema
    .createTable('teams')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('learner_id', 'uuid', (c) => c.notNull().references('learners.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'coach', 'member')`))
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_members_pkey', ['team_id', 'learner_id'])
    .execute();
  await db.schema.createIndex('team_members_learner_idx').on('team_members').column('learner_id').execute();

  await db.schema
    .createTable('team_invites')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('coach', 'member')`))
    .addColumn('created_by', 'uuid', (c) => c.references('learners.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('max_uses', 'integer')
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('team_invites_team_idx').on('team_invites').column('team_id').execute();

  await db.schema
    .createTable('team_assignments')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('roadmap', 'text', (c) => c.notNull())
    // An ISO date (YYYY-MM-DD) as text: a `date` column comes back as a local-midnight Date from pg.
    .addColumn('due_date', 'text', (c) => c.check(sql`due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('choices', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('assigned_by', 'uuid', (c) => c.references('learners.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_assignments_pkey', ['team_id', 'roadmap'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid', (c) => c.references('learners.id').onDelete('set null'))
    // Kept as written: the entry still says who acted after the account is gone.
    .addColumn('actor_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_team_idx').on('audit_log').columns(['team_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'team_assignments', 'team_invites', 'team_members', 'teams'])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('learners').dropColumn('is_admin').execute();
}
