// The progress rules, exhaustively: path, figures, merge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  effectiveTick,
  isFoldedAway,
  learnerPath,
  mergeDocuments,
  type PathRoadmap,
  type ProgressDocument,
  readCount,
  readProgressDocument,
  resetDocument,
  summarize,
  TOPIC_STATUSES,
} from './rules.ts';

// A small roadmap shaped like the backend one: two languages, their frameworks, an optional topic.
const roadmap: PathRoadmap = {
  slug: 'mini',
  sections: [{ id: 'languages' }, { id: 'core' }, { id: 'frameworks' }, { id: 'advanced' }],
  groups: [{ id: 'language', options: ['js', 'py'] }],
  topics: [
    { id: 'js', type: 'pick-one', sectionId: 'languages', group: 'language', option: 'js', when: null },
    { id: 'py', type: 'pick-one', sectionId: 'languages', group: 'language', option: 'py', when: null },
    { id: 'http', type: 'required', sectionId: 'core', group: null, option: null, when: null },
    { id: 'sql', type: 'required', sectionId: 'core', group: null, option: null, when: null },
    {
      id: 'express',
      type: 'required',
      sectionId: 'frameworks',
      group: null,
      option: null,
      when: { language: 'js' },
    },
    {
      id: 'fastify',
      type: 'optional',
      sectionId: 'frameworks',
      group: null,
      option: null,
      when: { language: 'js' },
    },
    {
      id: 'django',
      type: 'required',
      sectionId: 'frameworks',
      group: null,
      option: null,
      when: { language: 'py' },
    },
    { id: 'graphql', type: 'optional', sectionId: 'advanced', group: null, option: null, when: null },
  ],
};

describe('the learner’s path', () => {
  it('holds one open slot per pick-one group and leaves out topics that need a choice, before any choice', () => {
    const path = learnerPath(roadmap, {});
    expect(path).toEqual([
      { kind: 'choice', group: 'language', sectionId: 'languages', topicId: null },
      { kind: 'topic', topicId: 'http', sectionId: 'core' },
      { kind: 'topic', topicId: 'sql', sectionId: 'core' },
    ]);
  });

  it('fills the slot with the chosen option and adds the topics that match the choice', () => {
    const ids = learnerPath(roadmap, { language: 'py' }).map((slot) => slot.topicId);
    expect(ids).toEqual(['py', 'http', 'sql', 'django']);
  });

  it('folds away only topics whose choice was made differently', () => {
    const express = roadmap.topics[4] as PathRoadmap['topics'][number];
    expect(isFoldedAway(express, {})).toBe(false);
    expect(isFoldedAway(express, { language: 'js' })).toBe(false);
    expect(isFoldedAway(express, { language: 'py' })).toBe(true);
  });
});

describe('progress figures', () => {
  it('counts done and skipped on the path, optional topics apart, per section', () => {
    const summary = summarize(
      roadmap,
      { py: 'done', http: 'skipped', sql: 'learning', express: 'done', graphql: 'done', fastify: 'done' },
      { language: 'py' },
    );
    expect(summary).toEqual({
      done: 1,
      skipped: 1,
      path: 4,
      percent: 50,
      optionalDone: 1,
      optionalTotal: 1,
      sections: [
        { id: 'languages', done: 1, skipped: 0, path: 1, percent: 100 },
        { id: 'core', done: 0, skipped: 1, path: 2, percent: 50 },
        { id: 'frameworks', done: 0, skipped: 0, path: 1, percent: 0 },
        { id: 'advanced', done: 0, skipped: 0, path: 0, percent: 0 },
      ],
    });
  });

  it('keeps statuses when the learner changes language, and the count follows the new path', () => {
    const statuses = { js: 'done', express: 'done', http: 'done' } as const;
    expect(summarize(roadmap, statuses, { language: 'js' })).toMatchObject({ done: 3, path: 4, percent: 75 });
    expect(summarize(roadmap, statuses, { language: 'py' })).toMatchObject({ done: 1, path: 4, percent: 25 });
    expect(summarize(roadmap, statuses, { language: 'js' })).toMatchObject({ done: 3, path: 4 });
  });

  it('counts an open choice as not done even when an option was marked done', () => {
    expect(summarize(roadmap, { js: 'done' }, {})).toMatchObject({ done: 0, path: 3, percent: 0 });
  });
});

