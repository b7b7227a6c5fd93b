// Issue 18 renamed four shipped topics (frontend testing, frontend graphql, devops python, devops
// monitoring): what learners recorded under the old ids must still show under the new ones.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, seedLearner } from '../../../test/helpers/db.ts';
import { type SignedIn, signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';

const RENAMED = [
  { roadmap: 'frontend', before: 'testing', now: 'frontend-testing' },
  { roadmap: 'frontend', before: 'graphql', now: 'graphql-clients' },
  { roadmap: 'devops', before: 'python', now: 'python-automation' },
  { roadmap: 'devops', before: 'monitoring', now: 'monitoring-alerting' },
];

describe.each(DATABASE_KINDS)('progress under former topic ids on %s', (kind) => {
  let app: App;
  let learner: SignedIn;
  let learnerId: string;
  beforeAll(async () => {
    app = await buildTestApp({ kind });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    const seeded = await seedLearner(app.database);
    learnerId = seeded.id;
    learner = await signInAs(app, seeded.email);
  });

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: learner.cookie }, ...(payload ? { payload } : {}) });
  const topicsOf = async (slug: string) => (await call('GET', `/api/v1/me/progress/${slug}`)).json().topics;

  it('shows rows stored under the old ids (as a restored backup has them) under the new ids', async () => {
    await app.db
      .insertInto('progress')
      .values(
        RENAMED.map((r) => ({
          learner_id: learnerId,
          roadmap: r.roadmap,
          topic_id: r.before,
          status: 'done' as const,
          updated_at: new Date('2026-06-01T10:00:00Z'),
        })),
      )
      .execute();
    for (const r of RENAMED) {
      const topics = await topicsOf(r.roadmap);
      expect(topics[r.now]?.status, `${r.roadmap}/${r.before}`).toBe('done');
      expect(topics[r.before]).toBeUndefined();
    }
  });

  it('imports and merges a progress file written with the old ids under the new ids', async () => {
    const file = (status: string, at: string) => ({
      choices: {},
      choicesUpdatedAt: {},
      topics: { testing: { status, updatedAt: at }, graphql: { status, updatedAt: at } },
    });
    expect(
      (await call('PUT', '/api/v1/me/progress/frontend', file('learning', '2026-06-01T10:00:00Z')))
        .statusCode,
    ).toBe(200);
    let topics = await topicsOf('frontend');
    expect([topics['frontend-testing']?.status, topics['graphql-clients']?.status]).toEqual([
      'learning',
      'learning',
    ]);
    const merged = await call(
      'POST',
      '/api/v1/me/progress/frontend/merge',
      file('done', '2026-06-02T10:00:00Z'),
    );
    expect(merged.statusCode).toBe(200);
    topics = await topicsOf('frontend');
    expect([topics['frontend-testing']?.status, topics['graphql-clients']?.status]).toEqual(['done', 'done']);
  });

  it('opens the old address on the new one and keeps a note written under the old id', async () => {
    const page = await app.inject({ method: 'GET', url: '/roadmaps/devops/python' });
    expect([page.statusCode, page.headers.location]).toEqual([301, '/roadmaps/devops/python-automation']);
    await app.db
      .insertInto('notes')
      .values({
        learner_id: learnerId,
        roadmap: 'devops',
        topic_id: 'monitoring',
        markdown: 'Alert on symptoms',
        updated_at: new Date(),
      })
      .execute();
    const note = (await call('GET', '/api/v1/me/notes/devops/monitoring-alerting')).json();
    expect(note.markdown).toBe('Alert on symptoms');
    const saved = await call('PUT', '/api/v1/me/notes/devops/monitoring-alerting', {
      markdown: 'Alert on symptoms, not causes',
      baseUpdatedAt: note.updatedAt,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await call('GET', '/api/v1/me/notes/devops/monitoring')).json().markdown).toBe(
      'Alert on symptoms, not causes',
    );
  });
});
