// A topic ends with its "Check yourself" questions (answers open on request) and links related
// topics with "See also", on the page, in the drawer (the same article) and in the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loadCatalog } from '../../../test/helpers/app.ts';
import type { App } from '../../app.ts';

const QUESTIONS = [
  {
    question: 'Why does an index speed up a lookup but slow down a write?',
    answer: 'Every write updates it too.',
  },
  {
    question: 'What does EXPLAIN ANALYZE show that EXPLAIN does not?',
    answer: 'Real times & row counts <measured>.',
  },
  {
    question: 'When is a transaction needed?',
    answer: 'When several changes must happen all or not at all.',
  },
];

let app: App;
beforeAll(async () => {
  const catalog = await loadCatalog();
  const sql = catalog.bySlug.get('backend')?.topicById.get('sql');
  if (!sql) throw new Error('backend has no sql topic');
  sql.check = QUESTIONS;
  // Shipped topics all have questions now; content of one's own may still have a topic without.
  const nosql = catalog.bySlug.get('backend')?.topicById.get('nosql');
  if (nosql) nosql.check = [];
  app = await buildTestApp({ catalog });
});
afterAll(() => app.close());

describe('Check yourself and See also', () => {
  it('ends the topic with its questions, each answer in a <details> that opens on request, escaped', async () => {
    const html = (await app.inject({ method: 'GET', url: '/roadmaps/backend/sql' })).body;
    expect(html).toContain('<h2 id="check-sql">Check yourself</h2>');
    expect(html).toContain(
      '<details><summary>What does EXPLAIN ANALYZE show that EXPLAIN does not?</summary><p class="check__answer">Real times &amp; row counts &lt;measured>.</p></details>',
    );
    expect(html.indexOf('Check yourself')).toBeGreaterThan(html.indexOf('Free resources'));
  });

  it('shows no empty section on a topic without questions', async () => {
    const html = (await app.inject({ method: 'GET', url: '/roadmaps/backend/nosql' })).body;
    expect(html).not.toContain('Check yourself');
  });

  it('links a related topic of another roadmap with "See also", not as the same skill', async () => {
    const html = (await app.inject({ method: 'GET', url: '/roadmaps/frontend/data-fetching' })).body;
    expect(html).toMatch(
      /See also: <span><a href="\/roadmaps\/backend\/rest-apis">REST APIs &amp; Web Services<\/a> \(Backend Developer Roadmap 2026\)/,
    );
    // Full Stack shares the very skill; the backend topic is only related.
    expect(html).not.toMatch(/The same skill appears in[^.]*href="\/roadmaps\/backend\//);
  });

  it('gives both in the API topic shape, documented in OpenAPI', async () => {
    const topic = (await app.inject({ method: 'GET', url: '/api/v1/roadmaps/backend/topics/sql' })).json();
    expect(topic.check).toEqual(QUESTIONS);
    const fetching = (
      await app.inject({ method: 'GET', url: '/api/v1/roadmaps/frontend/topics/data-fetching' })
    ).json();
    expect(fetching.seeAlso).toEqual([
      { roadmap: 'backend', topicId: 'rest-apis', title: 'REST APIs & Web Services' },
    ]);
    expect(fetching.check.length).toBeGreaterThanOrEqual(3);
    const nosql = (await app.inject({ method: 'GET', url: '/api/v1/roadmaps/backend/topics/nosql' })).json();
    expect(nosql.check).toEqual([]);
    const openapi = JSON.stringify((await app.inject({ method: 'GET', url: '/api/docs/json' })).json());
    expect(openapi).toContain('"Check yourself\\" questions with short answers');
    expect(openapi).toContain('Related topics (not the same skill)');
  });
});
