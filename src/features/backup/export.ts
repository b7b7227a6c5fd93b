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
  type BackupTrailer,
} from './format.ts';
import * as store from './store.ts';

const PAGE = 500;
const iso = (value: Date) => new Date(value).toISOString();

async function write(out: Writable, line: string) {
  if (!out.write(`${line}\n`)) await new Promise((resolve) => out.once('drain', resolve));
}

/** Resolves with what the trailer counts. */
export async function exportBackup(db: Db, out: Writable): Promise<BackupCounts> {
  const checksum = createHash('sha256');
  const counts: BackupCounts = { learners: 0, progress: 0, choices: 0, notes: 0, resourceTicks: 0 };
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
      counts.learners++;
      counts.progress += line.progress.length;
      counts.choices += line.choices.length;
      counts.notes += line.notes.length;
      counts.resourceTicks += line.resourceTicks?.length ?? 0;
    }
    after = learners.at(-1)?.id as string;
  }
  const trailer: BackupTrailer = { trailer: true, ...counts, sha256: checksum.digest('hex') };
  await write(out, JSON.stringify(trailer));
  return counts;
}
