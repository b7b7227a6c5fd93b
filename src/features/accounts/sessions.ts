// Server-side sessions: a random 256-bit token in the cookie, only its hash in the database,
// rolling expiry. Ending a session deletes its row, so it is gone on every instance.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/tables.ts';
import * as store from './store.ts';

export interface Learner {
  id: string;
  email: string;
  createdAt: Date;
}

export interface ActiveSession {
  learner: Learner;
  tokenHash: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function startSession(db: Db, learnerId: string, ttlSeconds: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await store.deleteExpiredSessions(db, learnerId, now);
  await store.insertSession(db, hashToken(token), learnerId, new Date(now.getTime() + ttlSeconds * 1000));
  return token;
}

/** Finds the session of a cookie token; extends it when it has aged by an hour or more. */
export async function resumeSession(
  db: Db,
  token: string,
  ttlSeconds: number,
): Promise<ActiveSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const now = new Date();
  const row = await store.findSession(db, tokenHash, now);
  if (!row) return null;
  const renewed = now.getTime() + ttlSeconds * 1000;
  if (renewed - new Date(row.expires_at).getTime() > 3_600_000) {
    await store.extendSession(db, tokenHash, new Date(renewed));
  }
  return {
    tokenHash,
    learner: { id: row.learner_id, email: row.email, createdAt: new Date(row.created_at) },
  };
}

export const endSession = (db: Db, tokenHash: string) => store.deleteSession(db, tokenHash);
