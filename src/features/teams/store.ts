// SQL for teams: teams, members and roles, invitation links (only their hash stored), assignments,
// and the team's progress rows read in one query per table.
import { sql } from 'kysely';
import type { Db } from '../../db/tables.ts';
import type { TeamInvitesTable, TeamRole } from './tables.ts';

export interface TeamRecord {
  id: string;
  slug: string;
  name: string;
}

export interface MembershipRecord extends TeamRecord {
  role: TeamRole;
}

/** Inserts a team with its owner; undefined when the slug is taken. */
export async function insertTeam(
  db: Db,
  input: { slug: string; name: string },
  ownerId: string,
): Promise<TeamRecord | undefined> {
  return db.transaction().execute(async (trx) => {
    const team = await trx
      .insertInto('teams')
      .values(input)
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning(['id', 'slug', 'name'])
      .executeTakeFirst();
    if (team)
      await trx
        .insertInto('team_members')
        .values({ team_id: team.id, learner_id: ownerId, role: 'owner' })
        .execute();
    return team;
  });
}

export function findTeamBySlug(db: Db, slug: string): Promise<TeamRecord | undefined> {
  return db.selectFrom('teams').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/** The team and the learner's role in it; undefined when either is missing. */
export function findMembership(
  db: Db,
  slug: string,
  learnerId: string,
): Promise<MembershipRecord | undefined> {
  return db
    .selectFrom('teams')
    .innerJoin('team_members', 'team_members.team_id', 'teams.id')
    .select(['teams.id', 'teams.slug', 'teams.name', 'team_members.role'])
    .where('teams.slug', '=', slug)
    .where('team_members.learner_id', '=', learnerId)
    .executeTakeFirst();
}

export function teamsOfLearner(db: Db, learnerId: string): Promise<MembershipRecord[]> {
  return db
    .selectFrom('teams')
    .innerJoin('team_members', 'team_members.team_id', 'teams.id')
    .select(['teams.id', 'teams.slug', 'teams.name', 'team_members.role'])
    .where('team_members.learner_id', '=', learnerId)
    .orderBy('teams.name')
    .execute();
}

export function listTeams(db: Db) {
  return db
    .selectFrom('teams')
    .leftJoin('team_members', 'team_members.team_id', 'teams.id')
    .select(['teams.slug', 'teams.name', 'teams.created_at'])
    .select((eb) => eb.fn.count<string>('team_members.learner_id').as('members'))
    .groupBy(['teams.id', 'teams.slug', 'teams.name', 'teams.created_at'])
    .orderBy('teams.created_at')
    .execute();
}

export function membersOf(db: Db, teamId: string) {
  return db
    .selectFrom('team_members')
    .innerJoin('learners', 'learners.id', 'team_members.learner_id')
    .select(['learners.id', 'learners.email', 'team_members.role', 'team_members.joined_at'])
    .where('team_members.team_id', '=', teamId)
    .orderBy('learners.email')
    .execute();
}

export function findMember(db: Db, teamId: string, learnerId: string) {
  return db
    .selectFrom('team_members')
    .innerJoin('learners', 'learners.id', 'team_members.learner_id')
    .select(['learners.id', 'learners.email', 'team_members.role'])
    .where('team_members.team_id', '=', teamId)
    .where('team_members.learner_id', '=', learnerId)
    .executeTakeFirst();
}

/** Adds the learner with the role; an existing member keeps the role they have. True when added. */
export async function addMember(db: Db, teamId: string, learnerId: string, role: TeamRole): Promise<boolean> {
  const result = await db
    .insertInto('team_members')
    .values({ team_id: teamId, learner_id: learnerId, role })
    .onConflict((oc) => oc.columns(['team_id', 'learner_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function removeMember(db: Db, teamId: string, learnerId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('team_members')
    .where('team_id', '=', teamId)
    .where('learner_id', '=', learnerId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function setRole(db: Db, teamId: string, learnerId: string, role: TeamRole): Promise<void> {
  await db
    .updateTable('team_members')
    .set({ role })
    .where('team_id', '=', teamId)
    .where('learner_id', '=', learnerId)
    .execute();
}

export async function insertInvite(
  db: Db,
  invite: Pick<
    TeamInvitesTable,
    'token_hash' | 'team_id' | 'role' | 'created_by' | 'expires_at' | 'max_uses'
  >,
): Promise<void> {
  await db.insertInto('team_invites').values(invite).execute();
}

export function findInvite(db: Db, tokenHash: string) {
  return db
    .selectFrom('team_invites')
    .innerJoin('teams', 'teams.id', 'team_invites.team_id')
    .select([
      'team_invites.token_hash',
      'team_invites.role',
      'team_invites.expires_at',
      'team_invites.max_uses',
      'team_invites.uses',
      'team_invites.revoked_at',
      'teams.id as team_id',
      'teams.slug',
      'teams.name',
    ])
    .where('team_invites.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Counts one use, only while the link is unrevoked, unexpired and under its limit. */
export async function spendInvite(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('team_invites')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeInvite(db: Db, teamId: string, tokenHash: string): Promise<boolean> {
  const result = await db
    .updateTable('team_invites')
    .set({ revoked_at: new Date() })
    .where('team_id', '=', teamId)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface AssignmentRecord {
  roadmap: string;
  dueDate: string | null;
  choices: Record<string, string>;
}

export async function upsertAssignment(
  db: Db,
  teamId: string,
  assignment: AssignmentRecord,
  assignedBy: string,
): Promise<void> {
  const values = {
    due_date: assignment.dueDate,
    choices: JSON.stringify(assignment.choices),
    assigned_by: assignedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('team_assignments')
    .values({ team_id: teamId, roadmap: assignment.roadmap, ...values })
    .onConflict((oc) => oc.columns(['team_id', 'roadmap']).doUpdateSet(values))
    .execute();
}

export async function deleteAssignment(db: Db, teamId: string, roadmap: string): Promise<boolean> {
  const result = await db
    .deleteFrom('team_assignments')
    .where('team_id', '=', teamId)
    .where('roadmap', '=', roadmap)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

const toAssignment = (r: {
  roadmap: string;
  due_date: string | null;
  choices: unknown;
}): AssignmentRecord => ({
  roadmap: r.roadmap,
  dueDate: r.due_date,
  // pg and PGlite both parse jsonb; a string would mean a driver that does not.
  choices: (typeof r.choices === 'string' ? JSON.parse(r.choices) : r.choices) as Record<string, string>,
});

export async function assignmentsOf(db: Db, teamId: string): Promise<AssignmentRecord[]> {
  const rows = await db
    .selectFrom('team_assignments')
    .select(['roadmap', 'due_date', 'choices'])
    .where('team_id', '=', teamId)
    .orderBy('roadmap')
    .execute();
  return rows.map(toAssignment);
}

/** Every assignment of every team the learner is in, with the team's name. */
export async function assignmentsOfLearner(db: Db, learnerId: string) {
  const rows = await db
    .selectFrom('team_assignments')
    .innerJoin('team_members', 'team_members.team_id', 'team_assignments.team_id')
    .innerJoin('teams', 'teams.id', 'team_assignments.team_id')
    .select([
      'team_assignments.roadmap',
      'team_assignments.due_date',
      'team_assignments.choices',
      'teams.slug as team_slug',
      'teams.name as team_name',
    ])
    .where('team_members.learner_id', '=', learnerId)
    .orderBy('teams.name')
    .execute();
  return rows.map((r) => ({ ...toAssignment(r), team: { slug: r.team_slug, name: r.team_name } }));
}

/**
 * The statuses and choices of every member, one query per table (no query per member). Only the
 * columns a coach may see: never notes.
 */
export async function teamProgressRows(db: Db, teamId: string) {
  const members = db.selectFrom('team_members').select('learner_id').where('team_id', '=', teamId);
  const statuses = await db
    .selectFrom('progress')
    .select(['learner_id', 'roadmap', 'topic_id', 'status', 'updated_at'])
    .where('learner_id', 'in', members)
    .execute();
  const choices = await db
    .selectFrom('choices')
    .select(['learner_id', 'roadmap', 'group_id', 'option_id', 'updated_at'])
    .where('learner_id', 'in', members)
    .execute();
  return { statuses, choices };
}

export function countOwners(db: Db, teamId: string) {
  return db
    .selectFrom('team_members')
    .select(sql<string>`count(*)`.as('owners'))
    .where('team_id', '=', teamId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
}
