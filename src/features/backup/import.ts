// Restores a backup into an empty database, in one transaction: the file is checked as it is read
// (read.ts), and the first problem, up to a missing trailer after the last line, changes nothing.
import type { Readable } from 'node:stream';
import type { Db } from '../../db/tables.ts';
import { emailKey } from '../accounts/email-key.ts';
import type { BackupCounts, BackupLearner } from './format.ts';
import { BackupError, type ReadOptions, readBackup } from './read.ts';
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

/** Resolves with what was restored. */
export async function importBackup(
  db: Db,
  input: Readable,
  name: string,
  options: ReadOptions = {},
): Promise<BackupCounts> {
  if (await store.hasLearners(db))
    throw new BackupError('the database already has learners: import only restores into an empty database');
  const counts: BackupCounts = { learners: 0, progress: 0, choices: 0, notes: 0, resourceTicks: 0 };
  await db.transaction().execute(async (trx) => {
    let batch: BackupLearner[] = [];
    for await (const learner of readBackup(input, name, options)) {
      batch.push(learner);
      counts.learners++;
      counts.progress += learner.progress.length;
      counts.choices += learner.choices.length;
      counts.notes += learner.notes.length;
      counts.resourceTicks += learner.resourceTicks?.length ?? 0;
      if (batch.length >= BATCH) {
        await store.insertRows(trx, rowsOf(batch));
        batch = [];
      }
    }
    await store.insertRows(trx, rowsOf(batch));
  });
  return counts;
}
