// What a team can do: create, invite (links and mail), join, leave, remove, transfer ownership,
// assign roadmaps. Every change is written to the audit log; who may do it is policy.ts's call.
import { createHash, randomBytes } from 'node:crypto';
import type { Catalog } from '../../content/model.ts';
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import { findLearnerByEmail } from '../accounts/service.ts';
import type { Learner } from '../accounts/sessions.ts';
import { recordAudit } from '../audit/audit.ts';
import type { MailContext } from '../email/context.ts';
import { teamInviteMail } from '../email/messages.tsx';
import { pathRoadmapOf } from '../progress/path-roadmap.ts';
import type { ProgressRecords } from '../progress/records.ts';
import { choiceProblem } from '../progress/rules.ts';
import { findRoadmap } from '../roadmaps/lookup.ts';
import { noSuchTeam, requireMay, type TeamAction } from './policy.ts';
import * as store from './store.ts';
import type { TeamRole } from './tables.ts';

/** Who acts, and from which address (for the audit log). */
export interface Actor {
  learner: Learner;
  ip: string;
}

export type TeamCreation = 'everyone' | 'admins';

const hashInviteToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const DAY_MS = 86_400_000;

const audit = (
  db: Db,
  actor: Actor,
  action: Parameters<typeof recordAudit>[1]['action'],
  team: store.TeamRecord,
  target: string,
) =>
  recordAudit(db, {
    actor: { id: actor.learner.id, email: actor.learner.email },
    action,
    target,
    teamId: team.id,
    ip: actor.ip,
  });

/** The team and the actor's role in it, when the role allows the action; 404 outside the team. */
export async function teamFor(db: Db, slug: string, learnerId: string, action: TeamAction) {
  const membership = await store.findMembership(db, slug, learnerId);
  if (!membership) throw noSuchTeam(slug);
  requireMay(membership.role, action);
  return membership;
}

export async function createTeam(
  db: Db,
  actor: Actor,
  input: { slug: string; name: string },
  creation: TeamCreation,
): Promise<{ slug: string; name: string; role: 'owner' }> {
  if (creation === 'admins' && !actor.learner.isAdmin)
    throw new AppError(
      'forbidden',
      'On this server only admins can create teams (ALLOW_TEAM_CREATION=admins)',
    );
  const name = input.name.trim();
  if (name.length === 0) throw new AppError('invalid', 'name must not be blank');
  const team = await store.insertTeam(db, { slug: input.slug, name }, actor.learner.id);
  if (!team)
    throw new AppError(
      'conflict',
      `The address "${input.slug}" is taken by another team: choose another slug`,
    );
  await audit(db, actor, 'team.create', team, team.slug);
  return { slug: team.slug, name: team.name, role: 'owner' };
}

export async function myTeams(db: Db, learnerId: string) {
  const teams = await store.teamsOfLearner(db, learnerId);
  return teams.map((t) => ({ slug: t.slug, name: t.name, role: t.role }));
}

export async function createInvite(
  db: Db,
  actor: Actor,
  slug: string,
  input: { role: Exclude<TeamRole, 'owner'>; expiresInDays: number; maxUses: number | null },
  siteUrl: string,
): Promise<{ token: string; url: string; expiresAt: string }> {
  const team = await teamFor(
    db,
    slug,
    actor.learner.id,
    input.role === 'coach' ? 'invite-coach' : 'invite-member',
  );
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
  await store.insertInvite(db, {
    token_hash: hashInviteToken(token),
    team_id: team.id,
    role: input.role,
    created_by: actor.learner.id,
    expires_at: expiresAt,
    max_uses: input.maxUses,
  });
  const uses = input.maxUses === null ? 'no use limit' : `at most ${input.maxUses} use(s)`;
  await audit(
    db,
    actor,
    'team.invite',
    team,
    `${input.role} link, ${uses}, until ${expiresAt.toISOString()}`,
  );
  return { token, url: `${siteUrl}/join/${token}`, expiresAt: expiresAt.toISOString() };
}

export async function revokeInvite(db: Db, actor: Actor, slug: string, token: string): Promise<void> {
  const team = await teamFor(db, slug, actor.learner.id, 'revoke-invite');
  if (!(await store.revokeInvite(db, team.id, hashInviteToken(token))))
    throw new AppError('not_found', 'This team has no open invitation with that token');
  await audit(db, actor, 'team.invite_revoke', team, 'invitation link');
}

export type InviteState =
  | { ok: true; team: { slug: string; name: string }; role: Exclude<TeamRole, 'owner'> }
  | { ok: false; reason: string };

