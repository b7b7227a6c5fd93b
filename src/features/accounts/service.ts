// What a learner can do with an account: sign up, sign in, change the password, delete it all.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import { burnVerifyTime, checkNewPassword, hashPassword, verifyPassword } from './passwords.ts';
import type { Learner } from './sessions.ts';
import * as store from './store.ts';

// No spaces and no control characters (PostgreSQL cannot store a NUL in text).
const EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;
// Invisible and bidirectional formatting (zero-width, RLO, isolates, BOM, soft hyphen): an address
// that looks like another one, or like nothing, is refused.
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}]/u;
export const WRONG_CREDENTIALS = 'The email or password is not right';

export function normalizeEmail(email: string): string {
  const trimmed = email.trim();
  if (INVISIBLE.test(email) || trimmed.length > 254 || !EMAIL.test(trimmed))
    throw new AppError('invalid', 'email must be an email address');
  return trimmed;
}

export const toLearner = (record: store.LearnerRecord): Learner => ({
  id: record.id,
  email: record.email,
  createdAt: new Date(record.created_at),
  emailVerifiedAt: record.email_verified_at ? new Date(record.email_verified_at) : null,
  isAdmin: record.is_admin,
});

export async function signUp(db: Db, input: { email: string; password: string }): Promise<Learner> {
  const email = normalizeEmail(input.email);
  checkNewPassword(input.password);
  const created = await store.insertLearner(db, email, await hashPassword(input.password));
  if (!created) throw new AppError('conflict', 'An account with this email already exists: sign in instead');
  return toLearner(created);
}

/** Same message and (by hashing a dummy) the same time for an unknown email and a wrong password. */
export async function signIn(db: Db, input: { email: string; password: string }): Promise<Learner> {
  const email = input.email.trim();
  // No account holds a NUL, and PostgreSQL refuses one in a query: such an address is unknown.
  const record = email.includes('\u0000') ? undefined : await store.findLearnerByEmail(db, email);
  // An account made by single sign-on has no password: it answers as an unknown one does.
  if (!record?.password_hash) {
    await burnVerifyTime(input.password);
    throw new AppError('unauthorized', WRONG_CREDENTIALS);
  }
  if (!(await verifyPassword(record.password_hash, input.password))) {
    throw new AppError('unauthorized', WRONG_CREDENTIALS);
  }
  if (record.password_must_change) await spendOneTimePassword(db, record.id, record.password_hash);
  return toLearner(record);
}

/**
 * A one-time password works for one sign-in: its hash is replaced by one of a random secret nobody
 * knows, and the session it opens may only choose a new password (see password-change-gate.ts).
 */
async function spendOneTimePassword(db: Db, learnerId: string, usedHash: string): Promise<void> {
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  if (!(await store.replaceOneTimePassword(db, learnerId, usedHash, unusable))) {
    // Another sign-in spent it first.
    throw new AppError('unauthorized', WRONG_CREDENTIALS);
  }
}

export async function requirePassword(db: Db, learnerId: string, password: string, field: string) {
  const record = await store.findLearnerById(db, learnerId);
  if (record && record.password_hash === null) {
    throw new AppError(
      'forbidden',
      'This account signs in with single sign-on and has no password; the operator can give it one (trailmap user reset-password)',
    );
  }
  if (!record?.password_hash || !(await verifyPassword(record.password_hash, password))) {
    throw new AppError('forbidden', `${field} is not your current password`);
  }
}

/**
 * Changes the password and ends every other session of the learner. Right after a sign-in with a
 * one-time password the current one is not asked: it was spent by that sign-in, and the session
 * proves it was known.
 */
export async function changePassword(
  db: Db,
  learnerId: string,
  input: { current?: string | undefined; next: string },
  keepSessionHash: string | null,
): Promise<void> {
  const record = await store.findLearnerById(db, learnerId);
  if (!record?.password_must_change) {
    if (!input.current) throw new AppError('invalid', 'current is required: type your current password');
    await requirePassword(db, learnerId, input.current, 'current');
  }
  checkNewPassword(input.next, 'next');
  const passwordHash = await hashPassword(input.next);
  await db.transaction().execute(async (trx) => {
    await store.updatePasswordHash(trx, learnerId, passwordHash);
    await store.deleteOtherSessions(trx, learnerId, keepSessionHash);
  });
}

/** Deletes the account and every row of the learner, in one statement (cascading). */
export async function deleteAccount(db: Db, learnerId: string, password: string): Promise<void> {
  await requirePassword(db, learnerId, password, 'password');
  await db.transaction().execute(async (trx) => {
    await store.deleteLearner(trx, learnerId);
  });
}

// Operator actions (the `trailmap user` commands): by email, no password asked.

export const listLearners = (db: Db) => store.listLearners(db);

/** Deletes the learner with this email and all their data; undefined when there is none. */
export async function deleteLearnerByEmail(db: Db, email: string): Promise<Learner | undefined> {
  const record = await store.findLearnerByEmail(db, email);
  if (!record) return undefined;
  await store.deleteLearner(db, record.id);
  return toLearner(record);
}

/** Makes the learner with this email an instance admin; undefined when there is none. */
export async function promoteByEmail(db: Db, email: string): Promise<Learner | undefined> {
  const record = await store.findLearnerByEmail(db, email);
  if (!record) return undefined;
  await store.promoteLearner(db, record.id);
  return toLearner({ ...record, is_admin: true });
}

/**
 * Gives the learner a one-time password, which must be changed at the next sign-in, and ends every
 * one of their sessions.
 */
export async function resetPasswordByEmail(
  db: Db,
  email: string,
): Promise<{ learner: Learner; password: string } | undefined> {
  const record = await store.findLearnerByEmail(db, email);
  if (!record) return undefined;
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await store.updatePasswordHash(trx, record.id, passwordHash, true);
    await store.deleteOtherSessions(trx, record.id, null);
  });
  return { learner: toLearner(record), password };
}

// Single sign-on (features/oidc) finds and makes accounts by email, without a password.

export async function findLearnerByEmail(db: Db, email: string): Promise<Learner | undefined> {
  const record = await store.findLearnerByEmail(db, email);
  return record && toLearner(record);
}

export async function findLearnerById(db: Db, id: string): Promise<Learner | undefined> {
  const record = await store.findLearnerById(db, id);
  return record && toLearner(record);
}

/** An account with no password, made at a first single sign-on; undefined when the email is taken. */
export async function createPasswordlessLearner(db: Db, email: string): Promise<Learner | undefined> {
  const created = await store.insertLearner(db, normalizeEmail(email), null);
  return created && toLearner(created);
}
