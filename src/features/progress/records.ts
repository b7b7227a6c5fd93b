// A learner's stored statuses and choices, read through a per-instance cache, and the one path
// every progress write takes: each brings the cache up to date and tells the other instances
// (change feed), whose caches forget the learner. Pages and API answers then cost no query until
// the learner changes something.
import type { ChangeFeed } from '../../db/change-feed.ts';
import type { Db } from '../../db/tables.ts';
import { GroupCommit } from '../../lib/group-commit.ts';
import { InvalidatedCache } from '../../lib/invalidated-cache.ts';
import { newerChoice, newerTick, newerTopic } from './rules.ts';
import * as store from './store.ts';

export interface LearnerRecords {
  statuses: readonly store.StatusRow[];
  choices: readonly store.ChoiceRow[];
  ticks: readonly store.TickRow[];
}

/** Learners kept in memory per instance (a few KB each). */
const CACHED_LEARNERS = 20_000;
/** Status changes sent in one statement at most. */
const STATUS_BATCH = 100;

export type StatusEntry = { topicId: string; status: store.StatusRow['status']; updatedAt: Date };
export type ChoiceEntry = { group: string; option: string | null; updatedAt: Date };

export class ProgressRecords {
  private readonly cache: InvalidatedCache<string, LearnerRecords>;
  private readonly statusWrites: GroupCommit<store.StatusChange, store.StatusRow | undefined>;

  /** @param writesInFlight status batches sent at once: 1 where the database runs one statement at a time */
  constructor(
    readonly db: Db,
    private readonly changes: ChangeFeed,
    writesInFlight: number,
  ) {
    this.cache = new InvalidatedCache(CACHED_LEARNERS, () => changes.trustworthy);
    // Clicks come one status at a time, from many learners at once: they share statements.
    this.statusWrites = new GroupCommit({
      run: (batch) => store.upsertStatusChanges(db, batch),
      keyOf: (change) => store.statusKey(change.learnerId, change.roadmap, change.topicId),
      maxBatch: STATUS_BATCH,
      maxInFlight: writesInFlight,
    });
    changes.subscribe((event) => {
      if (event.type === 'reset') this.cache.clear();
      // Local changes were applied by the writer itself, below.
      else if (event.source === 'remote')
        for (const learnerId of event.learnerIds) this.cache.delete(learnerId);
    });
  }

  read(learnerId: string): Promise<LearnerRecords> {
    return this.cache.get(learnerId, async () => ({
      statuses: await store.loadStatuses(this.db, learnerId),
      choices: await store.loadChoices(this.db, learnerId),
      ticks: await store.loadTicks(this.db, learnerId),
    }));
  }

  /**
   * The records as last read, or undefined: the same object until the learner changes something,
   * so it can key what was built from it (a rendered page).
   */
  peek(learnerId: string): LearnerRecords | undefined {
    return this.cache.peek(learnerId);
  }

  /** Stores one status change once committed (with others in flight), and updates the cache. */
  async writeStatus(change: store.StatusChange): Promise<void> {
    const stored = await this.statusWrites.submit(change);
    // Nothing stored: a newer change is (from another device); the cache must read it.
    this.written(change.learnerId, stored ? { statuses: [stored] } : undefined);
  }

  /**
   * Stores changes of one learner's roadmap in one transaction; each is kept where it wins over
   * the stored one (rules.ts), as for any other device's change.
   */
  async write(
    learnerId: string,
    roadmap: string,
    changes: { statuses?: StatusEntry[]; choices?: ChoiceEntry[]; ticks?: store.TickEntry[] },
  ): Promise<void> {
    const stored = await this.db.transaction().execute(async (trx) => ({
      statuses: await store.upsertStatuses(trx, learnerId, roadmap, changes.statuses ?? []),
      choices: await store.upsertChoices(trx, learnerId, roadmap, changes.choices ?? []),
      ticks: await store.upsertTicks(trx, learnerId, roadmap, changes.ticks ?? []),
    }));
    this.written(learnerId, stored);
  }

  /** Replaces one roadmap's statuses, choices and ticks (an import, the undo of a reset). */
  async replace(
    learnerId: string,
    roadmap: string,
    doc: { statuses: StatusEntry[]; choices: ChoiceEntry[]; ticks?: store.TickEntry[] },
  ): Promise<void> {
    await store.replaceRoadmap(this.db, learnerId, roadmap, doc.statuses, doc.choices, doc.ticks);
    // Rows were deleted too: the cache reads them afresh.
    this.written(learnerId);
  }

  /**
   * Saves a note (notes are not cached; streams hear of it). Answers its new time, or undefined
   * when `base` was given and the stored note is no longer that version.
   */
  async saveNote(
    learnerId: string,
    roadmap: string,
    topicId: string,
    markdown: string,
    base?: Date | null,
  ): Promise<Date | undefined> {
    const saved = await store.saveNote(this.db, learnerId, roadmap, topicId, markdown, new Date(), base);
    if (saved) this.changes.publish('progress', learnerId);
    return saved;
  }

  /**
   * After a committed write: applies the rows it stored (the upserts' RETURNING) to the cached
   * records, or forgets them when the outcome is unknown; then tells everyone.
   */
  private written(
    learnerId: string,
    stored?: { statuses?: store.StatusRow[]; choices?: store.ChoiceRow[]; ticks?: store.TickRow[] },
  ) {
    this.cache.update(learnerId, (current) => (stored ? apply(current, stored) : undefined));
    this.changes.publish('progress', learnerId);
  }
}

function apply(
  current: LearnerRecords,
  stored: { statuses?: store.StatusRow[]; choices?: store.ChoiceRow[]; ticks?: store.TickRow[] },
): LearnerRecords {
  return {
    statuses: withWinners(
      current.statuses,
      stored.statuses,
      newerTopic,
      (r) => `${r.roadmap}\u0000${r.topicId}`,
    ),
    choices: withWinners(current.choices, stored.choices, newerChoice, (r) => `${r.roadmap}\u0000${r.group}`),
    ticks: withWinners(
      current.ticks,
      stored.ticks,
      newerTick,
      (r) => `${r.roadmap}\u0000${r.topicId}\u0000${r.resourceId}`,
    ),
  };
}

/**
 * Rows with each incoming row in place of the cached one of the same key, unless the cached one
 * wins by the rules (two writes' answers may come back in another order than they committed).
 */
function withWinners<Row>(
  rows: readonly Row[],
  incoming: Row[] | undefined,
  winner: (a: Row, b: Row) => Row,
  keyOf: (row: Row) => string,
): readonly Row[] {
  let result = rows;
  for (const row of incoming ?? []) {
    const key = keyOf(row);
    const old = result.find((r) => keyOf(r) === key);
    if (old && winner(old, row) === old) continue;
    result = [...result.filter((r) => keyOf(r) !== key), row];
  }
  return result;
}
