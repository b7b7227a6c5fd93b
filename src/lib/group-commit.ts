// Group commit: writes that arrive while earlier ones are in flight are sent together as one
// statement, so a burst of clicks costs one round trip and one commit instead of one each. A lone
// write goes once the current turn of the event loop ends (no timer), and each caller hears only
// after the commit that holds its item.
import { unavailability } from '../db/unavailable.ts';

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<Item, Result> {
  /** Writes the items in one statement; answers one result per item, in order. */
  run: (items: Item[]) => Promise<Result[]>;
  /** Items with the same key never share a batch (one statement may not touch a row twice). */
  keyOf: (item: Item) => string;
  maxBatch: number;
  /** Batches in flight at once: 1 for a database that runs one statement at a time. */
  maxInFlight: number;
}

export class GroupCommit<Item, Result> {
  private readonly queue: Waiting<Item, Result>[] = [];
  private inFlight = 0;

  constructor(private readonly options: GroupCommitOptions<Item, Result>) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.inFlight < this.options.maxInFlight) void this.drain();
    });
  }

  private async drain() {
    this.inFlight++;
    try {
      // Requests read in this turn of the event loop join the first batch. Without this pause an
      // in-process database (PGlite) would run each statement before the next request is read.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) await this.send(this.nextBatch());
    } finally {
      this.inFlight--;
    }
  }

  /** The oldest waiting items, at most one per key; later items of a key wait for a later batch. */
  private nextBatch(): Waiting<Item, Result>[] {
    const batch: Waiting<Item, Result>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < this.queue.length && batch.length < this.options.maxBatch; ) {
      const waiting = this.queue[i] as Waiting<Item, Result>;
      const key = this.options.keyOf(waiting.item);
      if (keys.has(key)) {
        i++;
        continue;
      }
      keys.add(key);
      batch.push(waiting);
      this.queue.splice(i, 1);
    }
    return batch;
  }

  private async send(batch: Waiting<Item, Result>[]) {
    try {
      const results = await this.options.run(batch.map((w) => w.item));
      batch.forEach((waiting, i) => {
        waiting.resolve(results[i] as Result);
      });
    } catch (error) {
      const unavailable = unavailability(error);
      // A database that did not answer in time would keep the writes queued behind this batch
      // waiting as long again: they hear it now, within one timeout of being made.
      if (unavailable === 'timeout') for (const waiting of this.queue.splice(0)) waiting.reject(error);
      // An unreachable database fails every item alike: going again one by one would only make
      // each caller wait longer before hearing it.
      if (batch.length === 1 || unavailable) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      // One bad item must not fail the others: each goes again on its own, and fails alone.
      await Promise.all(batch.map((waiting) => this.send([waiting])));
    }
  }
}
