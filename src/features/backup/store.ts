// The SQL of backup and restore: learners read in pages by id with their rows, written back in
// batches.
import type { Insertable } from 'kysely';
import type { Database, Db } from '../../db/tables.ts';

/** PostgreSQL takes at most 65,535 parameters per statement; a progress row has five, a tick six. */
const ROWS_PER_INSERT = 5000;

export function learnersAfter(db: Db, afterId: string, limit: number) {
  return db.selectFrom('learners').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function rowsOfLearners(db: Db, ids: string[]) {
  return {
    progress: await db.selectFrom('progress').selectAll().where('learner_id', 'in', ids).execute(),
    choices: await db.selectFrom('choices').selectAll().where('learner_id', 'in', ids).execute(),
    notes: await db.selectFrom('notes').selectAll().where('learner_id', 'in', ids).execute(),
    resourceTicks: await db.selectFrom('resource_ticks').selectAll().where('learner_id', 'in', ids).execute(),
    identities: await db.selectFrom('identities').selectAll().where('learner_id', 'in', ids).execute(),
    ...(await customRoadmapsOf(db, ids)),
  };
}

export const teamsAfter = (db: Db, afterId: string, limit: number) =>
  db.selectFrom('teams').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();

export async function rowsOfTeams(db: Db, ids: string[]) {
  return {
    members: await db.selectFrom('team_members').selectAll().where('team_id', 'in', ids).execute(),
    invites: await db.selectFrom('team_invites').selectAll().where('team_id', 'in', ids).execute(),
    assignments: await db.selectFrom('team_assignments').selectAll().where('team_id', 'in', ids).execute(),
  };
}

export const auditAfter = (db: Db, afterId: string, limit: number) =>
  db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();

export interface TeamRows {
  team: Insertable<Database['teams']>;
  members: Insertable<Database['team_members']>[];
  invites: Insertable<Database['team_invites']>[];
  assignments: Insertable<Database['team_assignments']>[];
}

export async function insertTeam(db: Db, rows: TeamRows): Promise<void> {
  await db.insertInto('teams').values(rows.team).execute();
  for (const part of slices(rows.members)) await db.insertInto('team_members').values(part).execute();
  for (const part of slices(rows.invites)) await db.insertInto('team_invites').values(part).execute();
  for (const part of slices(rows.assignments)) await db.insertInto('team_assignments').values(part).execute();
}

/** Entries get new ids in the order of the file, which is the order they were written in. */
export async function insertAudit(db: Db, rows: Insertable<Database['audit_log']>[]): Promise<void> {
  for (const part of slices(rows)) await db.insertInto('audit_log').values(part).execute();
}

async function customRoadmapsOf(db: Db, ownerIds: string[]) {
  const customRoadmaps = await db
    .selectFrom('custom_roadmaps')
    .selectAll()
    .where('owner_id', 'in', ownerIds)
    .orderBy('slug')
    .execute();
  const slugs = customRoadmaps.map((r) => r.slug);
  const customRevisions =
    slugs.length === 0
      ? []
      : await db
          .selectFrom('custom_roadmap_revisions')
          .selectAll()
          .where('roadmap', 'in', slugs)
          .orderBy('number')
          .execute();
  return { customRoadmaps, customRevisions };
}

export async function hasLearners(db: Db): Promise<boolean> {
  return (await db.selectFrom('learners').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export interface RestoredRows {
  learners: Insertable<Database['learners']>[];
  progress: Insertable<Database['progress']>[];
  choices: Insertable<Database['choices']>[];
  notes: Insertable<Database['notes']>[];
  resourceTicks: Insertable<Database['resource_ticks']>[];
  identities: Insertable<Database['identities']>[];
  customRoadmaps: Insertable<Database['custom_roadmaps']>[];
  customRevisions: Insertable<Database['custom_roadmap_revisions']>[];
}

function* slices<T>(values: T[]): Generator<T[]> {
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT) yield values.slice(i, i + ROWS_PER_INSERT);
}

/** Learners first: the other rows refer to them. */
export async function insertRows(db: Db, rows: RestoredRows): Promise<void> {
  for (const part of slices(rows.learners)) await db.insertInto('learners').values(part).execute();
  for (const part of slices(rows.progress)) await db.insertInto('progress').values(part).execute();
  for (const part of slices(rows.choices)) await db.insertInto('choices').values(part).execute();
  for (const part of slices(rows.notes)) await db.insertInto('notes').values(part).execute();
  for (const part of slices(rows.resourceTicks)) await db.insertInto('resource_ticks').values(part).execute();
  for (const part of slices(rows.identities)) await db.insertInto('identities').values(part).execute();
  for (const part of slices(rows.customRoadmaps))
    await db.insertInto('custom_roadmaps').values(part).execute();
  // A document can be large: fewer revisions per statement.
  for (let i = 0; i < rows.customRevisions.length; i += 100)
    await db
      .insertInto('custom_roadmap_revisions')
      .values(rows.customRevisions.slice(i, i + 100))
      .execute();
}
