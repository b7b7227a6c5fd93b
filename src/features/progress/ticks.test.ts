// Resources ticked as read, over HTTP on every test database: the API route, the progress document
// (GET, merge, import, reset), shared skills, and the form that works without JavaScript.
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../test/helpers/db.ts';
import { useSignedInLearner } from '../../../test/helpers/learners.ts';

describe.each(DATABASE_KINDS)('resource ticks on %s', (kind) => {
  const session = useSignedInLearner(kind);
  const { call, progressOf } = session;
  /** The ids of a topic's resources, as the public roadmap API lists them. */
  const resourceIds = async (slug: string, topicId: string): Promise<string[]> => {
    const roadmap = (await session.app.inject({ url: `/api/v1/roadmaps/${slug}` })).json();
    const topic = roadmap.sections
      .flatMap((s: { topics: { id: string }[] }) => s.topics)
      .find((t: { id: string }) => t.id === topicId);
    return topic.resources.map((r: { id: string }) => r.id);
  };
  const tickUrl = (topicId: string, resourceId: string, slug = 'backend') =>
    `/api/v1/me/progress/${slug}/topics/${topicId}/resources/${resourceId}`;

  it('ticks a resource as read and unticks it, idempotently, and the progress document carries it', async () => {
    const [first, second] = await resourceIds('backend', 'sql');
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    for (const read of [true, true, false, true]) {
      const res = await call('PUT', tickUrl('sql', first as string), { read });
      expect(res.statusCode).toBe(200);
      expect(res.json().resources.sql[first as string]).toMatchObject({ read, sharedFrom: null });
    }
    const body = await progressOf();
    expect(Object.keys(body.resources.sql)).toEqual([first]);
    expect(body.resources.sql[second as string]).toBeUndefined();
    // A tick is not a status: the topic stays where it was.
    expect(body.topics.sql).toBeUndefined();
  });

  it('refuses a resource the topic does not list with a sentence naming its resources, and a malformed id', async () => {
    const ids = await resourceIds('backend', 'sql');
    const unknown = await call('PUT', tickUrl('sql', 'abcdefabcdef'), { read: true });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe(
      `The topic "sql" has no resource "abcdefabcdef"; its resources are ${ids.join(', ')}`,
    );
    // Another topic's resource is not this topic's.
    const [dockerFirst] = await resourceIds('backend', 'docker');
    expect((await call('PUT', tickUrl('sql', dockerFirst as string), { read: true })).statusCode).toBe(404);
    const malformed = await call('PUT', tickUrl('sql', 'NOT-AN-ID'), { read: true });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/resourceId/);
    const strict = await call('PUT', tickUrl('sql', ids[0] as string), { read: true, extra: 1 });
    expect(strict.statusCode).toBe(400);
    expect((await call('PUT', tickUrl('sql', ids[0] as string), { read: 'yes' })).statusCode).toBe(400);
    expect((await progressOf()).resources).toEqual({});
  });

  it('answers 401 signed out whatever the body', async () => {
    const [id] = await resourceIds('backend', 'sql');
    for (const payload of [{ read: true }, { nonsense: 1 }]) {
      const res = await call('PUT', tickUrl('sql', id as string), payload, { cookie: '' });
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toEqual(expect.any(String));
    }
  });

  it('shares ticks across roadmaps through a shared skill, and an untick elsewhere does not unread it', async () => {
    const backend = await resourceIds('backend', 'docker');
    const devops = await resourceIds('devops', 'docker');
    expect(devops).toEqual(backend);
    await call('PUT', tickUrl('docker', backend[0] as string), { read: true });
    const shared = await progressOf('devops');
    expect(shared.resources.docker[backend[0] as string]).toMatchObject({
      read: true,
      sharedFrom: 'backend',
    });
    // The devops roadmap's own untick is the newer record of its own: it wins there.
    await call('PUT', tickUrl('docker', backend[0] as string, 'devops'), { read: false });
    expect((await progressOf('devops')).resources.docker[backend[0] as string]).toMatchObject({
      read: false,
      sharedFrom: null,
    });
    expect((await progressOf('backend')).resources.docker[backend[0] as string]).toMatchObject({
      read: true,
      sharedFrom: null,
    });
  });

  it('merges a browser’s ticks: the newest wins, a tie goes to read, unknown resources are dropped and named', async () => {
    const [a, b, c] = await resourceIds('backend', 'sql');
    await call('PUT', tickUrl('sql', a as string), { read: true });
    const res = await call('POST', '/api/v1/me/progress/backend/merge', {
      topics: {},
      resources: {
        sql: {
          [a as string]: { read: false, updatedAt: '2020-01-01T00:00:00.000Z' },
          [b as string]: { read: true, updatedAt: '2020-01-01T00:00:00.000Z' },
          [c as string]: { read: true, updatedAt: '2999-01-01T00:00:00.000Z' },
          abcdefabcdef: { read: true, updatedAt: '2020-01-01T00:00:00.000Z' },
        },
        nowhere: {},
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.resources.sql[a as string].read).toBe(true);
    expect(body.resources.sql[b as string].read).toBe(true);
    expect(Date.parse(body.resources.sql[c as string].updatedAt)).toBeLessThanOrEqual(Date.now());
    expect(body.dropped).toEqual([
      'resource "abcdefabcdef" is not a resource of topic "sql"',
      'topic "nowhere" of resources is not in this roadmap',
    ]);
    // Same time from two devices: read beats unread whatever order they come in.
    const at = '2021-06-01T00:00:00.000Z';
    for (const read of [true, false])
      await call('POST', '/api/v1/me/progress/backend/merge', {
        topics: {},
        resources: {
          caching: { [(await resourceIds('backend', 'caching'))[0] as string]: { read, updatedAt: at } },
        },
      });
    const [cachingFirst] = await resourceIds('backend', 'caching');
    expect((await progressOf()).resources.caching[cachingFirst as string]).toEqual({
      read: true,
      updatedAt: at,
      sharedFrom: null,
    });
  });

  it('imports and exports ticks with the document, refusing the whole file for one unknown resource', async () => {
    const [a, b] = await resourceIds('backend', 'auth');
    const doc = {
      topics: { auth: { status: 'learning', updatedAt: '2025-01-01T00:00:00.000Z' } },
      resources: { auth: { [a as string]: { read: true, updatedAt: '2025-01-01T00:00:00.000Z' } } },
    };
    const imported = await call('PUT', '/api/v1/me/progress/backend', doc);
    expect(imported.statusCode).toBe(200);
    expect(imported.json().resources).toEqual({
      auth: { [a as string]: { read: true, updatedAt: '2025-01-01T00:00:00.000Z', sharedFrom: null } },
    });
    const refused = await call('PUT', '/api/v1/me/progress/backend', {
      topics: {},
      resources: { auth: { [b as string]: { read: 'yes', updatedAt: '2025-01-01T00:00:00.000Z' } } },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe(
      `This progress cannot be imported: resource "${b}" of topic "auth" needs read: true or false.`,
    );
    expect((await progressOf()).resources.auth[a as string].read).toBe(true);
    // An import replaces: ticks the file does not hold are gone.
    await call('PUT', '/api/v1/me/progress/backend', { topics: {} });
    expect((await progressOf()).resources).toEqual({});
  });

  it('a reset unticks every resource, and the undo (an import of the answer) brings them back', async () => {
    const [a] = await resourceIds('backend', 'sql');
    await call('PUT', tickUrl('sql', a as string), { read: true });
    const before = (await call('DELETE', '/api/v1/me/progress/backend')).json();
    expect(before.resources.sql[a as string].read).toBe(true);
    expect((await progressOf()).resources.sql[a as string].read).toBe(false);
    const undone = await call('PUT', '/api/v1/me/progress/backend', before);
    expect(undone.json().resources.sql[a as string].read).toBe(true);
  });

  it('ticks through the form without JavaScript (CSRF checked) and the topic page shows "1 of N read"', async () => {
    const ids = await resourceIds('backend', 'sql');
    const page = await call('GET', '/roadmaps/backend/sql');
    expect(page.body).toContain(`<span data-figure="read">0</span> of ${ids.length} read`);
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const cookies = [
      session.learner.cookie,
      ...[page.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]),
    ].join('; ');
    const post = (fields: Record<string, string>) =>
      session.app.inject({
        method: 'POST',
        url: `/roadmaps/backend/sql/resources/${ids[1]}/read`,
        payload: new URLSearchParams(fields).toString(),
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await post({ read: 'true', back: '/roadmaps/backend/sql' })).statusCode).toBe(403);
    const res = await post({ _csrf: token, read: 'true', back: '/roadmaps/backend/sql#resources-sql' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/roadmaps/backend/sql#resources-sql');
    const after = await call('GET', '/roadmaps/backend/sql');
    expect(after.body).toContain(`<span data-figure="read">1</span> of ${ids.length} read`);
    expect(after.body).toMatch(
      new RegExp(
        `data-resource-id="${ids[1]}" data-read="true">.*?name="read" value="false" aria-pressed="true"`,
      ),
    );
  });

  it('sends a signed-out visitor’s form post to sign in, storing nothing', async () => {
    const [id] = await resourceIds('backend', 'sql');
    const res = await session.app.inject({
      method: 'POST',
      url: `/roadmaps/backend/sql/resources/${id}/read`,
      payload: 'read=true&back=%2Froadmaps%2Fbackend%2Fsql',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(
      `/signin?notice=progress&next=${encodeURIComponent('/roadmaps/backend/sql')}`,
    );
  });
});
