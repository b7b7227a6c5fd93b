// The authoring API on every test database: create, autosave with If-Match, publish through the
// content rules, history, visibility, fork and delete, and a published custom roadmap working on
// the same pages and APIs as an official one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { validDocument, validTopic } from '../../../test/helpers/custom-roadmaps.ts';
import { DATABASE_KINDS, seedLearner } from '../../../test/helpers/db.ts';
import { type SignedIn, signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';
import { WRITES_PER_MINUTE } from './api.ts';

describe.each(DATABASE_KINDS)('custom roadmaps on %s', (kind) => {
  let app: App;
  let ada: SignedIn;
  let bob: SignedIn;
  let n = 0;
  beforeAll(async () => {
    app = await buildTestApp({ kind });
    ada = await signInAs(app, (await seedLearner(app.database)).email);
    bob = await signInAs(app, (await seedLearner(app.database)).email);
  });
  afterAll(() => app.close());

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    as?: SignedIn,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { ...(as ? { cookie: as.cookie } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const create = async (document = validDocument(), as = ada) => {
    const slug = `garden-${kind}-${++n}`;
    const res = await call('POST', '/api/v1/roadmaps', as, { slug, ...document });
    expect(res.statusCode, res.body).toBe(201);
    return slug;
  };
  const draftOf = async (slug: string, as = ada) => {
    const res = await call('GET', `/api/v1/roadmaps/${slug}/draft`, as);
    expect(res.statusCode, res.body).toBe(200);
    return { etag: res.headers.etag as string, ...res.json() };
  };
  const published = async (visibility?: string) => {
    const slug = await create();
    expect((await call('POST', `/api/v1/roadmaps/${slug}/publish`, ada)).statusCode).toBe(200);
    if (visibility)
      expect((await call('PUT', `/api/v1/roadmaps/${slug}/visibility`, ada, { visibility })).statusCode).toBe(
        200,
      );
    return slug;
  };

  it('creates a private draft at revision 1, with ids made from the titles', async () => {
    const slug = `garden-${kind}-first`;
    const res = await call('POST', '/api/v1/roadmaps', ada, { slug, ...validDocument() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ slug, revision: 1 });
    const draft = await draftOf(slug);
    expect(draft.etag).toBe('"1"');
    expect(draft.visibility).toBe('private');
    expect(draft.published).toBeNull();
    expect(draft.document.sections.map((s: { id: string }) => s.id)).toEqual(['getting-started', 'growing']);
    expect(draft.document.sections[0].topics.map((t: { id: string }) => t.id)).toEqual([
      'soil-basics',
      'watering-plans',
    ]);
  });

  it('refuses a slug an official roadmap or another custom one has', async () => {
    const official = await call('POST', '/api/v1/roadmaps', ada, { slug: 'backend', ...validDocument() });
    expect(official.statusCode).toBe(409);
    expect(official.json().message).toMatch(/"backend" is taken/);
    const slug = await create();
    const again = await call('POST', '/api/v1/roadmaps', bob, { slug, ...validDocument() });
    expect(again.statusCode).toBe(409);
  });

  it('saves a draft only with the revision it edits: 428 without If-Match, 412 when stale', async () => {
    const slug = await create();
    const { document, etag } = await draftOf(slug);
    const url = `/api/v1/roadmaps/${slug}/draft`;
    const missing = await call('PUT', url, ada, document);
    expect(missing.statusCode).toBe(428);
    expect(missing.json().message).toMatch(/If-Match/);
    const first = await call('PUT', url, ada, document, { 'if-match': etag });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().revision).toBe(2);
    expect(first.headers.etag).toBe('"2"');
    // A second tab still editing revision 1 does not overwrite revision 2.
    const stale = await call('PUT', url, ada, { ...document, title: 'Other tab' }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toEqual({
      error: 'precondition_failed',
      message: expect.stringMatching(/revision 1/),
    });
    expect((await draftOf(slug)).document.title).toBe(document.title);
  });

  it('keeps a topic id when the topic is renamed, and makes one for a new topic', async () => {
    const slug = await create();
    const { document, etag } = await draftOf(slug);
    document.sections[0].topics[0].title = 'Soil, Compost and Worms';
    document.sections[1].topics.push(validTopic('Harvest Days'));
    const res = await call('PUT', `/api/v1/roadmaps/${slug}/draft`, ada, document, { 'if-match': etag });
    expect(res.statusCode, res.body).toBe(200);
    const ids = (await draftOf(slug)).document.sections.flatMap((s: { topics: { id: string }[] }) =>
      s.topics.map((t) => t.id),
    );
    expect(ids).toEqual(['soil-basics', 'watering-plans', 'pruning-tools', 'harvest-days']);
  });

  it('publishes only what the content checker accepts, with problems pointing into the document', async () => {
    const document = validDocument();
    const [first, second] = document.sections;
    if (!first || !second) throw new Error('two sections expected');
    (second.topics[0] as { resources: unknown[] }).resources = [];
    (first.topics[1] as { body: string }).body = 'Too short.';
    (first.topics[0] as { resources: { url: string }[] }).resources[1] = {
      ...validTopic('x').resources[1],
      url: 'javascript:alert(1)',
    };
    const slug = await create(document);
    const res = await call('POST', `/api/v1/roadmaps/${slug}/publish`, ada);
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.error).toBe('invalid');
    expect(body.message).toMatch(/3 problems to fix/);
    expect(body.problems).toEqual(
      expect.arrayContaining([
        { path: 'sections/1/topics/0/resources', message: 'at least 3 resources are needed (found 0)' },
        { path: 'sections/0/topics/1/body', message: expect.stringMatching(/^topic body has 2 words/) },
        {
          path: 'sections/0/topics/0/resources/1/url',
          message: expect.stringMatching(/must use http or https/),
        },
      ]),
    );
    // Nothing was published: the roadmap is still nobody's to see.
    expect((await call('GET', `/roadmaps/${slug}`, ada)).statusCode).toBe(404);
  });

  it('serves a published roadmap on the pages and APIs official ones use, to its author', async () => {
    const slug = await published();
    const api = await call('GET', `/api/v1/roadmaps/${slug}`, ada);
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json().sections[0].topics[0]).toMatchObject({
      id: 'soil-basics',
      number: 1,
      title: 'Soil Basics',
    });
    const page = await call('GET', `/roadmaps/${slug}`, ada);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gardening for Coders');
    const topic = await call('GET', `/roadmaps/${slug}/watering-plans`, ada);
    expect(topic.statusCode).toBe(200);
    expect(topic.body).toContain('Watering Plans documentation');
    expect((await call('GET', `/roadmaps/${slug}/map`, ada)).statusCode).toBe(200);
    const marked = await call('PUT', `/api/v1/me/progress/${slug}/topics/soil-basics`, ada, {
      status: 'done',
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json().summary.done).toBe(1);
  });

  it('answers a private roadmap to anyone but its author exactly like a missing one', async () => {
    const slug = await published();
    for (const [path, missingPath] of [
      [`/roadmaps/${slug}`, '/roadmaps/no-such-roadmap'],
      [`/api/v1/roadmaps/${slug}`, '/api/v1/roadmaps/no-such-roadmap'],
      [`/roadmaps/${slug}/map`, '/roadmaps/no-such-roadmap/map'],
      [`/api/v1/roadmaps/${slug}/topics/soil-basics`, '/api/v1/roadmaps/no-such-roadmap/topics/soil-basics'],
    ] as const) {
      for (const as of [undefined, bob]) {
        const res = await call('GET', path, as);
        const missing = await call('GET', missingPath, as);
        expect(res.statusCode, path).toBe(404);
        expect(res.body.replaceAll(slug, 'no-such-roadmap')).toBe(missing.body);
      }
    }
    expect((await call('GET', `/api/v1/me/progress/${slug}`, bob)).statusCode).toBe(404);
    const search = await call('GET', '/api/v1/search?q=watering', bob);
    expect(search.json().results.map((r: { roadmap: string }) => r.roadmap)).not.toContain(slug);
    const draft = await call('GET', `/api/v1/roadmaps/${slug}/draft`, bob);
    expect(draft.statusCode).toBe(404);
  });

  it('lists a public roadmap and its search results; an unlisted one is reached by its link only', async () => {
    const listed = await published('public');
    const unlisted = await published('unlisted');
    const all = (await call('GET', '/api/v1/roadmaps')).json().map((r: { slug: string }) => r.slug);
    expect(all).toContain(listed);
    expect(all).toContain('backend');
    expect(all).not.toContain(unlisted);
    expect((await call('GET', `/roadmaps/${unlisted}`)).statusCode).toBe(200);
    expect((await call('GET', `/roadmaps/${listed}`)).statusCode).toBe(200);
    const search = await call('GET', '/api/v1/search?q=watering');
    const roadmaps = search.json().results.map((r: { roadmap: string }) => r.roadmap);
    expect(roadmaps).toContain(listed);
    expect(roadmaps).not.toContain(unlisted);
    // Someone else may see it but not change it.
    const draft = await call('GET', `/api/v1/roadmaps/${listed}/draft`, bob);
    expect(draft.statusCode).toBe(403);
    expect(draft.json().message).toMatch(/Only the author/);
  });

  it('refuses team visibility with a sentence saying it comes with teams', async () => {
    const slug = await create();
    const res = await call('PUT', `/api/v1/roadmaps/${slug}/visibility`, ada, {
      visibility: 'team',
      teams: [],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/comes with teams/);
  });

  it('lists every revision with its author and restores an old one as a new revision', async () => {
    const slug = await create();
    const { document, etag } = await draftOf(slug);
    await call(
      'PUT',
      `/api/v1/roadmaps/${slug}/draft`,
      ada,
      { ...document, title: 'Renamed' },
      { 'if-match': etag },
    );
    const list = await call('GET', `/api/v1/roadmaps/${slug}/revisions`, ada);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      { revision: 2, kind: 'draft', author: ada.email, createdAt: expect.any(String) },
      { revision: 1, kind: 'draft', author: ada.email, createdAt: expect.any(String) },
    ]);
    const restored = await call('POST', `/api/v1/roadmaps/${slug}/revisions/1/restore`, ada);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toEqual({ slug, revision: 3 });
    expect((await draftOf(slug)).document.title).toBe('Gardening for Coders');
    expect((await call('POST', `/api/v1/roadmaps/${slug}/revisions/9/restore`, ada)).statusCode).toBe(404);
  });

  it('keeps serving the published revision while the author edits the draft', async () => {
    const slug = await published();
    const { document, etag } = await draftOf(slug);
    await call(
      'PUT',
      `/api/v1/roadmaps/${slug}/draft`,
      ada,
      { ...document, title: 'Work in progress' },
      {
        'if-match': etag,
      },
    );
    expect((await call('GET', `/api/v1/roadmaps/${slug}`, ada)).json().title).toBe('Gardening for Coders');
  });

  it('forks an official roadmap into a private draft that passes the checker as it is', async () => {
    const res = await call('POST', '/api/v1/roadmaps/backend/fork', bob, { slug: `my-backend-${kind}` });
    expect(res.statusCode, res.body).toBe(201);
    const draft = await draftOf(`my-backend-${kind}`, bob);
    const official = (await call('GET', '/api/v1/roadmaps/backend')).json();
    expect(draft.document.sections.map((s: { id: string }) => s.id)).toEqual(
      official.sections.map((s: { id: string }) => s.id),
    );
    expect(draft.document.sections[0].topics[0].body).toMatch(/\w+ \w+/);
    expect((await call('POST', `/api/v1/roadmaps/my-backend-${kind}/publish`, bob)).statusCode).toBe(200);
  });

  it('deletes a roadmap for its author only; learners keep their progress on it in their export', async () => {
    const slug = await published('public');
    await call('PUT', `/api/v1/me/progress/${slug}/topics/soil-basics`, bob, { status: 'done' });
    expect((await call('DELETE', `/api/v1/roadmaps/${slug}`, bob)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v1/roadmaps/${slug}`, ada)).statusCode).toBe(204);
    expect((await call('GET', `/roadmaps/${slug}`)).statusCode).toBe(404);
    const exported = await call('GET', '/api/v1/me/export', bob);
    expect(exported.json().progress).toContainEqual(
      expect.objectContaining({ roadmap: slug, topicId: 'soil-basics' }),
    );
  });

  it('lists public custom roadmaps in the catalogue under Community, with the author’s name', async () => {
    const slug = await published('public');
    const hidden = await published('unlisted');
    const page = await call('GET', '/');
    const community = page.body.slice(page.body.indexOf('id="community-title"'));
    expect(community).toContain(`href="/roadmaps/${slug}"`);
    expect(community).toContain(`by ${ada.email.split('@')[0]}`);
    expect(page.body).not.toContain(`/roadmaps/${hidden}"`);
    expect(community).not.toContain('href="/roadmaps/backend"');
    const roadmapPage = await call('GET', `/roadmaps/${slug}`);
    expect(roadmapPage.body).toContain(`A community roadmap by ${ada.email.split('@')[0]}`);
  });

  it('holds every account to its limits, each refusal a sentence saying which', async () => {
    const carol = await signInAs(app, (await seedLearner(app.database)).email);
    const big = validDocument();
    big.sections = [0, 1].map((s) => ({
      title: `Part ${s}`,
      topics: Array.from({ length: 151 }, (_, i) => ({
        title: `Topic ${s}-${i}`,
        type: 'required' as const,
      })),
    }));
    const tooMany = await call('POST', '/api/v1/roadmaps', carol, { slug: `big-${kind}`, ...big });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toBe('The roadmap has 302 topics, more than the 300 a roadmap may have');
    const long = validDocument();
    (long.sections[0]?.topics[0] as { body: string }).body = 'word '.repeat(4001);
    const tooLong = await call('POST', '/api/v1/roadmaps', carol, { slug: `long-${kind}`, ...long });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toMatch(/body.*20000/);
    for (let i = 0; i < 50; i++) await create(validDocument(), carol);
    const oneMore = await call('POST', '/api/v1/roadmaps', carol, {
      slug: `one-more-${kind}`,
      ...validDocument(),
    });
    expect(oneMore.statusCode).toBe(403);
    expect(oneMore.json().message).toBe(
      'You have 50 roadmaps, the most an account may have: delete one first',
    );
  });

  it('rate-limits writes per learner with 429 and Retry-After', async () => {
    const dave = await signInAs(app, (await seedLearner(app.database)).email);
    const slug = await create(validDocument(), dave);
    const { document } = await draftOf(slug, dave);
    const statuses: number[] = [];
    // The create was the first write of the minute.
    for (let i = 1; i < WRITES_PER_MINUTE; i++) {
      const res = await call('PUT', `/api/v1/roadmaps/${slug}/draft`, dave, document, { 'if-match': '"0"' });
      statuses.push(res.statusCode);
    }
    expect(new Set(statuses)).toEqual(new Set([412]));
    const limited = await call('PUT', `/api/v1/roadmaps/${slug}/draft`, dave, document, {
      'if-match': '"0"',
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().message).toMatch(/^Too many changes to roadmaps: try again in/);
    // Another learner is not held up.
    expect((await call('GET', `/api/v1/roadmaps/${await create()}/draft`, ada)).statusCode).toBe(200);
  });

  it('asks a signed-out caller to sign in before anything else', async () => {
    const res = await call('POST', '/api/v1/roadmaps', undefined, { slug: 'x' });
    expect(res.statusCode).toBe(401);
  });
});
