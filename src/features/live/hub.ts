// Fans progress changes out to every open stream of a learner, on every instance: a write publishes
// the learner's id through the database (NOTIFY), and each instance wakes its own streams.
import type { DatabaseHandle } from '../../db/database.ts';

type Wake = () => void;

export class LiveHub {
  private readonly streams = new Map<string, Set<Wake>>();
  private stopListening: (() => Promise<void>) | undefined;

  constructor(private readonly database: DatabaseHandle) {}

  async start() {
    this.stopListening = await this.database.listen((learnerId) => {
      for (const wake of this.streams.get(learnerId) ?? []) wake();
    });
  }

  /** Called after a learner's write has committed. */
  publish(learnerId: string): Promise<void> {
    return this.database.notify(learnerId);
  }

  subscribe(learnerId: string, wake: Wake): () => void {
    const set = this.streams.get(learnerId) ?? new Set();
    set.add(wake);
    this.streams.set(learnerId, set);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.streams.delete(learnerId);
    };
  }

  get openStreams(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  async stop() {
    await this.stopListening?.();
  }
}
