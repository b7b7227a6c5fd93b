// Tables owned by teams: the teams, their members with roles, invitation links and assignments.
import type { ColumnType, Generated } from 'kysely';

export type TeamRole = 'owner' | 'coach' | 'member';

export interface TeamsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface TeamMembersTable {
  team_id: string;
  learner_id: string;
  role: TeamRole;
  joined_at: ColumnType<Date, Date | undefined, never>;
}

export interface TeamInvitesTable {
  /** sha256 of the token in the link: a stolen database does not hand out invitations. */
  token_hash: string;
  team_id: string;
  role: Exclude<TeamRole, 'owner'>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  /** null: as many uses as there are people with the link, until it expires. */
  max_uses: number | null;
  uses: ColumnType<number, number | undefined, number>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface TeamAssignmentsTable {
  team_id: string;
  roadmap: string;
  /** YYYY-MM-DD, or null when there is no due date. */
  due_date: string | null;
  /** Choice group → option fixed for the team's members. */
  choices: ColumnType<Record<string, string>, string, string>;
  assigned_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface TeamTables {
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_invites: TeamInvitesTable;
  team_assignments: TeamAssignmentsTable;
}
