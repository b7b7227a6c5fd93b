// Server-side sessions: a random 256-bit token in the cookie, only its hash in the database,
// rolling expiry. Sessions are cached per instance; ending one deletes its row and tells every
// instance (change feed), so it is gone everywhere.
import { createHash, randomBytes } from 'node:crypto';
import type { ChangeFeed } from '../../db/change-feed.ts';
import type { Db } from '../../db/tables.ts';
import { InvalidatedCache } from '../../lib/invalidated-cache.ts';
import * as store from './store.ts';

export interface Learner {
  id: string;
  email: string;
  createdAt: Date;
  /** When the address was confirmed by a mailed link; null until then. */
  emailVerifiedAt: Date | null;
  /** An instance admin (the first account, or `trailmap user promote`): has /admin. */
  isAdmin: boolean;
}

export interface ActiveSession {
  learner: Learner;
  tokenHash: string;
  /** Milliseconds since the epoch; a later request may extend it. */
  expiresAt: number;
  /** Signed in with a one-time password: nothing but choosing a new one until it is changed. */
  mustChangePassword: boolean;
}

interface KnownSession {
  learner: Learner;
  expiresAt: number;
  mustChangePassword: boolean;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Sessions kept in memory per instance. */
const CACHED_SESSIONS = 20_000;
/** An active session is written back (extended) at most this often. */
const EXTEND_AFTER_MS = 3_600_000;

export class Sessions {
  private readonly cache: InvalidatedCache<string, KnownSession>;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
    private readonly ttlSeconds: number,
  ) {
    this.cache = new InvalidatedCache(CACHED_SESSIONS, () => changes.trustworthy);
    changes.subscribe((event) => {
      if (event.type === 'reset') this.cache.clear();
      else if (event.kind === 'sessions') {
        const gone = new Set(event.learnerIds);
        this.cache.deleteWhere((session) => gone.has(session.learner.id));
      }
    });
  }

  async start(learnerId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await store.deleteExpiredSessions(this.db, learnerId, now);
    await store.insertSession(
      this.db,
      hashToken(token),
      learnerId,
      new Date(now.getTime() + this.ttlSeconds * 1000),
    );
    return token;
  }

  /** Finds the session of a cookie token; extends it when it has aged by an hour or more. */
  async resume(token: string): Promise<ActiveSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const tokenHash = hashToken(token);
    const now = Date.now();
    const known = await this.cache.get(tokenHash, async () => {
      const row = await store.findSession(this.db, tokenHash, new Date(now));
      if (!row) return undefined;
      return {
        learner: {
          id: row.learner_id,
          email: row.email,
          createdAt: new Date(row.created_at),
          emailVerifiedAt: row.email_verified_at ? new Date(row.email_verified_at) : null,
          isAdmin: row.is_admin,
        },
        expiresAt: new Date(row.expires_at).getTime(),
        mustChangePassword: row.password_must_change,
      };
    });
    if (!known || known.expiresAt <= now) {
      if (known) this.cache.delete(tokenHash);
      return null;
    }
    const renewed = now + this.ttlSeconds * 1000;
    const { learner, mustChangePassword } = known;
    if (renewed - known.expiresAt > EXTEND_AFTER_MS) {
      await store.extendSession(this.db, tokenHash, new Date(renewed));
      this.cache.update(tokenHash, (session) => ({ ...session, expiresAt: renewed }));
      return { tokenHash, learner, expiresAt: renewed, mustChangePassword };
    }
    return { tokenHash, learner, expiresAt: known.expiresAt, mustChangePassword };
  }

  /**
   * When each of these sessions expires, read from the database (not the cache: this runs when a
   * change feed event may just have ended some); ended and expired sessions are left out.
   */
  async expiries(tokenHashes: string[]): Promise<Map<string, number>> {
    const rows = await store.findSessionExpiries(this.db, tokenHashes, new Date());
    return new Map(rows.map((row) => [row.token_hash, new Date(row.expires_at).getTime()]));
  }

  async end(session: ActiveSession): Promise<void> {
    await store.deleteSession(this.db, session.tokenHash);
    this.cache.delete(session.tokenHash);
    this.changes.publish('sessions', session.learner.id);
  }

  /**
   * After sessions were deleted some other way (a password change, a deleted account), or the
   * learner they carry changed (a new or confirmed address): every instance drops its copies.
   */
  ended(learnerId: string): void {
    this.changes.publish('sessions', learnerId);
  }
}
