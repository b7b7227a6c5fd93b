// The progress rules, exhaustively: path, figures, merge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isFoldedAway,
  learnerPath,
  mergeDocuments,
  type PathRoadmap,
  type ProgressDocument,
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
  })
  .map(({ topics, choices }) => ({
    topics,
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
