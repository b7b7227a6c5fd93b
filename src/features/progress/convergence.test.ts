// What runs converges: random changes from two devices, sent through the real API (the sign-in
// merge, one change at a time, in any interleaving, some twice) on each test database, end in the
// state the pure rule (mergeDocuments) gives, whatever the order. Times are few so ties are common.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, seedLearner } from '../../../test/helpers/db.ts';
import { signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';
import { emptyDocument, mergeDocuments, type ProgressDocument, TOPIC_STATUSES } from './rules.ts';
import { loadChoices, loadStatuses } from './store.ts';

// Topics of the backend roadmap that share no skill with another roadmap, and its language group.
const TOPICS = ['sql', 'auth', 'caching', 'express', 'django'] as const;
const OPTIONS = ['javascript', 'python', 'go', null] as const;
const TIMES = [0, 1, 2].map((minute) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString());

type Change =
  | { kind: 'status'; topicId: string; status: (typeof TOPIC_STATUSES)[number]; at: string }
  | { kind: 'choice'; option: string | null; at: string };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('status' as const),
    topicId: fc.constantFrom(...TOPICS),
    status: fc.constantFrom(...TOPIC_STATUSES),
    at: fc.constantFrom(...TIMES),
  }),
  fc.record({
    kind: fc.constant('choice' as const),
    option: fc.constantFrom(...OPTIONS),
    at: fc.constantFrom(...TIMES),
  }),
);

/** One change as the document a device sends. */
function documentOf(c: Change): ProgressDocument {
  const doc = emptyDocument();
  if (c.kind === 'status') doc.topics[c.topicId] = { status: c.status, updatedAt: c.at };
  else {
    doc.choices.language = c.option;
    doc.choicesUpdatedAt.language = c.at;
  }
  return doc;
}

/** Two devices' change lists, and an interleaving of them (which device sends next). */
const scenario = fc
  .tuple(fc.array(change, { minLength: 1, maxLength: 6 }), fc.array(change, { minLength: 1, maxLength: 6 }))
  .chain(([a, b]) =>
    fc
      .shuffledSubarray([...a.map((c) => ({ device: 'a', c })), ...b.map((c) => ({ device: 'b', c }))], {
        minLength: a.length + b.length,
      })
      .chain((order) =>
        // Some changes arrive twice (a retry after a lost answer).
        fc.subarray(order).map((again) => ({ a, b, sent: [...order, ...again] })),
      ),
  );

describe.each(DATABASE_KINDS)('two devices’ changes through the API on %s', (kind) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ kind });
  });
  afterAll(() => app.close());

  it('end in the state the pure merge rule gives, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ a, b, sent }) => {
        const learner = await seedLearner(app.database);
        const { cookie } = await signInAs(app, learner.email);
        for (const { c } of sent) {
          const res = await app.inject({
            method: 'POST',
            url: '/api/v1/me/progress/backend/merge',
            headers: { cookie },
            payload: documentOf(c),
          });
          expect(res.statusCode).toBe(200);
        }
        const expected = [...a, ...b].map(documentOf).reduce((x, y) => mergeDocuments(x, y, new Date()));
        const stored = (
          await app.inject({ method: 'GET', url: '/api/v1/me/progress/backend', headers: { cookie } })
        ).json();
        const statuses = (doc: ProgressDocument) =>
          Object.fromEntries(Object.entries(doc.topics).map(([id, t]) => [id, [t.status, t.updatedAt]]));
        expect(statuses(stored)).toEqual(statuses(expected));
        expect(stored.choices).toEqual(expected.choices);
        expect(stored.choicesUpdatedAt).toEqual(expected.choicesUpdatedAt);
        // And what the database holds, not only what this instance's cache shows.
        const rows = await loadStatuses(app.db, learner.id);
        expect(
          Object.fromEntries(rows.map((r) => [r.topicId, [r.status, r.updatedAt.toISOString()]])),
        ).toEqual(statuses(expected));
        const choiceRows = await loadChoices(app.db, learner.id);
        expect(Object.fromEntries(choiceRows.map((r) => [r.group, r.option]))).toEqual(expected.choices);
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