const iso = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const topicIds = fc.constantFrom('js', 'py', 'http', 'sql', 'express', 'django', 'graphql');
const documentArb: fc.Arbitrary<ProgressDocument> = fc
  .record({
    topics: fc.dictionary(
      topicIds,
      fc.record({ status: fc.constantFrom(...TOPIC_STATUSES), updatedAt: iso }),
    ),
    choices: fc.dictionary(
      fc.constantFrom('language', 'editor'),
      fc.record({ option: fc.option(fc.constantFrom('js', 'py')), at: iso }),
    ),
    // Few times, so that ticks of the same resource often tie.
    resources: fc.dictionary(
      fc.constantFrom('http', 'sql'),
      fc.dictionary(
        fc.constantFrom('aaaaaaaaaaaa', 'bbbbbbbbbbbb'),
        fc.record({
          read: fc.boolean(),
          updatedAt: fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'),
        }),
      ),
    ),
  })
  .map(({ topics, choices, resources }) => ({
    topics,
    resources,
    choices: Object.fromEntries(Object.entries(choices).map(([g, c]) => [g, c.option])),
    choicesUpdatedAt: Object.fromEntries(Object.entries(choices).map(([g, c]) => [g, c.at])),
  }));
const now = new Date(Date.UTC(2026, 5, 1));

