// Wakes every open stream of a learner whose progress changed, on this instance or another one
// (the change feed carries both).
import type { ChangeFeed } from '../../db/change-feed.ts';

type Wake = () => void;

export class LiveHub {
  private readonly streams = new Map<string, Set<Wake>>();
  private readonly unsubscribe: () => void;

  constructor(changes: ChangeFeed) {
    this.unsubscribe = changes.subscribe((event) => {
      if (event.type === 'reset') {
        for (const set of this.streams.values()) for (const wake of set) wake();
      } else if (event.kind === 'progress') {
        for (const learnerId of event.learnerIds)
          for (const wake of this.streams.get(learnerId) ?? []) wake();
      }
    });
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

  stop() {
    this.unsubscribe();
  }
}