/** What the join page says about a link, without using it. */
export async function describeInvite(db: Db, token: string, now = new Date()): Promise<InviteState> {
  const invite = /^[A-Za-z0-9_-]{20,64}$/.test(token)
    ? await store.findInvite(db, hashInviteToken(token))
    : undefined;
  if (!invite) return { ok: false, reason: 'This invitation link is not valid: ask the team for a new one.' };
  if (invite.revoked_at) return { ok: false, reason: 'This invitation link was withdrawn by the team.' };
  if (new Date(invite.expires_at) <= now)
    return {
      ok: false,
      reason: `This invitation link expired on ${new Date(invite.expires_at).toISOString().slice(0, 10)}: ask the team for a new one.`,
    };
  if (invite.max_uses !== null && invite.uses >= invite.max_uses)
    return {
      ok: false,
      reason: 'This invitation link has been used as many times as it allows: ask the team for a new one.',
    };
  return { ok: true, team: { slug: invite.slug, name: invite.name }, role: invite.role };
}

/** Joins the team of the link; someone already in it keeps their role and spends no use. */
export async function acceptInvite(
  db: Db,
  records: ProgressRecords,
  actor: Actor,
  token: string,
): Promise<{ team: { slug: string; name: string }; role: TeamRole }> {
  // Someone already in the team keeps their role, even once the link has run out.
  const invite = await store.findInvite(db, hashInviteToken(token));
  const existing = invite && (await store.findMembership(db, invite.slug, actor.learner.id));
  if (invite && existing) return { team: { slug: invite.slug, name: invite.name }, role: existing.role };
  const state = await describeInvite(db, token);
  if (!state.ok) throw new AppError('not_found', state.reason.replace(/\.$/, ''));
  const team = (await store.findTeamBySlug(db, state.team.slug)) as store.TeamRecord;
  const joined = await db.transaction().execute(async (trx) => {
    // The use is counted in the same statement that checks the limit: two people racing for the
    // last use cannot both get in.
    if (!(await store.spendInvite(trx, hashInviteToken(token), new Date()))) return false;
    await store.addMember(trx, team.id, actor.learner.id, state.role);
    return true;
  });
  if (!joined)
    throw new AppError(
      'not_found',
      'This invitation link has just been used up or withdrawn: ask the team for a new one',
    );
  await audit(db, actor, 'team.join', team, `${actor.learner.email} as ${state.role}`);
  await preselectFixedChoices(db, records, team.id, [actor.learner.id]);
  return { team: state.team, role: state.role };
}

export async function leaveTeam(db: Db, actor: Actor, slug: string): Promise<void> {
  const team = await teamFor(db, slug, actor.learner.id, 'view');
  if (team.role === 'owner' && Number((await store.countOwners(db, team.id)).owners) <= 1)
    throw new AppError(
      'conflict',
      'You are the only owner of this team: transfer ownership to someone else first',
    );
  await store.removeMember(db, team.id, actor.learner.id);
  await audit(db, actor, 'team.leave', team, actor.learner.email);
}

export async function removeMember(db: Db, actor: Actor, slug: string, memberId: string): Promise<void> {
  const team = await teamFor(db, slug, actor.learner.id, 'remove-member');
  const member = await store.findMember(db, team.id, memberId);
  if (!member) throw new AppError('not_found', 'This team has no member with that id');
  if (member.id === actor.learner.id) throw new AppError('invalid', 'To leave the team yourself, use leave');
  if (member.role !== 'member') requireMay(team.role, 'remove-coach');
  if (member.role === 'owner')
    throw new AppError('conflict', 'An owner cannot be removed: they can leave once another owner exists');
  await store.removeMember(db, team.id, member.id);
  await audit(db, actor, 'team.remove_member', team, member.email);
}

