// Restores a backup into an empty database, in one transaction: the file is checked as it is read
// (read.ts), and the first problem, up to a missing trailer after the last line, changes nothing.
import type { Readable } from 'node:stream';
import type { Db } from '../../db/tables.ts';
import { emailKey } from '../accounts/email-key.ts';
import type { BackupAudit, BackupCounts, BackupLearner, BackupTeam } from './format.ts';
import { BackupError, countItem, emptyCounts, type ReadOptions, readBackup } from './read.ts';
import * as store from './store.ts';

export { BackupError };

const BATCH = 500;

function rowsOf(batch: BackupLearner[]): store.RestoredRows {
  return {
    learners: batch.map((l) => ({
      id: l.id,
      email: l.email,
      email_key: emailKey(l.email),
      password_hash: l.passwordHash,
      created_at: new Date(l.createdAt),
      password_changed_at: new Date(l.passwordChangedAt),
      password_must_change: l.passwordMustChange ?? false,
      email_verified_at: l.emailVerifiedAt ? new Date(l.emailVerifiedAt) : null,
      is_admin: l.isAdmin ?? false,
    })),
    progress: batch.flatMap((l) =>
      l.progress.map((p) => ({
        learner_id: l.id,
        roadmap: p.roadmap,
        topic_id: p.topicId,
        status: p.status,
        updated_at: new Date(p.updatedAt),
      })),
    ),
    choices: batch.flatMap((l) =>
      l.choices.map((c) => ({
        learner_id: l.id,
        roadmap: c.roadmap,
        group_id: c.group,
        option_id: c.option,
        updated_at: new Date(c.updatedAt),
      })),
    ),
    identities: batch.flatMap((l) =>
      (l.identities ?? []).map((i) => ({ learner_id: l.id, issuer: i.issuer, subject: i.subject })),
    ),
    customRoadmaps: batch.flatMap((l) =>
      (l.customRoadmaps ?? []).map((r) => ({
        slug: r.slug,
        owner_id: l.id,
        visibility: r.visibility,
        latest_revision: r.latestRevision,
        published_revision: r.publishedRevision,
        forked_from: r.forkedFrom,
        created_at: new Date(r.createdAt),
        updated_at: new Date(r.updatedAt),
      })),
    ),
    customRevisions: batch.flatMap((l) =>
      (l.customRoadmaps ?? []).flatMap((r) =>
        r.revisions.map((v) => ({
          roadmap: r.slug,
          number: v.number,
          document: JSON.stringify(v.document),
          // Only the owner writes revisions so far; an author from another batch is not in yet.
          author_id: v.authorId === l.id ? l.id : null,
          kind: v.kind,
          created_at: new Date(v.createdAt),
        })),
      ),
    ),
    notes: batch.flatMap((l) =>
      l.notes.map((n) => ({
        learner_id: l.id,
        roadmap: n.roadmap,
        topic_id: n.topicId,
        markdown: n.markdown,
        updated_at: new Date(n.updatedAt),
      })),
    ),
    resourceTicks: batch.flatMap((l) =>
      (l.resourceTicks ?? []).map((t) => ({
        learner_id: l.id,
        roadmap: t.roadmap,
        topic_id: t.topicId,
        resource_id: t.resourceId,
        read: t.read,
        updated_at: new Date(t.updatedAt),
      })),
    ),
  };
}

function teamRows(team: BackupTeam): store.TeamRows {
  return {
    team: { id: team.id, slug: team.slug, name: team.name, created_at: new Date(team.createdAt) },
    members: team.members.map((m) => ({
      team_id: team.id,
      learner_id: m.learnerId,
      role: m.role,
      joined_at: new Date(m.joinedAt),
    })),
    invites: team.invites.map((i) => ({
      token_hash: i.tokenHash,
      team_id: team.id,
      role: i.role,
      created_by: i.createdBy,
      created_at: new Date(i.createdAt),
      expires_at: new Date(i.expiresAt),
      max_uses: i.maxUses,
      uses: i.uses,
      revoked_at: i.revokedAt ? new Date(i.revokedAt) : null,
    })),
    assignments: team.assignments.map((a) => ({
      team_id: team.id,
      roadmap: a.roadmap,
      due_date: a.dueDate,
      choices: JSON.stringify(a.choices),
      assigned_by: a.assignedBy,
      updated_at: new Date(a.updatedAt),
    })),
  };
}

const auditRow = (entry: BackupAudit) => ({
  at: new Date(entry.at),
  actor_id: entry.actorId,
  actor_email: entry.actorEmail,
  action: entry.action,
  team_id: entry.teamId,
  target: entry.target,
  ip: entry.ip,
});

/** Resolves with what was restored. */
export async function importBackup(
  db: Db,
  input: Readable,
  name: string,
  options: ReadOptions = {},
): Promise<BackupCounts> {
  if (await store.hasLearners(db))
    throw new BackupError('the database already has learners: import only restores into an empty database');
  const counts: BackupCounts = emptyCounts();
  await db.transaction().execute(async (trx) => {
    let batch: BackupLearner[] = [];
    let audit: BackupAudit[] = [];
    for await (const item of readBackup(input, name, options)) {
      countItem(counts, item);
      if ('kind' in item) {
        // Learners come first in the file: the last of them are written before the first team.
        await store.insertRows(trx, rowsOf(batch));
        batch = [];
        if (item.kind === 'team') await store.insertTeam(trx, teamRows(item));
        else audit.push(item);
        if (audit.length >= BATCH) {
          await store.insertAudit(trx, audit.map(auditRow));
          audit = [];
        }
        continue;
      }
      batch.push(item);
      if (batch.length >= BATCH) {
        await store.insertRows(trx, rowsOf(batch));
        batch = [];
      }
    }
    await store.insertRows(trx, rowsOf(batch));
    await store.insertAudit(trx, audit.map(auditRow));
  });
  return counts;
}
