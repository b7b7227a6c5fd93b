// Group commit on its own: which items share a statement, and who hears what when one fails.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

interface Item {
  key: string;
  value: number;
}

/** A writer that records each batch and answers each item's value doubled (fails on -1, -2, -3). */
function recordingWriter(maxInFlight = 1, maxBatch = 100) {
  const batches: number[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const commit = new GroupCommit<Item, number>({
    run: async (items) => {
      batches.push(items.map((i) => i.value));
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (items.some((i) => i.value === -1)) throw new Error('bad item');
      // What node-postgres reports when PostgreSQL ends the connection (pg_terminate_backend).
      if (items.some((i) => i.value === -2))
        throw Object.assign(new Error('terminating connection due to administrator command'), {
          code: '57P01',
        });
      // ...and when a statement has no answer within its deadline (a partition).
      if (items.some((i) => i.value === -3)) throw new Error('Query read timeout');
      return items.map((i) => i.value * 2);
    },
    keyOf: (item) => item.key,
    maxBatch,
    maxInFlight,
  });
  return { commit, batches, mostAtOnce: () => mostAtOnce };
}

describe('group commit', () => {
  it('sends a lone write by itself and answers its own result', async () => {
    const { commit, batches } = recordingWriter();
    await expect(commit.submit({ key: 'a', value: 1 })).resolves.toBe(2);
    expect(batches).toEqual([[1]]);
  });

  it('sends writes made in the same turn together, and later ones with what queued meanwhile', async () => {
    const { commit, batches } = recordingWriter();
    const first = [1, 2, 3].map((value) => commit.submit({ key: `k${value}`, value }));
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first batch is in flight
    const second = [4, 5].map((value) => commit.submit({ key: `k${value}`, value }));
    expect(await Promise.all([...first, ...second])).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('never puts two writes of one key in a batch, and keeps their order', async () => {
    const { commit, batches } = recordingWriter();
    const results = await Promise.all([
      commit.submit({ key: 'same', value: 1 }),
      commit.submit({ key: 'other', value: 2 }),
      commit.submit({ key: 'same', value: 3 }),
    ]);
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('caps the batch size', async () => {
    const { commit, batches } = recordingWriter(1, 2);
    await Promise.all([1, 2, 3, 4, 5].map((value) => commit.submit({ key: `k${value}`, value })));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it('fails only the bad write of a failed batch: the others are sent again alone and succeed', async () => {
    const { commit, batches } = recordingWriter();
    const outcomes = await Promise.allSettled([
      commit.submit({ key: 'a', value: 1 }),
      commit.submit({ key: 'b', value: -1 }),
      commit.submit({ key: 'c', value: 3 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[0]).toMatchObject({ value: 2 });
    expect(outcomes[1]).toMatchObject({ reason: new Error('bad item') });
    expect(batches).toEqual([[1, -1, 3], [1], [-1], [3]]);
  });

  it('fails every write of a batch at once when the database is unavailable, without sending each again', async () => {
    const { commit, batches } = recordingWriter();
    const outcomes = await Promise.allSettled([
      commit.submit({ key: 'a', value: 1 }),
      commit.submit({ key: 'b', value: -2 }),
      commit.submit({ key: 'c', value: 3 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(outcomes[0]).toMatchObject({ reason: { code: '57P01' } });
    expect(batches).toEqual([[1, -2, 3]]);
  });

  it('fails the writes queued behind a batch the database did not answer in time, at once', async () => {
    const { commit, batches } = recordingWriter();
    const first = commit.submit({ key: 'a', value: -3 });
    await new Promise((resolve) => setTimeout(resolve, 1)); // the first batch is in flight
    const queued = [commit.submit({ key: 'b', value: 2 }), commit.submit({ key: 'c', value: 3 })];
    const outcomes = await Promise.allSettled([first, ...queued]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(batches).toEqual([[-3]]);
    // The next write goes as usual.
    await expect(commit.submit({ key: 'd', value: 4 })).resolves.toBe(8);
  });

  it('keeps at most maxInFlight batches in flight', async () => {
    const { commit, mostAtOnce } = recordingWriter(2, 1);
    await Promise.all([1, 2, 3, 4, 5, 6].map((value) => commit.submit({ key: `k${value}`, value })));
    expect(mostAtOnce()).toBe(2);
  });
});
