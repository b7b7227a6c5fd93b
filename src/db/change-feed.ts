// What changed for which learner, told to this instance at once and to the others through
// NOTIFY. Caches and live streams subscribe to it. Notifications are batched: while one NOTIFY is
// in flight the next changes gather, so a burst of writes costs a few statements, not one each
// (a NOTIFY inside every write would also serialise PostgreSQL's commits).
import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from './database.ts';

/**
 * `progress`: statuses or choices changed; `sessions`: sessions ended or the learner is gone;
 * `roadmaps`: a custom roadmap was published, hidden or deleted (the ids are its slug).
 */
export type ChangeKind = 'progress' | 'sessions' | 'roadmaps';
const KINDS: readonly ChangeKind[] = ['progress', 'sessions', 'roadmaps'];

export type FeedEvent =
  /** `local`: published by this instance (its own caches were already brought up to date). */
  | { type: 'change'; kind: ChangeKind; learnerIds: string[]; source: 'local' | 'remote' }
  /** Notifications may have been missed (the listening connection dropped): forget what you know. */
  | { type: 'reset' };

type Subscriber = (event: FeedEvent) => void;

/** Pauses between tries to send notifications the database refused. */
const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5000;

/** PostgreSQL refuses payloads over 8000 bytes; a learner id is 36 characters. */
const IDS_PER_NOTIFICATION = 150;

export function encodeChange(origin: string, kind: ChangeKind, learnerIds: string[]): string {
  return `${origin} ${kind} ${learnerIds.join(',')}`;
}

export function decodeChange(
  payload: string,
): { origin: string; kind: ChangeKind; learnerIds: string[] } | undefined {
  const [origin, kind, ids] = payload.split(' ');
  if (!origin || !ids || !KINDS.includes(kind as ChangeKind)) return undefined;
  return { origin, kind: kind as ChangeKind, learnerIds: ids.split(',') };
}

/** Tells every instance at once, for writers outside a server (the CLI). */
export async function announceChange(database: DatabaseHandle, kind: ChangeKind, learnerIds: string[]) {
  for (let i = 0; i < learnerIds.length; i += IDS_PER_NOTIFICATION) {
    await database.notify(encodeChange('cli', kind, learnerIds.slice(i, i + IDS_PER_NOTIFICATION)));
  }
}

export class ChangeFeed {
  /** Tells this instance's own notifications apart: they were delivered locally already. */
  readonly origin = randomUUID().slice(0, 8);
  private readonly subscribers = new Set<Subscriber>();
  private readonly pending = new Map<ChangeKind, Set<string>>();
  private flushing: Promise<void> | undefined;
  private stopListening: (() => Promise<void>) | undefined;
  private listening = false;
  private stopping = false;
  private wakeFlush: (() => void) | undefined;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start() {
    this.stopListening = await this.database.listen(
      (payload) => this.receive(payload),
      (connected) => {
        this.listening = connected;
        // Whatever happened while deaf is unknown: everyone starts again from the database.
        this.deliver({ type: 'reset' });
      },
    );
    this.listening = true;
  }

  /**
   * True while every change on every instance reaches this one; caches must not answer from
   * memory otherwise.
   */
  get trustworthy(): boolean {
    return this.listening;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Called after a learner's change has committed. */
  publish(kind: ChangeKind, learnerId: string): void {
    this.deliver({ type: 'change', kind, learnerIds: [learnerId], source: 'local' });
    this.queue(kind, learnerId);
    this.flushing ??= this.flush().finally(() => {
      this.flushing = undefined;
    });
  }

  /** Resolves once every change published so far has been sent to the other instances. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async stop() {
    // Changes not sent by now are dropped if the database still refuses them: the other
    // instances' LISTEN connections are then most likely down too, and they forget what they know.
    this.stopping = true;
    this.wakeFlush?.();
    await this.settled();
    await this.stopListening?.();
    this.stopListening = undefined;
  }

  private async flush() {
    // Let the writes of the current tick join the first batch.
    await Promise.resolve();
    let retryMs = FIRST_RETRY_MS;
    while (this.pending.size > 0) {
      const batch = [...this.pending];
      this.pending.clear();
      let failed = false;
      for (const [kind, ids] of batch) {
        const list = [...ids];
        for (let i = 0; i < list.length; i += IDS_PER_NOTIFICATION) {
          const slice = list.slice(i, i + IDS_PER_NOTIFICATION);
          try {
            await this.database.notify(encodeChange(this.origin, kind, slice));
          } catch (error) {
            // Reported once per outage, not at every try.
            if (!failed && retryMs === FIRST_RETRY_MS) this.onError(error);
            failed = true;
            for (const id of slice) this.queue(kind, id);
          }
        }
      }
      if (!failed) retryMs = FIRST_RETRY_MS;
      else if (this.stopping) this.pending.clear();
      else {
        // The other instances must still hear of these changes, or their caches would keep what
        // they knew before: try again until the database answers (a repeat costs them one read).
        await new Promise<void>((resolve) => {
          this.wakeFlush = resolve;
          setTimeout(resolve, retryMs).unref();
        });
        retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
      }
    }
  }

  private queue(kind: ChangeKind, learnerId: string) {
    const ids = this.pending.get(kind) ?? new Set();
    ids.add(learnerId);
    this.pending.set(kind, ids);
  }

  private receive(payload: string) {
    const change = decodeChange(payload);
    if (!change || change.origin === this.origin) return;
    this.deliver({ type: 'change', kind: change.kind, learnerIds: change.learnerIds, source: 'remote' });
  }

  private deliver(event: FeedEvent) {
    for (const subscriber of this.subscribers) {
      try {
        subscriber(event);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
