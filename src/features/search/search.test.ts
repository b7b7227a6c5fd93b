// GET /api/v1/search on the shipped content, on every test database: typos, prefixes, stems,
// ranking, the 400s, escaping, and notes found only by their owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { DATABASE_KINDS, seedLearner } from '../../../test/helpers/db.ts';
import { type SignedIn, signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';
import type { SearchReply } from './schema.ts';

describe.each(DATABASE_KINDS)('search on %s', (kind) => {
  let app: App;
  let ada: SignedIn;
  let bob: SignedIn;
  beforeAll(async () => {
    app = await buildTestApp({ kind });
    ada = await signInAs(app, (await seedLearner(app.database)).email);
    bob = await signInAs(app, (await seedLearner(app.database)).email);
  });
  afterAll(() => app.close());

  const get = (query: string, as?: SignedIn) =>
    app.inject({ method: 'GET', url: `/api/v1/search?${query}`, headers: as ? { cookie: as.cookie } : {} });
  const find = async (q: string, extra = '', as?: SignedIn): Promise<SearchReply> => {
    const res = await get(`q=${encodeURIComponent(q)}${extra}`, as);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const titles = (reply: SearchReply) => reply.results.map((r) => r.title);

  it('answers the documented shape: a topic with its roadmap, address, snippet and score', async () => {
    const reply = await find('docker', '&roadmap=backend&kind=topic');
    expect(reply.query).toBe('docker');
    expect(reply.total).toBeGreaterThan(0);
    expect(reply.results[0]).toEqual({
      kind: 'topic',
      roadmap: 'backend',
      roadmapTitle: 'Backend Developer Roadmap 2026',
      topicId: 'docker',
      title: expect.stringContaining('Docker'),
      snippetHtml: expect.any(String),
      url: '/roadmaps/backend/docker',
      score: expect.any(Number),
      topicType: expect.any(String),
      status: null,
    });
  });

  it.each([
    ['kubernets', /Kubernetes/],
    ['postgress', /PostgreSQL/],
  ])('forgives one typo: "%s" finds %s first, highlighted', async (q, title) => {
    const reply = await find(q);
    expect(reply.results[0]?.title).toMatch(title);
    expect(reply.results[0]?.snippetHtml).toMatch(new RegExp(`<mark>${title.source}`, 'i'));
  });

  it('finds a half-typed word: "dock" finds Docker first', async () => {
    const reply = await find('dock');
    expect(reply.results[0]?.title).toMatch(/Docker/);
  });

  it('matches English word forms: "caching" finds the topics about a cache', async () => {
    const reply = await find('caching', '&kind=topic');
    expect(titles(reply).some((t) => /Caching|Cache/i.test(t))).toBe(true);
    // The stem matched words the query did not spell, and they are highlighted.
    const snippets = reply.results.map((r) => r.snippetHtml).join(' ');
    expect(snippets).toMatch(/<mark>cache<\/mark>/i);
  });

  it('ranks a match in the title above one in the body', async () => {
    const reply = await find('kubernetes', '&kind=topic');
    const first = reply.results[0];
    expect(first?.title).toMatch(/Kubernetes/);
    const bodyOnly = reply.results.find((r) => !/Kubernetes/i.test(r.title));
    expect(bodyOnly).toBeDefined();
    expect(first?.score).toBeGreaterThan(bodyOnly?.score ?? Number.POSITIVE_INFINITY);
  });

  it('finds roadmaps and resources by their own kind, a resource by its own address', async () => {
    const roadmaps = await find('devops', '&kind=roadmap');
    expect(roadmaps.results[0]).toMatchObject({
      kind: 'roadmap',
      roadmap: 'devops',
      topicId: null,
      url: '/roadmaps/devops',
    });
    const resources = await find('docker docs', '&kind=resource');
    expect(resources.results.length).toBeGreaterThan(0);
    for (const r of resources.results) expect(r.url).toMatch(/^https?:\/\//);
  });

  it('narrows to one roadmap and pages through with limit and offset', async () => {
    const all = await find('api', '&roadmap=backend&limit=50');
    expect(all.results.every((r) => r.roadmap === 'backend')).toBe(true);
    expect(all.total).toBeGreaterThan(5);
    const first = await find('api', '&roadmap=backend&limit=3');
    const second = await find('api', '&roadmap=backend&limit=3&offset=3');
    expect(first.results).toHaveLength(3);
    expect(first.total).toBe(all.total);
    expect([...first.results, ...second.results].map((r) => r.url)).toEqual(
      all.results.slice(0, 6).map((r) => r.url),
    );
  });

  it.each([
    ['an empty q', 'q=', /q must not be empty/],
    ['a q of spaces', 'q=%20%20%20', /q must not be empty/],
    ['no q', 'kind=topic', /q/],
    ['a q of 201 characters', `q=${'a'.repeat(201)}`, /200 characters/],
    ['a limit of 0', 'q=docker&limit=0', /limit must be a whole number from 1 to 50/],
    ['a limit of 51', 'q=docker&limit=51', /limit must be a whole number from 1 to 50/],
    ['a limit that is not a number', 'q=docker&limit=ten', /limit must be a whole number/],
    ['a negative offset', 'q=docker&offset=-1', /offset must be a whole number/],
    [
      'an unknown kind',
      'q=docker&kind=video',
      /kind in the query string must be one of: roadmap, topic, resource, note/,
    ],
    ['an unknown field', 'q=docker&sort=asc', /sort/],
    ['q sent twice', 'q=a&q=b', /q in the query string must be text/],
  ])('answers 400 with a sentence for %s', async (_, query, message) => {
    const res = await get(query);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid', message: expect.stringMatching(message) });
  });

  it('answers 404 for a roadmap that does not exist', async () => {
    const res = await get('q=docker&roadmap=cooking');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('There is no roadmap "cooking"');
  });

  it('escapes what it reflects: the query, and every snippet holds no markup but <mark>', async () => {
    const q = '<img src=x onerror=alert(1)> docker "quoted" & more';
    const reply = await find(q);
    expect(reply.query).toBe(q); // JSON carries the text; the snippets are the HTML
    for (const r of reply.results) expect(r.snippetHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it("finds a learner's own notes by their words, for them only", async () => {
    const save = (as: SignedIn, topic: string, markdown: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/me/notes/backend/${topic}`,
        payload: { markdown },
        headers: { cookie: as.cookie },
      });
    expect(
      (await save(ada, 'docker', 'Volumes survive <b>containers</b>; zebrafish mnemonic')).statusCode,
    ).toBe(200);
    expect((await save(bob, 'sql', 'Bob remembers zebrafish joins differently')).statusCode).toBe(200);

    const mine = await find('zebrafish', '', ada);
    const notes = mine.results.filter((r) => r.kind === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      roadmap: 'backend',
      topicId: 'docker',
      url: '/roadmaps/backend/docker#note-docker',
      status: 'pending',
    });
    expect(notes[0]?.snippetHtml).toContain('<mark>zebrafish</mark>');
    expect(notes[0]?.snippetHtml).toContain('&lt;b&gt;containers&lt;/b&gt;');
    // Prefixes and word forms work in notes too.
    expect((await find('zebra survived', '&kind=note', ada)).total).toBe(1);

    const bobs = await find('zebrafish', '&kind=note', bob);
    expect(bobs.results.map((r) => r.topicId)).toEqual(['sql']);
    const strangers = await find('zebrafish');
    expect(strangers.results.filter((r) => r.kind === 'note')).toEqual([]);
  });

  it('shows the signed-in learner’s status on topic results', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/progress/backend/topics/docker',
      headers: { cookie: ada.cookie },
      payload: { status: 'learning' },
    });
    expect(res.statusCode).toBe(200);
    const reply = await find('docker', '&roadmap=backend&kind=topic', ada);
    expect(reply.results.find((r) => r.topicId === 'docker')?.status).toBe('learning');
  });
});
