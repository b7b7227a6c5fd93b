// The audit log of team and admin actions: one function writes every entry, two read them back.
import type { Db } from '../../db/tables.ts';

export type AuditAction =
  | 'admin.promote'
  | 'team.create'
  | 'team.invite'
  | 'team.invite_email'
  | 'team.invite_revoke'
  | 'team.join'
  | 'team.leave'
  | 'team.remove_member'
  | 'team.transfer_ownership'
  | 'team.assign'
  | 'team.unassign';

export interface AuditEntry {
  /** null: the operator's CLI, which acts as nobody signed in. */
  actor: { id: string; email: string } | null;
  action: AuditAction;
  /** What the action was done to, in words a reader of the log understands (an email, a roadmap). */
  target: string;
  teamId?: string | null;
  /** The client's address as Fastify resolved it (TRUST_PROXY); null from the CLI. */
  ip: string | null;
}

export interface AuditRecord {
  at: Date;
  actorEmail: string | null;
  action: string;
  target: string;
  teamId: string | null;
  ip: string | null;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      target: entry.target,
      team_id: entry.teamId ?? null,
      ip: entry.ip,
    })
    .execute();
}

/** The newest entries first; of one team when `teamId` is given, else of the whole instance. */
export async function listAudit(db: Db, options: { teamId?: string; limit?: number } = {}) {
  let query = db
    .selectFrom('audit_log')
    .select(['at', 'actor_email', 'action', 'target', 'team_id', 'ip'])
    .orderBy('id', 'desc')
    .limit(options.limit ?? 200);
  if (options.teamId) query = query.where('team_id', '=', options.teamId);
  const rows = await query.execute();
  return rows.map(
    (r): AuditRecord => ({
      at: new Date(r.at),
      actorEmail: r.actor_email,
      action: r.action,
      target: r.target,
      teamId: r.team_id,
      ip: r.ip,
    }),
  );
}
