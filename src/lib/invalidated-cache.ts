// A bounded in-memory cache for rows another instance may change: entries are dropped when the
// change feed says so, and a read that was in flight when its key was dropped is not kept (it may
// have read the old rows).
import { LRUCache } from 'lru-cache';

export class InvalidatedCache<K extends {}, V extends {}> {
  private readonly entries: LRUCache<K, V>;
  private readonly loading = new Map<K, symbol>();

  constructor(
    max: number,
    /** False while changes on other instances might go unheard: every read goes to the database. */
    private readonly trustworthy: () => boolean,
  ) {
    this.entries = new LRUCache({ max });
  }

  /** The cached value, or what `load` finds (undefined is answered but never kept). */
  async get<L extends V | undefined>(key: K, load: () => Promise<L>): Promise<V | L> {
    if (this.trustworthy()) {
      const hit = this.entries.get(key);
      if (hit !== undefined) return hit;
    }
    const ticket = Symbol();
    this.loading.set(key, ticket);
    try {
      const value = await load();
      if (value !== undefined && this.loading.get(key) === ticket && this.trustworthy())
        this.entries.set(key, value);
      return value;
    } finally {
      if (this.loading.get(key) === ticket) this.loading.delete(key);
    }
  }

  /** The cached value, without loading (undefined when absent or not to be trusted). */
  peek(key: K): V | undefined {
    return this.trustworthy() ? this.entries.peek(key) : undefined;
  }

  /** Replaces a cached value after a write whose outcome is known; unknown keys stay unknown. */
  update(key: K, next: (current: V) => V | undefined) {
    this.loading.delete(key);
    const current = this.entries.peek(key);
    const value = current === undefined ? undefined : next(current);
    if (value === undefined) this.entries.delete(key);
    else this.entries.set(key, value);
  }

  delete(key: K) {
    this.loading.delete(key);
    this.entries.delete(key);
  }

  deleteWhere(matches: (value: V) => boolean) {
    for (const [key, value] of this.entries.entries()) if (matches(value)) this.delete(key);
    // A read in flight cannot be matched on its value yet: drop them all, they are rare and short.
    this.loading.clear();
  }

  clear() {
    this.loading.clear();
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
