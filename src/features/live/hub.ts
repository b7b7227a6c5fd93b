// The open live streams of this instance: wakes a learner's streams when their progress changed (on
// this instance or another: the change feed carries both), ends a stream once its session is over
// (sign-out, a password change, a deleted account, expiry) and holds each session to a few streams.
import type { ChangeFeed } from '../../db/change-feed.ts';

/**
 * Per session on each instance. Every open stream costs a read at each change of its learner, so
 * one session holding hundreds of them slowed everyone's writes (issue 12); a browser opens at most
 * six connections per host over HTTP/1.1 anyway, so ten is more than tabs need.
 */
export const STREAMS_PER_SESSION = 10;

/** setTimeout waits at most 2^31 - 1 ms (about 24.8 days); a session may live longer. */
const LONGEST_TIMER_MS = 2_147_483_647;
/** Past the expiry, so the database agrees the session is over. */
const EXPIRY_MARGIN_MS = 50;
/** When the database could not say whether sessions are still on, ask again after this long. */
const RECHECK_MS = 5000;

export interface LiveStream {
  readonly learnerId: string;
  readonly tokenHash: string;
  /** When the session expires unless a request extends it (milliseconds since the epoch). */
  readonly expiresAt: number;
  /** The learner's progress may have changed: send what is new. */
  wake(): void;
  /** The session is over: say so and close. */
  end(): void;
}

/** When each session expires; the ended and expired ones are missing. */
export type SessionExpiries = (tokenHashes: string[]) => Promise<Map<string, number>>;

interface Entry {
  stream: LiveStream;
  expiresAt: number;
  timer?: NodeJS.Timeout;
  remove(): void;
  removed: boolean;
}

export class LiveHub {
  private readonly byLearner = new Map<string, Set<Entry>>();
  private readonly perSession = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(
    changes: ChangeFeed,
    private readonly expiries: SessionExpiries,
    private readonly onError: (error: unknown) => void,
  ) {
    this.unsubscribe = changes.subscribe((event) => {
      if (event.type === 'reset') {
        // Notifications may have been missed, of changes and of ended sessions alike.
        const all = [...this.byLearner.values()].flatMap((set) => [...set]);
        for (const entry of all) entry.stream.wake();
        void this.check(all);
        return;
      }
      for (const learnerId of event.learnerIds) {
        const entries = this.byLearner.get(learnerId);
        if (!entries) continue;
        if (event.kind === 'progress') for (const entry of entries) entry.stream.wake();
        else void this.check([...entries]);
      }
    });
  }

  /**
   * Adds a stream and returns what removes it, or undefined when its session has
   * STREAMS_PER_SESSION open already.
   */
  add(stream: LiveStream): (() => void) | undefined {
    const count = this.perSession.get(stream.tokenHash) ?? 0;
    if (count >= STREAMS_PER_SESSION) return undefined;
    this.perSession.set(stream.tokenHash, count + 1);
    const set = this.byLearner.get(stream.learnerId) ?? new Set();
    this.byLearner.set(stream.learnerId, set);
    const entry: Entry = {
      stream,
      expiresAt: stream.expiresAt,
      removed: false,
      remove: () => {
        if (entry.removed) return;
        entry.removed = true;
        clearTimeout(entry.timer);
        set.delete(entry);
        if (set.size === 0 && this.byLearner.get(stream.learnerId) === set)
          this.byLearner.delete(stream.learnerId);
        const left = (this.perSession.get(stream.tokenHash) ?? 1) - 1;
        if (left > 0) this.perSession.set(stream.tokenHash, left);
        else this.perSession.delete(stream.tokenHash);
      },
    };
    set.add(entry);
    this.schedule(entry, entry.expiresAt - Date.now() + EXPIRY_MARGIN_MS);
    return entry.remove;
  }

  get openStreams(): number {
    let count = 0;
    for (const set of this.byLearner.values()) count += set.size;
    return count;
  }

  stop() {
    this.unsubscribe();
    for (const set of this.byLearner.values()) for (const entry of set) clearTimeout(entry.timer);
  }

  /** Checks the entry's session again after `ms` (its expiry, or a pause after a failed check). */
  private schedule(entry: Entry, ms: number) {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.check([entry]), Math.min(Math.max(ms, 0), LONGEST_TIMER_MS));
    entry.timer.unref();
  }

  /** Ends the streams whose session is over; the others wait for their (perhaps later) expiry. */
  private async check(entries: Entry[]) {
    if (entries.length === 0) return;
    let expiries: Map<string, number>;
    try {
      expiries = await this.expiries([...new Set(entries.map((entry) => entry.stream.tokenHash))]);
    } catch (error) {
      this.onError(error);
      for (const entry of entries) if (!entry.removed) this.schedule(entry, RECHECK_MS);
      return;
    }
    const now = Date.now();
    for (const entry of entries) {
      if (entry.removed) continue;
      const expiresAt = expiries.get(entry.stream.tokenHash);
      if (expiresAt === undefined) {
        entry.remove();
        entry.stream.end();
      } else {
        entry.expiresAt = expiresAt;
        this.schedule(entry, expiresAt - now + EXPIRY_MARGIN_MS);
      }
    }
  }
}
