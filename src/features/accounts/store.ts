// SQL for learners and sessions. Emails are matched by their key (emailKey, a unique index).
import { sql } from 'kysely';
import type { Db } from '../../db/tables.ts';
import { emailKey } from './email-key.ts';

export interface LearnerRecord {
  id: string;
  email: string;
  /** null for an account made by single sign-on. */
  password_hash: string | null;
  created_at: Date;
}

export async function findLearnerByEmail(db: Db, email: string): Promise<LearnerRecord | undefined> {
  return db
    .selectFrom('learners')
    .select(['id', 'email', 'password_hash', 'created_at'])
    .where('email_key', '=', emailKey(email))
    .executeTakeFirst();
}

export async function findLearnerById(db: Db, id: string): Promise<LearnerRecord | undefined> {
  return db
    .selectFrom('learners')
    .select(['id', 'email', 'password_hash', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts a learner, or returns undefined when the email is taken (in any form with the same key). */
export async function insertLearner(
  db: Db,
  email: string,
  passwordHash: string | null,
): Promise<LearnerRecord | undefined> {
  return db
    .insertInto('learners')
    .values({ email, email_key: emailKey(email), password_hash: passwordHash })
    .onConflict((oc) => oc.column('email_key').doNothing())
    .returning(['id', 'email', 'password_hash', 'created_at'])
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Db, learnerId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('learners')
    .set({ password_hash: passwordHash, password_changed_at: new Date() })
    .where('id', '=', learnerId)
    .execute();
}

/** Removes a learner; sessions, progress, choices and notes go with it (ON DELETE CASCADE). */
export async function deleteLearner(db: Db, learnerId: string): Promise<boolean> {
  const result = await db.deleteFrom('learners').where('id', '=', learnerId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listLearners(db: Db): Promise<{ email: string; created_at: Date; roadmaps: number }[]> {
  return db
    .selectFrom('learners')
    .leftJoin('progress', 'progress.learner_id', 'learners.id')
    .select(['learners.email', 'learners.created_at'])
    .select((eb) => eb.fn.count<number>(sql`distinct progress.roadmap`).as('roadmaps'))
    .groupBy(['learners.id', 'learners.email', 'learners.created_at'])
    .orderBy('learners.created_at')
    .execute();
}

export async function insertSession(
  db: Db,
  tokenHash: string,
  learnerId: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash, learner_id: learnerId, expires_at: expiresAt })
    .execute();
}

export async function findSession(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('learners', 'learners.id', 'sessions.learner_id')
    .select(['sessions.learner_id', 'sessions.expires_at', 'learners.email', 'learners.created_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

/** When each of these sessions expires; the ended and expired ones are left out. */
export async function findSessionExpiries(
  db: Db,
  tokenHashes: string[],
  now: Date,
): Promise<{ token_hash: string; expires_at: Date }[]> {
  const found: { token_hash: string; expires_at: Date }[] = [];
  // A statement takes at most 65,535 parameters.
  for (let i = 0; i < tokenHashes.length; i += 5000) {
    found.push(
      ...(await db
        .selectFrom('sessions')
        .select(['token_hash', 'expires_at'])
        .where('token_hash', 'in', tokenHashes.slice(i, i + 5000))
        .where('expires_at', '>', now)
        .execute()),
    );
  }
  return found;
}

export async function extendSession(db: Db, tokenHash: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a learner but one (after a password change). */
export async function deleteOtherSessions(
  db: Db,
  learnerId: string,
  keepTokenHash: string | null,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('learner_id', '=', learnerId);
  if (keepTokenHash) query = query.where('token_hash', '!=', keepTokenHash);
  await query.execute();
}

/** Forgets a learner's sessions that have expired, so the table does not grow with old sign-ins. */
export async function deleteExpiredSessions(db: Db, learnerId: string, now: Date): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('learner_id', '=', learnerId)
    .where('expires_at', '<=', now)
    .execute();
}