/** The new owner takes over; the one who hands it over stays in the team as a coach. */
export async function transferOwnership(db: Db, actor: Actor, slug: string, memberId: string): Promise<void> {
  const team = await teamFor(db, slug, actor.learner.id, 'transfer-ownership');
  const member = await store.findMember(db, team.id, memberId);
  if (!member) throw new AppError('not_found', 'This team has no member with that id');
  if (member.id === actor.learner.id) throw new AppError('invalid', 'You already own this team');
  await db.transaction().execute(async (trx) => {
    await store.setRole(trx, team.id, member.id, 'owner');
    await store.setRole(trx, team.id, actor.learner.id, 'coach');
  });
  await audit(db, actor, 'team.transfer_ownership', team, member.email);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function assignRoadmap(
  db: Db,
  records: ProgressRecords,
  catalog: Catalog,
  actor: Actor,
  slug: string,
  roadmapSlug: string,
  input: { dueDate: string | null; choices: Record<string, string> },
): Promise<store.AssignmentRecord> {
  const team = await teamFor(db, slug, actor.learner.id, 'assign');
  const roadmap = findRoadmap(catalog, roadmapSlug);
  if (input.dueDate !== null) {
    const parsed = new Date(`${input.dueDate}T00:00:00Z`);
    if (
      !ISO_DATE.test(input.dueDate) ||
      Number.isNaN(parsed.getTime()) ||
      parsed.toISOString().slice(0, 10) !== input.dueDate
    )
      throw new AppError('invalid', 'dueDate must be a date like 2026-12-31, or null');
  }
  const shape = pathRoadmapOf(roadmap);
  for (const [group, option] of Object.entries(input.choices)) {
    const problem = choiceProblem(shape, group, option);
    if (problem) throw new AppError('invalid', `choices: ${problem}`);
  }
  const assignment = { roadmap: roadmap.slug, dueDate: input.dueDate, choices: input.choices };
  await store.upsertAssignment(db, team.id, assignment, actor.learner.id);
  const due = input.dueDate ? `, due ${input.dueDate}` : '';
  const fixed = Object.entries(input.choices)
    .map(([g, o]) => `, ${g}: ${o}`)
    .join('');
  await audit(db, actor, 'team.assign', team, `${roadmap.slug}${due}${fixed}`);
  await preselectFixedChoices(db, records, team.id);
  return assignment;
}

export async function unassignRoadmap(
  db: Db,
  actor: Actor,
  slug: string,
  roadmapSlug: string,
): Promise<void> {
  const team = await teamFor(db, slug, actor.learner.id, 'assign');
  if (!(await store.deleteAssignment(db, team.id, roadmapSlug)))
    throw new AppError('not_found', `The roadmap "${roadmapSlug}" is not assigned to this team`);
  await audit(db, actor, 'team.unassign', team, roadmapSlug);
}

/**
 * A fixed choice of an assignment is made for each member who has not chosen in that group yet;
 * someone who chose otherwise keeps their choice (their progress is theirs).
 */
async function preselectFixedChoices(db: Db, records: ProgressRecords, teamId: string, only?: string[]) {
  const assignments = (await store.assignmentsOf(db, teamId)).filter(
    (a) => Object.keys(a.choices).length > 0,
  );
  if (assignments.length === 0) return;
  const rows = await store.teamProgressRows(db, teamId);
  const chosen = new Set(
    rows.choices.filter((c) => c.option_id !== null).map((c) => `${c.learner_id} ${c.roadmap} ${c.group_id}`),
  );
  const memberIds = only ?? (await store.membersOf(db, teamId)).map((m) => m.id);
  for (const learnerId of memberIds) {
    for (const assignment of assignments) {
      const choices = Object.entries(assignment.choices)
        .filter(([group]) => !chosen.has(`${learnerId} ${assignment.roadmap} ${group}`))
        .map(([group, option]) => ({ group, option, updatedAt: new Date() }));
      if (choices.length > 0) await records.write(learnerId, assignment.roadmap, { choices });
    }
  }
}

/**
 * Mails a single-use link (a week) to the confirmed address of an account. Nonexistent and
 * unconfirmed addresses get the same answer, so a coach learns nothing about who has an account.
 */
export async function inviteByEmail(
  db: Db,
  mail: MailContext,
  actor: Actor,
  slug: string,
  input: { email: string; role: Exclude<TeamRole, 'owner'> },
  siteUrl: string,
): Promise<void> {
  const team = await teamFor(
    db,
    slug,
    actor.learner.id,
    input.role === 'coach' ? 'invite-coach' : 'invite-member',
  );
  if (!mail.mailer.enabled)
    throw new AppError('conflict', 'This server sends no email: send an invitation link instead');
  const learner = await findLearnerByEmail(db, input.email.trim());
  if (!learner?.emailVerifiedAt)
    throw new AppError(
      'invalid',
      'Only confirmed addresses of accounts on this server can be invited by email: send an invitation link instead',
    );
  const { url } = await createInvite(
    db,
    actor,
    slug,
    { role: input.role, expiresInDays: 7, maxUses: 1 },
    siteUrl,
  );
  await audit(db, actor, 'team.invite_email', team, `${learner.email} as ${input.role}`);
  mail.mailer.later('team-invite', async () => [
    teamInviteMail(learner.email, team.name, actor.learner.email, input.role, url),
  ]);
}

/**
 * The learner's assignments (of one roadmap, when given), and a fingerprint of them that keys the
 * learner's cached pages: a new or changed assignment renders them again.
 */
export async function assignmentsOfLearner(db: Db, learnerId: string, roadmap?: string) {
  const all = await store.assignmentsOfLearner(db, learnerId);
  const list = roadmap ? all.filter((a) => a.roadmap === roadmap) : all;
  return {
    list,
    fingerprint: createHash('sha256').update(JSON.stringify(list)).digest('base64url').slice(0, 16),
  };
}
