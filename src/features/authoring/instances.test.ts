// Two instances on one PostgreSQL: a custom roadmap published, hidden or deleted on one is right on
// the other at once, through the change feed (LISTEN/NOTIFY).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { validDocument } from '../../../test/helpers/custom-roadmaps.ts';
import { openTestDatabase, seedLearner } from '../../../test/helpers/db.ts';
import { signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';
import { openDatabase } from '../../db/database.ts';

describe.runIf(process.env.TEST_DATABASE_URL)('custom roadmaps on two instances', () => {
  let first: App;
  let second: App;
  beforeAll(async () => {
    const database = await openTestDatabase('postgres');
    first = await buildTestApp({ database });
    const other = await openDatabase({
      databaseUrl: process.env.TEST_DATABASE_URL as string,
      schema: database.schema,
    });
    second = await buildTestApp({ database: other });
    await Promise.all([first.ready(), second.ready()]);
    afterAll(async () => {
      await second.close();
      await other.close();
      await first.close();
      await database.close();
    });
  });

  const status = (app: App, url: string) => app.inject({ url }).then((res) => res.statusCode);
  const seen = (url: string, expected: number) =>
    expect.poll(() => status(second, url), { timeout: 5000 }).toBe(expected);

  it('shows on the second what the first published, hid and deleted', async () => {
    const author = await signInAs(first, (await seedLearner(first.database)).email);
    const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      first.inject({ method, url, headers: { cookie: author.cookie }, ...(payload ? { payload } : {}) });
    expect(
      (await send('POST', '/api/v1/roadmaps', { slug: 'shared-garden', ...validDocument() })).statusCode,
    ).toBe(201);
    expect((await send('POST', '/api/v1/roadmaps/shared-garden/publish')).statusCode).toBe(200);
    expect(await status(second, '/roadmaps/shared-garden')).toBe(404); // private
    await send('PUT', '/api/v1/roadmaps/shared-garden/visibility', { visibility: 'public' });
    await seen('/roadmaps/shared-garden', 200);
    await send('PUT', '/api/v1/roadmaps/shared-garden/visibility', { visibility: 'private' });
    await seen('/roadmaps/shared-garden', 404);
    await send('PUT', '/api/v1/roadmaps/shared-garden/visibility', { visibility: 'unlisted' });
    await seen('/api/v1/roadmaps/shared-garden', 200);
    await send('DELETE', '/api/v1/roadmaps/shared-garden');
    await seen('/api/v1/roadmaps/shared-garden', 404);
  });
});
