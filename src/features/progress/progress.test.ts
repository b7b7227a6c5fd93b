// Progress over HTTP, on every test database: statuses, choices, merge, import, bulk actions, notes.
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS, seedLearner } from '../../../test/helpers/db.ts';
import { signInAs, signInNewLearner, useSignedInLearner } from '../../../test/helpers/learners.ts';

describe.each(DATABASE_KINDS)('progress on %s', (kind) => {
  const session = useSignedInLearner(kind);
  const { call, progressOf } = session;

  it('starts empty, with the path of a learner who has not chosen: 12 required topics and one language slot', async () => {
    const body = await progressOf();
    expect(body).toMatchObject({ slug: 'backend', choices: {}, topics: {} });
    expect(body.summary).toMatchObject({ done: 0, skipped: 0, path: 13, percent: 0, optionalTotal: 11 });
    expect(body.summary.sections).toHaveLength(9);
  });

  it('marks a topic learning, done, skipped and back to pending, idempotently', async () => {
    for (const status of ['learning', 'done', 'done', 'skipped', 'pending']) {
      const res = await call('PUT', '/api/v1/me/progress/backend/topics/sql', { status });
      expect(res.statusCode).toBe(200);
      expect(res.json().topics.sql).toMatchObject({ status, sharedFrom: null });
    }
  });

  it('counts the learner’s own path once a language is chosen, and keeps statuses across changes', async () => {
    await call('PUT', '/api/v1/me/progress/backend/topics/express', { status: 'done' });
    await call('PUT', '/api/v1/me/progress/backend/topics/javascript', { status: 'done' });
    await call('PUT', '/api/v1/me/progress/backend/topics/rest-apis', { status: 'skipped' });
    const js = (
      await call('PUT', '/api/v1/me/progress/backend/choices/language', { option: 'javascript' })
    ).json();
    expect(js.summary).toMatchObject({ done: 2, skipped: 1, path: 14, percent: 21, optionalTotal: 12 });
    const py = (
      await call('PUT', '/api/v1/me/progress/backend/choices/language', { option: 'python' })
    ).json();
    expect(py.choices).toEqual({ language: 'python' });
    expect(py.summary).toMatchObject({ done: 0, skipped: 1, path: 14, percent: 7, optionalTotal: 13 });
    expect(py.topics.express.status).toBe('done');
    const cleared = (
      await call('PUT', '/api/v1/me/progress/backend/choices/language', { option: null })
    ).json();
    expect(cleared.choices).toEqual({ language: null });
    expect(cleared.summary.path).toBe(13);
  });

  it('shares a status across roadmaps through a shared skill', async () => {
    await call('PUT', '/api/v1/me/progress/backend/topics/docker', { status: 'done' });
    const devops = await progressOf('devops');
    expect(devops.topics.docker).toMatchObject({
      status: 'done',
      sharedFrom: { roadmap: 'backend', topicId: 'docker' },
    });
  });

  it('merges the browser’s progress: newest wins per topic and choice, future times clamp to now', async () => {
    await call('PUT', '/api/v1/me/progress/backend/topics/sql', { status: 'learning' });
    const res = await call('POST', '/api/v1/me/progress/backend/merge', {
      choices: { language: 'go' },
      choicesUpdatedAt: { language: '2020-01-01T00:00:00.000Z' },
      topics: {
        sql: { status: 'done', updatedAt: '2020-01-01T00:00:00.000Z' },
        docker: { status: 'done', updatedAt: '2999-01-01T00:00:00.000Z' },
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.topics.sql.status).toBe('learning');
    expect(body.topics.docker.status).toBe('done');
    expect(Date.parse(body.topics.docker.updatedAt)).toBeLessThanOrEqual(Date.now());
    expect(body.choices).toEqual({ language: 'go' });
  });

  it('keeps the valid entries of a browser’s progress at sign-in and names each one it drops', async () => {
    const res = await call('POST', '/api/v1/me/progress/backend/merge', {
      choices: { language: 'cobol' },
      choicesUpdatedAt: { language: '2026-01-01T00:00:00.000Z' },
      topics: {
        sql: { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' },
        cobol: { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' },
        'rest-apis': { status: 'banana', updatedAt: '2026-01-01T00:00:00.000Z' },
        docker: { status: 'learning', updatedAt: '2026-01-01T00:00:00.000Z' },
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.kept).toBe(2);
    expect(body.dropped).toEqual([
      'topic "cobol" is not in this roadmap',
      'status "banana" for topic "rest-apis": use learning, done or skipped',
      expect.stringMatching(/^option "cobol" for "language": use javascript, /),
    ]);
    expect(body.topics.sql.status).toBe('done');
    expect(body.topics.docker.status).toBe('learning');
    expect((await progressOf()).topics['rest-apis']).toBeUndefined();
  });

  it('refuses an import with any bad entry and changes nothing', async () => {
    await call('PUT', '/api/v1/me/progress/backend/topics/sql', { status: 'done' });
    const res = await call('PUT', '/api/v1/me/progress/backend', {
      topics: {
        auth: { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' },
        'no-such-topic': { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      'This progress cannot be imported: topic "no-such-topic" is not in this roadmap.',
    );
    expect(Object.keys((await progressOf()).topics)).toEqual(['sql']);
  });

  it('settles a tie (two changes at the same time) the same way whichever arrives first', async () => {
    const other = await signInNewLearner(session.app);
    const at = '2026-03-01T10:00:00.000Z';
    const doc = (status: string, option: string) => ({
      choices: { language: option },
      choicesUpdatedAt: { language: at },
      topics: { sql: { status, updatedAt: at } },
    });
    for (const [as, order] of [
      [session.learner, ['learning', 'done']],
      [other, ['done', 'learning']],
    ] as const) {
      for (const status of order)
        await call(
          'POST',
          '/api/v1/me/progress/backend/merge',
          doc(status, status === 'done' ? 'go' : 'java'),
          as,
        );
      const stored = await progressOf('backend', as);
      expect(stored.topics.sql.status).toBe('done');
      expect(stored.choices.language).toBe('java');
    }
  });

  it('counts progress recorded under a former topic id for the renamed topic', async () => {
    const { catalog } = session.app.content;
    const backend = catalog.bySlug.get('backend');
    const topic = backend?.topicById.get('graphql');
    if (!topic) throw new Error('graphql missing');
    const id = (
      await session.app.db
        .selectFrom('learners')
        .select('id')
        .where('email', '=', session.learner.email)
        .executeTakeFirstOrThrow()
    ).id;
    await session.app.db
      .insertInto('progress')
      .values({
        learner_id: id,
        roadmap: 'backend',
        topic_id: 'graph-ql-apis',
        status: 'done',
        updated_at: new Date(),
      })
      .execute();
    topic.formerIds.push('graph-ql-apis');
    try {
      expect((await progressOf()).topics.graphql?.status).toBe('done');
    } finally {
      topic.formerIds.pop();
    }
  });

  it('marks a whole section done: the topics of the section on the learner’s path', async () => {
    await call('PUT', '/api/v1/me/progress/backend/choices/language', { option: 'ruby' });
    const body = (await call('POST', '/api/v1/me/progress/backend/sections/frameworks/done')).json();
    expect(body.topics.rails.status).toBe('done');
    expect(body.topics.sinatra).toBeUndefined();
    expect(body.topics.django).toBeUndefined();
    expect(body.summary.sections.find((s: { id: string }) => s.id === 'frameworks')).toMatchObject({
      done: 1,
      path: 1,
      percent: 100,
    });
  });

  it('leaves the skipped topics of a section skipped when it marks the section done', async () => {
    await call('PUT', '/api/v1/me/progress/backend/topics/auth', { status: 'skipped' });
    const body = (await call('POST', '/api/v1/me/progress/backend/sections/core/done')).json();
    expect(body.topics.auth.status).toBe('skipped');
    expect(body.topics['rest-apis'].status).toBe('done');
  });

  it('resets a roadmap, answering the previous document, and the undo brings it back', async () => {
    await call('PUT', '/api/v1/me/progress/backend/choices/language', { option: 'go' });
    await call('PUT', '/api/v1/me/progress/backend/topics/gin', { status: 'done' });
    const previous = (await call('DELETE', '/api/v1/me/progress/backend')).json();
    expect(previous.topics.gin.status).toBe('done');
    const after = await progressOf();
    expect(after.summary.done).toBe(0);
    expect(after.topics.gin.status).toBe('pending');
    expect(after.choices.language).toBeNull();
    // A browser that still holds the old status cannot bring it back: the reset is newer.
    const merged = (
      await call('POST', '/api/v1/me/progress/backend/merge', {
        choices: {},
        choicesUpdatedAt: {},
        topics: { gin: previous.topics.gin },
      })
    ).json();
    expect(merged.topics.gin.status).toBe('pending');
    const undone = (await call('PUT', '/api/v1/me/progress/backend', previous)).json();
    expect(undone.topics.gin.status).toBe('done');
    expect(undone.choices.language).toBe('go');
  });

  it('keeps private notes per topic, rendered safely, visible only to their author', async () => {
    const saved = await call('PUT', '/api/v1/me/notes/backend/sql', {
      markdown: 'Use **indexes**. <script>alert(1)</script>',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().html).toContain('<strong>indexes</strong>');
    expect(saved.json().html).not.toContain('<script>');
    const other = await signInNewLearner(session.app);
    expect((await call('GET', '/api/v1/me/notes/backend/sql', undefined, other)).json()).toEqual({
      markdown: '',
      html: '',
      updatedAt: null,
    });
    expect((await call('GET', '/api/v1/me/notes/backend/sql')).json().markdown).toContain('indexes');
  });

  it('stores every click of many learners made at once, each answer showing its own click', async () => {
    const learners = [session.learner];
    for (let i = 0; i < 4; i++) learners.push(await signInNewLearner(session.app));
    const topics = ['sql', 'auth', 'docker', 'caching', 'testing'];
    const clicks = learners.flatMap((as) =>
      topics.map((topic, i) => ({ as, topic, status: i % 2 ? 'done' : 'learning' })),
    );
    // The same topic twice in a row: the later click is the one kept.
    clicks.push({ as: session.learner, topic: 'sql', status: 'skipped' });
    const answers = await Promise.all(
      clicks.map(({ as, topic, status }) =>
        call('PUT', `/api/v1/me/progress/backend/topics/${topic}`, { status }, as),
      ),
    );
    answers.forEach((res, i) => {
      expect(res.statusCode).toBe(200);
      if (i < clicks.length - 1 && clicks[i]?.topic !== 'sql')
        expect(res.json().topics[clicks[i]?.topic as string].status).toBe(clicks[i]?.status);
    });
    for (const as of learners) {
      const stored = await progressOf('backend', as);
      expect(Object.keys(stored.topics).sort()).toEqual([...topics].sort());
      expect(stored.topics.auth.status).toBe('done');
      expect(stored.topics.sql.status).toBe(as === session.learner ? 'skipped' : 'learning');
    }
  });

  it('fails only the write that cannot be stored when clicks share a statement', async () => {
    const seeded = await seedLearner(session.app.database);
    const as = await signInAs(session.app, seeded.email);
    const change = (learnerId: string, topicId: string) => ({
      learnerId,
      roadmap: 'backend',
      topicId,
      status: 'done' as const,
      updatedAt: new Date(),
    });
    const outcomes = await Promise.allSettled([
      session.app.progress.writeStatus(change(seeded.id, 'sql')),
      session.app.progress.writeStatus(change('00000000-0000-4000-8000-000000000000', 'sql')), // no such learner
      session.app.progress.writeStatus(change(seeded.id, 'auth')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await progressOf('backend', as);
    expect(stored.topics.sql.status).toBe('done');
    expect(stored.topics.auth.status).toBe('done');
  });

  it('never overwrites a note changed on another device: a save from an older version answers 409', async () => {
    const first = (
      await call('PUT', '/api/v1/me/notes/backend/sql', { markdown: 'v1', baseUpdatedAt: null })
    ).json();
    const second = await call('PUT', '/api/v1/me/notes/backend/sql', {
      markdown: 'v2 from the laptop',
      baseUpdatedAt: first.updatedAt,
    });
    expect(second.statusCode).toBe(200);
    const stale = await call('PUT', '/api/v1/me/notes/backend/sql', {
      markdown: 'v2 from the phone',
      baseUpdatedAt: first.updatedAt,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({
      error: 'conflict',
      message:
        'This note was changed on another device since you started editing it; nothing was overwritten.',
    });
    const fresh = await call('PUT', '/api/v1/me/notes/backend/sql', { markdown: 'new', baseUpdatedAt: null });
    expect(fresh.statusCode).toBe(409);
    expect((await call('GET', '/api/v1/me/notes/backend/sql')).json().markdown).toBe('v2 from the laptop');
  });

  it('refuses an over-long note with the limit in the message, and keeps the note it had', async () => {
    await call('PUT', '/api/v1/me/notes/backend/sql', { markdown: 'short' });
    const res = await call('PUT', '/api/v1/me/notes/backend/sql', { markdown: 'x'.repeat(20_001) });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('20000');
    expect((await call('GET', '/api/v1/me/notes/backend/sql')).json().markdown).toBe('short');
  });

  it('refuses a note holding a NUL with a 400 naming it, and keeps the note it had', async () => {
    await call('PUT', '/api/v1/me/notes/backend/sql', { markdown: 'joins first' });
    const res = await call('PUT', '/api/v1/me/notes/backend/sql', { markdown: 'a\u0000b' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'invalid',
      message: 'markdown must not contain NUL characters',
    });
    expect((await call('GET', '/api/v1/me/notes/backend/sql')).json().markdown).toBe('joins first');
  });

  it('keeps learners apart: B never sees or changes A’s progress', async () => {
    await call('PUT', '/api/v1/me/progress/backend/topics/caching', { status: 'done' });
    const other = await signInNewLearner(session.app);
    expect((await progressOf('backend', other)).topics).toEqual({});
    await call('DELETE', '/api/v1/me/progress/backend', undefined, other);
    expect((await progressOf()).topics.caching.status).toBe('done');
  });

  it.each([
    [
      'PUT',
      '/api/v1/me/progress/cooking/topics/sql',
      { status: 'done' },
      404,
      'There is no roadmap "cooking"',
    ],
    [
      'PUT',
      '/api/v1/me/progress/backend/topics/cobol',
      { status: 'done' },
      404,
      'The roadmap "backend" has no topic "cobol"',
    ],
    [
      'PUT',
      '/api/v1/me/progress/backend/topics/sql',
      { status: 'finished' },
      400,
      'status must be one of: pending, learning, done, skipped',
    ],
    ['PUT', '/api/v1/me/progress/backend/choices/editor', { option: 'vim' }, 404, 'no choice group "editor"'],
    [
      'PUT',
      '/api/v1/me/progress/backend/choices/language',
      { option: 'cobol' },
      400,
      'option "cobol" is not an option of "language"',
    ],
    ['POST', '/api/v1/me/progress/backend/sections/nope/done', undefined, 404, 'no section "nope"'],
    ['POST', '/api/v1/me/progress/backend/merge', { topics: {}, summary: {} }, 400, 'summary'],
    [
      'PUT',
      '/api/v1/me/progress/backend',
      { choices: { language: 'go' }, choicesUpdatedAt: {}, topics: {} },
      400,
      'choice "language" has no valid time (choicesUpdatedAt)',
    ],
    [
      'PUT',
      '/api/v1/me/progress/backend',
      { topics: { 'rest-apis': { status: 'banana', updatedAt: '2026-01-01T00:00:00Z' } } },
      400,
      'This progress cannot be imported: status "banana" for topic "rest-apis": use learning, done or skipped.',
    ],
    [
      'PUT',
      '/api/v1/me/progress/backend',
      { roadmap: 'frontend', topics: {} },
      400,
      'This is progress for the roadmap "frontend", not "backend".',
    ],
  ] as const)(
    '%s %s with bad input answers %i naming what was wrong',
    async (method, url, payload, status, message) => {
      const res = await call(method, url, payload);
      expect(res.statusCode).toBe(status);
      expect(res.json().message).toContain(message);
      expect(res.json().error).toBe(status === 404 ? 'not_found' : 'invalid');
    },
  );
});