describe('merging two progress histories', () => {
  it('gives the same result in either order', () => {
    fc.assert(
      fc.property(documentArb, documentArb, (a, b) => {
        expect(mergeDocuments(a, b, now)).toEqual(mergeDocuments(b, a, now));
      }),
      { numRuns: 500 },
    );
  });

  it('drops no topic and no choice of either side', () => {
    fc.assert(
      fc.property(documentArb, documentArb, (a, b) => {
        const merged = mergeDocuments(a, b, now);
        expect(Object.keys(merged.topics).sort()).toEqual(
          [...new Set([...Object.keys(a.topics), ...Object.keys(b.topics)])].sort(),
        );
        const groups = new Set([...Object.keys(a.choicesUpdatedAt), ...Object.keys(b.choicesUpdatedAt)]);
        expect(Object.keys(merged.choicesUpdatedAt).sort()).toEqual([...groups].sort());
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the newest change of each topic, with times from the future clamped to now', () => {
    fc.assert(
      fc.property(documentArb, documentArb, (a, b) => {
        const merged = mergeDocuments(a, b, now);
        for (const [id, result] of Object.entries(merged.topics)) {
          const times = [a.topics[id], b.topics[id]].flatMap((t) =>
            t ? [Math.min(Date.parse(t.updatedAt), now.getTime())] : [],
          );
          expect(Date.parse(result.updatedAt)).toBe(Math.max(...times));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: merging a result again changes nothing', () => {
    fc.assert(
      fc.property(documentArb, documentArb, (a, b) => {
        const merged = mergeDocuments(a, b, now);
        expect(mergeDocuments(merged, b, now)).toEqual(merged);
      }),
    );
  });

  it('lets a stored reset (pending, newer) win over an older status from the browser', () => {
    const server: ProgressDocument = {
      choices: {},
      choicesUpdatedAt: {},
      topics: { sql: { status: 'pending', updatedAt: '2026-05-02T00:00:00.000Z' } },
    };
    const browser: ProgressDocument = {
      choices: {},
      choicesUpdatedAt: {},
      topics: { sql: { status: 'done', updatedAt: '2026-05-01T00:00:00.000Z' } },
    };
    expect(mergeDocuments(server, browser, now).topics.sql?.status).toBe('pending');
  });
});

describe('resource ticks', () => {
  const withResources: PathRoadmap = {
    ...roadmap,
    topics: roadmap.topics.map((t) =>
      t.id === 'sql' ? { ...t, resources: ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc'] } : t,
    ),
  };

  it('merges per resource: the newest tick wins, on a tie "read", and no tick of either side is dropped', () => {
    fc.assert(
      fc.property(documentArb, documentArb, (a, b) => {
        const merged = mergeDocuments(a, b, now);
        for (const topicId of new Set([
          ...Object.keys(a.resources ?? {}),
          ...Object.keys(b.resources ?? {}),
        ])) {
          const ids = new Set([
            ...Object.keys(a.resources?.[topicId] ?? {}),
            ...Object.keys(b.resources?.[topicId] ?? {}),
          ]);
          expect(Object.keys(merged.resources?.[topicId] ?? {}).sort()).toEqual([...ids].sort());
          for (const id of ids) {
            const sides = [a.resources?.[topicId]?.[id], b.resources?.[topicId]?.[id]].filter(
              (t) => t !== undefined,
            );
            const newest = Math.max(...sides.map((t) => Date.parse(t.updatedAt)));
            const result = merged.resources?.[topicId]?.[id];
            expect(Date.parse(result?.updatedAt ?? '')).toBe(newest);
            const atNewest = sides.filter((t) => Date.parse(t.updatedAt) === newest);
            expect(result?.read).toBe(atNewest.some((t) => t.read));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('counts "n of m read" over the resources the topic lists', () => {
    const sql = withResources.topics.find((t) => t.id === 'sql') ?? { resources: [] };
    expect(readCount(sql, undefined)).toEqual({ read: 0, total: 3 });
    expect(
      readCount(sql, {
        aaaaaaaaaaaa: { read: true },
        bbbbbbbbbbbb: { read: false },
        ffffffffffff: { read: true },
      }),
    ).toEqual({ read: 1, total: 3 });
  });

  it('shows a tick from the same skill elsewhere, but not an untick from there', () => {
    const own = { read: false, updatedAt: '2026-01-01T00:00:00.000Z' };
    const elsewhere = { read: true, updatedAt: '2026-01-02T00:00:00.000Z' };
    expect(effectiveTick([own], [{ record: elsewhere, from: 'devops' }])).toEqual({
      record: elsewhere,
      sharedFrom: 'devops',
    });
    const untick = { read: false, updatedAt: '2026-01-03T00:00:00.000Z' };
    expect(effectiveTick([elsewhere], [{ record: untick, from: 'devops' }])).toEqual({
      record: elsewhere,
      sharedFrom: null,
    });
  });

  it('reads ticks of a document: unknown resources and topics named, former ids moved to the current id', () => {
    const renamed: PathRoadmap = {
      ...withResources,
      topics: withResources.topics.map((t) => (t.id === 'sql' ? { ...t, formerIds: ['databases'] } : t)),
    };
    const at = '2026-01-01T00:00:00.000Z';
    const { doc, problems } = readProgressDocument(renamed, {
      topics: {},
      resources: {
        databases: { aaaaaaaaaaaa: { read: true, updatedAt: at } },
        sql: { dddddddddddd: { read: true, updatedAt: at }, bbbbbbbbbbbb: { read: 1, updatedAt: at } },
        nowhere: {},
      },
    });
    expect(doc.resources).toEqual({ sql: { aaaaaaaaaaaa: { read: true, updatedAt: at } } });
    expect(problems).toEqual([
      'resource "dddddddddddd" is not a resource of topic "sql"',
      'resource "bbbbbbbbbbbb" of topic "sql" needs read: true or false',
      'topic "nowhere" of resources is not in this roadmap',
    ]);
    expect(readProgressDocument(renamed, { topics: {}, resources: [] }).problems).toEqual([
      'resources must be an object of topic id → resource id → { read, updatedAt }',
    ]);
    // A document from before ticks existed is read as it was.
    expect(readProgressDocument(renamed, { topics: {} })).toEqual({
      doc: { choices: {}, choicesUpdatedAt: {}, topics: {}, resources: {} },
      problems: [],
    });
  });

  it('a reset stores every resource unread at its time, so an older tick merged later cannot come back', () => {
    const reset = resetDocument(withResources, '2026-05-02T00:00:00.000Z');
    expect(Object.keys(reset.resources?.sql ?? {})).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc']);
    const browser: ProgressDocument = {
      choices: {},
      choicesUpdatedAt: {},
      topics: {},
      resources: { sql: { aaaaaaaaaaaa: { read: true, updatedAt: '2026-05-01T00:00:00.000Z' } } },
    };
    expect(mergeDocuments(reset, browser, now).resources?.sql?.aaaaaaaaaaaa?.read).toBe(false);
  });
});
