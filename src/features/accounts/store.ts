// SQL for learners and sessions. Emails are matched by their key (emailKey, a unique index).
import { sql } from 'kysely';
import type { Db } from '../../db/tables.ts';
import { emailKey } from './email-key.ts';
import type { EmailTokenPurpose } from './tables.ts';

export interface LearnerRecord {
  id: string;
  email: string;
  /** null for an account made by single sign-on. */
  password_hash: string | null;
  created_at: Date;
  password_must_change: boolean;
  email_verified_at: Date | null;
  is_admin: boolean;
}

const LEARNER_COLUMNS = [
  'id',
  'email',
  'password_hash',
  'created_at',
  'password_must_change',
  'email_verified_at',
  'is_admin',
] as const;

export async function findLearnerByEmail(db: Db, email: string): Promise<LearnerRecord | undefined> {
  return db
    .selectFrom('learners')
    .select(LEARNER_COLUMNS)
    .where('email_key', '=', emailKey(email))
    .executeTakeFirst();
}

export async function findLearnerById(db: Db, id: string): Promise<LearnerRecord | undefined> {
  return db.selectFrom('learners').select(LEARNER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/**
 * Inserts a learner, or returns undefined when the email is taken (in any form with the same key).
 * The first account of an instance is its admin.
 */
export async function insertLearner(
  db: Db,
  email: string,
  passwordHash: string | null,
): Promise<LearnerRecord | undefined> {
  return db
    .insertInto('learners')
    .values({
      email,
      email_key: emailKey(email),
      password_hash: passwordHash,
      is_admin: sql<boolean>`not exists (select 1 from learners)`,
    })
    .onConflict((oc) => oc.column('email_key').doNothing())
    .returning(LEARNER_COLUMNS)
    .executeTakeFirst();
}

/** Sets the password; `mustChange` makes it a one-time password (an operator's reset). */
export async function updatePasswordHash(
  db: Db,
  learnerId: string,
  passwordHash: string,
  mustChange = false,
): Promise<void> {
  await db
    .updateTable('learners')
    .set({ password_hash: passwordHash, password_changed_at: new Date(), password_must_change: mustChange })
    .where('id', '=', learnerId)
    .execute();
}

/**
 * Spends a one-time password: replaces the hash it matched, only if it is still the stored one, so
 * two sign-ins racing with the same one-time password cannot both succeed. True for the one that did.
 */
export async function replaceOneTimePassword(
  db: Db,
  learnerId: string,
  usedHash: string,
  unusableHash: string,
): Promise<boolean> {
  const result = await db
    .updateTable('learners')
    .set({ password_hash: unusableHash })
    .where('id', '=', learnerId)
    .where('password_hash', '=', usedHash)
    .where('password_must_change', '=', true)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives the learner a new address, not yet confirmed; false when another account has it. */
export async function updateEmail(db: Db, learnerId: string, email: string): Promise<boolean> {
  try {
    await db
      .updateTable('learners')
      .set({ email, email_key: emailKey(email), email_verified_at: null })
      .where('id', '=', learnerId)
      .execute();
    return true;
  } catch (error) {
    // The unique index on email_key: the address (in some spelling) is another account's.
    if ((error as { code?: string }).code === '23505') return false;
    throw error;
  }
}

/** Marks the address confirmed, if it is still the learner's address. */
export async function markEmailVerified(db: Db, learnerId: string, email: string): Promise<boolean> {
  const result = await db
    .updateTable('learners')
    .set({ email_verified_at: new Date() })
    .where('id', '=', learnerId)
    .where('email_key', '=', emailKey(email))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes a learner; sessions, progress, choices and notes go with it (ON DELETE CASCADE). */
export async function deleteLearner(db: Db, learnerId: string): Promise<boolean> {
  const result = await db.deleteFrom('learners').where('id', '=', learnerId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Makes the learner an instance admin; false when there is no such learner. */
export async function promoteLearner(db: Db, learnerId: string): Promise<boolean> {
  const result = await db
    .updateTable('learners')
    .set({ is_admin: true })
    .where('id', '=', learnerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function listLearners(
  db: Db,
): Promise<{ email: string; created_at: Date; roadmaps: number; is_admin: boolean }[]> {
  return db
    .selectFrom('learners')
    .leftJoin('progress', 'progress.learner_id', 'learners.id')
    .select(['learners.email', 'learners.created_at', 'learners.is_admin'])
    .select((eb) => eb.fn.count<number>(sql`distinct progress.roadmap`).as('roadmaps'))
    .groupBy(['learners.id', 'learners.email', 'learners.created_at', 'learners.is_admin'])
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
    .select([
      'sessions.learner_id',
      'sessions.expires_at',
      'learners.email',
      'learners.created_at',
      'learners.password_must_change',
      'learners.email_verified_at',
      'learners.is_admin',
    ])
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

// Single-use links sent by mail (password reset, address confirmation): only their hashes.

export async function insertEmailToken(
  db: Db,
  token: { tokenHash: string; learnerId: string; purpose: EmailTokenPurpose; email: string; expiresAt: Date },
): Promise<void> {
  // A new link replaces the learner's earlier ones of the same kind; long-dead links are forgotten.
  await db
    .deleteFrom('email_tokens')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('learner_id', '=', token.learnerId),
          eb('purpose', '=', token.purpose),
          eb('used_at', 'is', null),
        ]),
        eb('expires_at', '<', new Date(Date.now() - 86_400_000)),
      ]),
    )
    .execute();
  await db
    .insertInto('email_tokens')
    .values({
      token_hash: token.tokenHash,
      learner_id: token.learnerId,
      purpose: token.purpose,
      email: token.email,
      expires_at: token.expiresAt,
    })
    .execute();
}

export async function findEmailToken(db: Db, tokenHash: string, purpose: EmailTokenPurpose) {
  return db
    .selectFrom('email_tokens')
    .select(['learner_id', 'email', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/** Marks a token used, if it is unused and unexpired; false when another request used it first. */
export async function useEmailToken(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
