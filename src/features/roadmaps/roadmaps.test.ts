// Pages and API of the roadmaps feature, through Fastify's inject on the shipped content.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers/app.ts';
import { signInNewLearner } from '../../../test/helpers/learners.ts';

const server = useTestApp();
const { get } = server;

describe('the catalogue page', () => {
  it('lists every roadmap with its description, topic and section counts', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<h1>All Roadmaps</h1>');
    expect(res.body).toContain('href="/roadmaps/backend"');
    expect(res.body).toContain('Backend Developer Roadmap 2026');
    expect(res.body).toMatch(/43 topics<\/span><span>9 sections/);
    expect(res.body).toContain('href="/roadmaps/frontend"');
    expect(res.body).toContain('href="/roadmaps/devops"');
    for (const slug of ['full-stack', 'system-design', 'ai-engineer', 'data-engineer', 'cyber-security']) {
      expect(res.body).toContain(`href="/roadmaps/${slug}"`);
    }
  });
});

describe('the backend roadmap page', () => {
  it('shows title, subtitle, legend, 9 sections, 43 numbered cards and the FAQ', async () => {
    const res = await get('/roadmaps/backend');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1>Backend Developer Roadmap 2026</h1>');
    expect(html).toMatch(/Required<\/span><span class="legend__hint">Must learn/);
    expect(html).toMatch(/Pick One<\/span><span class="legend__hint">Choose one/);
    expect(html).toMatch(/Optional<\/span><span class="legend__hint">Good to know/);
    expect(html.match(/<section class="section"/g)).toHaveLength(9);
    const numbers = [...html.matchAll(/<span class="card__number">(\d+)<\/span>/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
    expect(html).toContain('class="card card--pick-one" href="/roadmaps/backend/javascript"');
    expect(html).toContain('class="card card--required" href="/roadmaps/backend/express"');
    expect(html).toContain('class="card card--optional" href="/roadmaps/backend/fastify"');
    expect(html).toContain('If you chose JavaScript · Alternative to Express.js (JavaScript)');
    expect(html.match(/<details class="faq__entry">/g)).toHaveLength(5);
  });

  it('shows how many resources each card has and the time per section and in all', async () => {
    const html = (await get('/roadmaps/backend')).body;
    expect(html).toMatch(/<span>\d resources<\/span><span>~\d+ h<\/span>/);
    expect(html).toMatch(/Topics 1–7<\/span><span>~\d+ h<\/span>/);
    expect(html).toMatch(/~\d+ h on a typical path/);
  });

  it('is served compressed from memory with an ETag, and revalidates with 304', async () => {
    const br = await get('/roadmaps/backend', { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding, Cookie');
    expect(br.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const html = brotliDecompressSync(br.rawPayload).toString();
    expect(html).toContain('<h1>Backend Developer Roadmap 2026</h1>');

    const gz = await get('/roadmaps/backend', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(html);
    expect(gz.headers.etag).toBe(br.headers.etag);

    const again = await get('/roadmaps/backend', { 'if-none-match': String(br.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers at once after a start, then with the smallest bytes once they are ready, same page and ETag', async () => {
    const url = '/roadmaps/frontend';
    const first = await get(url, { 'accept-encoding': 'br' });
    const html = brotliDecompressSync(first.rawPayload).toString();
    let settled = first;
    for (let i = 0; i < 50 && settled.rawPayload.length >= first.rawPayload.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      settled = await get(url, { 'accept-encoding': 'br' });
    }
    expect(settled.rawPayload.length).toBeLessThan(first.rawPayload.length);
    expect(brotliDecompressSync(settled.rawPayload).toString()).toBe(html);
    expect(settled.headers.etag).toBe(first.headers.etag);
  });

  it('carries nothing personal: no cookies are set on shared pages', async () => {
    const res = await get('/roadmaps/backend');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('a topic page', () => {
  it('shows the description, typed resources with the docs first, previous/next and a link back', async () => {
    const res = await get('/roadmaps/backend/express');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1 id="topic-title" tabindex="-1">Express.js (JavaScript)</h1>');
    expect(html).toContain('Topic 12 of 43 · Backend Frameworks');
    expect(html).toMatch(
      /<ul class="resources__list"><li class="resource"[^>]*><span class="kind kind--docs">Docs<\/span>/,
    );
    expect(html).toContain('rel="prev" href="/roadmaps/backend/testing"');
    expect(html).toContain('rel="next" href="/roadmaps/backend/fastify"');
    expect(html).toContain('href="/roadmaps/backend#topic-express"');
  });

  it('links a shared skill to the same skill in other roadmaps', async () => {
    const html = (await get('/roadmaps/backend/docker')).body;
    expect(html).toContain('href="/roadmaps/devops/docker">DevOps Engineer Roadmap 2026</a>');
  });

  it('has no previous link on the first topic and no next link on the last', async () => {
    expect((await get('/roadmaps/backend/javascript')).body).not.toContain('rel="prev"');
    expect((await get('/roadmaps/backend/search-engines')).body).not.toContain('rel="next"');
  });

  it('answers a 404 page in the site design for an unknown topic or roadmap', async () => {
    for (const url of ['/roadmaps/backend/cobol', '/roadmaps/astronaut', '/no/such/page']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<h1>Page not found</h1>');
      expect(res.body).toContain('Browse all roadmaps');
    }
  });

  it('never puts whatever a visitor types in the address into the page', async () => {
    // Not an id at all: refused by the schema (400) without repeating it.
    const res = await get('/roadmaps/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('slug in the address must be lowercase letters');
  });
});

describe('a signed-in learner’s topic page', () => {
  it('is never the shared page a visitor got, even when the browser revalidates with its ETag', async () => {
    const url = '/roadmaps/backend/rest-apis';
    const shared = await get(url);
    expect(shared.headers.etag).toBeTruthy();
    const learner = await signInNewLearner(server.app);
    const res = await get(url, { cookie: learner.cookie, 'if-none-match': shared.headers.etag as string });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toContain('data-signed-in="true"');
    expect(res.body).toContain(learner.email);
    expect(res.body).not.toBe(shared.body);
    // And the visitor after them still gets the shared page, with nothing of the learner in it.
    const after = await get(url);
    expect(after.headers.etag).toBe(shared.headers.etag);
    expect(after.body).not.toContain(learner.email);
  });
});

describe('/robots.txt', () => {
  it('lets crawlers read the roadmaps and keeps them out of the API, accounts and operations', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Allow: /roadmaps/');
    for (const path of [
      '/api/',
      '/account',
      '/signin',
      '/signup',
      '/signout',
      '/metrics',
      '/healthz',
      '/readyz',
    ])
      expect(lines).toContain(`Disallow: ${path}`);
    expect(lines.some((line) => /^Disallow: \/(roadmaps)?$/.test(line))).toBe(false);
  });
});

describe('the roadmaps API', () => {
  it('lists roadmaps', async () => {
    const res = await get('/api/v1/roadmaps');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toContainEqual({
      slug: 'backend',
      title: 'Backend Developer Roadmap 2026',
      description: expect.any(String),
      topicCount: 43,
      sectionCount: 9,
    });
  });

  it('returns a roadmap with every field present, null or [] when empty', async () => {
    const res = await get('/api/v1/roadmaps/backend');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.legend).toEqual([
      { type: 'required', label: 'Required', hint: 'Must learn' },
      { type: 'pick-one', label: 'Pick One', hint: 'Choose one' },
      { type: 'optional', label: 'Optional', hint: 'Good to know' },
    ]);
    expect(body.choiceGroups[0].id).toBe('language');
    expect(body.choiceGroups[0].options).toHaveLength(7);
    expect(body.sections).toHaveLength(9);
    expect(body.faq).toHaveLength(5);
    expect(body.estimateHours).toBeGreaterThan(0);
    const topics = body.sections.flatMap((s: { topics: unknown[] }) => s.topics);
    expect(topics).toHaveLength(43);
    const keys = [
      'id',
      'number',
      'title',
      'type',
      'group',
      'option',
      'when',
      'alternativeTo',
      'skill',
      'formerIds',
    ];
    for (const topic of topics) for (const key of keys) expect(topic).toHaveProperty(key);
    const rest = topics.find((t: { id: string }) => t.id === 'rest-apis');
    expect(rest).toMatchObject({
      number: 8,
      type: 'required',
      group: null,
      option: null,
      when: null,
      alternativeTo: null,
    });
    expect(topics.find((t: { id: string }) => t.id === 'flask')).toMatchObject({
      type: 'optional',
      when: { language: 'python' },
      alternativeTo: 'django',
    });
  });

  it('returns a topic with its body as HTML', async () => {
    const res = await get('/api/v1/roadmaps/backend/topics/graphql');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'graphql', number: 36, type: 'optional', roadmap: 'backend' });
    expect(res.json().bodyHtml).toMatch(/^<p>/);
  });

  it('answers 404 with { error, message } for an unknown roadmap or topic', async () => {
    const roadmap = await get('/api/v1/roadmaps/cooking');
    expect(roadmap.statusCode).toBe(404);
    expect(roadmap.json()).toEqual({ error: 'not_found', message: 'There is no roadmap "cooking"' });
    const topic = await get('/api/v1/roadmaps/backend/topics/cobol');
    expect(topic.statusCode).toBe(404);
    expect(topic.json()).toEqual({
      error: 'not_found',
      message: 'The roadmap "backend" has no topic "cobol"',
    });
    const route = await get('/api/v1/nothing-here');
    expect(route.statusCode).toBe(404);
    expect(route.json().error).toBe('not_found');
  });

  it('answers 400 with the bad field named for a malformed id', async () => {
    const res = await get('/api/v1/roadmaps/Back%20End');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid', message: expect.stringContaining('slug in the address') });
  });

  it('answers malformed and over-long addresses in the same { error, message } shape', async () => {
    const long = await get(`/api/v1/roadmaps/backend/topics/${'a'.repeat(300)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({
      error: 'uri_too_long',
      message: expect.stringContaining('max param length'),
    });
    const bad = await get('/api/v1/roadmaps/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'bad_request', message: expect.any(String) });
  });

  it('publishes the OpenAPI document and a browsable reference', async () => {
    const doc = await get('/api/docs/json');
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/roadmaps',
        '/api/v1/roadmaps/{slug}',
        '/api/v1/roadmaps/{slug}/topics/{topicId}',
      ]),
    );
    const ui = await get('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});

describe('site-wide behaviour', () => {
  it('sends a strict Content Security Policy and security headers on every response', async () => {
    for (const url of ['/', '/roadmaps/backend', '/api/v1/roadmaps', '/missing']) {
      const res = await get(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('serves hashed assets with immutable caching and precompressed bytes', async () => {
    const html = (await get('/')).body;
    const css = html.match(/href="(\/assets\/styles-[A-Z0-9]+\.css)"/)?.[1];
    const js = html.match(/src="(\/assets\/main-[A-Z0-9]+\.js)"/)?.[1];
    expect(css && js).toBeTruthy();
    for (const url of [css, js] as string[]) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-encoding']).toBe('br');
    }
  });

  it('reports health once content is loaded', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      checks: { content: { roadmaps: 8 }, migrations: { status: 'done' }, database: { kind: 'pglite' } },
    });
  });

  it('reports readiness when the database answers', async () => {
    const res = await get('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', checks: { database: { answered: true } } });
  });
});
