// Writes every account, without sessions, as JSON Lines ending with a trailer (record counts and the
// SHA-256 of the lines). Learners are read in pages by id, so memory does not grow with their number.
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Db } from '../../db/tables.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupCounts,
  type BackupHeader,
  type BackupLearner,
  type BackupTeam,
  type BackupTrailer,
} from './format.ts';
import { countItem, emptyCounts } from './read.ts';
import * as store from './store.ts';

const PAGE = 500;
const iso = (value: Date) => new Date(value).toISOString();

async function write(out: Writable, line: string) {
  if (!out.write(`${line}\n`)) await new Promise((resolve) => out.once('drain', resolve));
}

/** Resolves with what the trailer counts. */
export async function exportBackup(db: Db, out: Writable): Promise<BackupCounts> {
  const checksum = createHash('sha256');
  const counts: BackupCounts = emptyCounts();
  const writeLine = (value: object) => {
    const line = JSON.stringify(value);
    checksum.update(`${line}\n`);
    return write(out, line);
  };
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
  };
  await writeLine(header);
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const learners = await store.learnersAfter(db, after, PAGE);
    if (learners.length === 0) break;
    const rows = await store.rowsOfLearners(
      db,
      learners.map((l) => l.id),
    );
    for (const learner of learners) {
      const line: BackupLearner = {
        id: learner.id,
        email: learner.email,
        passwordHash: learner.password_hash,
        createdAt: iso(learner.created_at),
        passwordChangedAt: iso(learner.password_changed_at),
        ...(learner.is_admin ? { isAdmin: true as const } : {}),
        ...(learner.password_must_change ? { passwordMustChange: true as const } : {}),
        emailVerifiedAt: learner.email_verified_at ? iso(learner.email_verified_at) : null,
        progress: rows.progress
          .filter((r) => r.learner_id === learner.id)
          .map((r) => ({
            roadmap: r.roadmap,
            topicId: r.topic_id,
            status: r.status,
            updatedAt: iso(r.updated_at),
          })),
        choices: rows.choices
          .filter((r) => r.learner_id === learner.id)
          .map((r) => ({
            roadmap: r.roadmap,
            group: r.group_id,
            option: r.option_id,
            updatedAt: iso(r.updated_at),
          })),
        notes: rows.notes
          .filter((r) => r.learner_id === learner.id)
          .map((r) => ({
            roadmap: r.roadmap,
            topicId: r.topic_id,
            markdown: r.markdown,
            updatedAt: iso(r.updated_at),
          })),
        resourceTicks: rows.resourceTicks
          .filter((r) => r.learner_id === learner.id)
          .map((r) => ({
            roadmap: r.roadmap,
            topicId: r.topic_id,
            resourceId: r.resource_id,
            read: r.read,
            updatedAt: iso(r.updated_at),
          })),
        customRoadmaps: rows.customRoadmaps
          .filter((r) => r.owner_id === learner.id)
          .map((r) => ({
            slug: r.slug,
            visibility: r.visibility,
            latestRevision: r.latest_revision,
            publishedRevision: r.published_revision,
            forkedFrom: r.forked_from,
            createdAt: iso(r.created_at),
            updatedAt: iso(r.updated_at),
            revisions: rows.customRevisions
              .filter((v) => v.roadmap === r.slug)
              .map((v) => ({
                number: v.number,
                kind: v.kind,
                document: v.document as Record<string, unknown>,
                authorId: v.author_id,
                createdAt: iso(v.created_at),
              })),
          })),
        identities: rows.identities
          .filter((r) => r.learner_id === learner.id)
          .map((r) => ({ issuer: r.issuer, subject: r.subject })),
      };
      await writeLine(line);
      countItem(counts, line);
    }
    after = learners.at(-1)?.id as string;
  }
  after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const teams = await store.teamsAfter(db, after, PAGE);
    if (teams.length === 0) break;
    const rows = await store.rowsOfTeams(
      db,
      teams.map((t) => t.id),
    );
    for (const team of teams) {
      const line: BackupTeam = {
        kind: 'team',
        id: team.id,
        slug: team.slug,
        name: team.name,
        createdAt: iso(team.created_at),
        members: rows.members
          .filter((m) => m.team_id === team.id)
          .map((m) => ({ learnerId: m.learner_id, role: m.role, joinedAt: iso(m.joined_at) })),
        invites: rows.invites
          .filter((i) => i.team_id === team.id)
          .map((i) => ({
            tokenHash: i.token_hash,
            role: i.role,
            createdBy: i.created_by,
            createdAt: iso(i.created_at),
            expiresAt: iso(i.expires_at),
            maxUses: i.max_uses,
            uses: i.uses,
            revokedAt: i.revoked_at ? iso(i.revoked_at) : null,
          })),
        assignments: rows.assignments
          .filter((a) => a.team_id === team.id)
          .map((a) => ({
            roadmap: a.roadmap,
            dueDate: a.due_date,
            choices: typeof a.choices === 'string' ? JSON.parse(a.choices) : a.choices,
            assignedBy: a.assigned_by,
            updatedAt: iso(a.updated_at),
          })),
      };
      await writeLine(line);
      countItem(counts, line);
    }
    after = teams.at(-1)?.id as string;
  }
  let afterEntry = '0';
  for (;;) {
    const entries = await store.auditAfter(db, afterEntry, PAGE);
    if (entries.length === 0) break;
    for (const entry of entries) {
      const line = {
        kind: 'audit' as const,
        at: iso(entry.at),
        actorId: entry.actor_id,
        actorEmail: entry.actor_email,
        action: entry.action,
        teamId: entry.team_id,
        target: entry.target,
        ip: entry.ip,
      };
      await writeLine(line);
      countItem(counts, line);
    }
    afterEntry = String(entries.at(-1)?.id);
  }
  const trailer: BackupTrailer = { trailer: true, ...counts, sha256: checksum.digest('hex') };
  await write(out, JSON.stringify(trailer));
  return counts;
}
