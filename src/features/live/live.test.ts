// A live stream lives no longer than its session: sign-out, a password change, a deleted account and
// an expired session each end it; and one session cannot hold more than its share of streams.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { seedLearner, TEST_PASSWORD } from '../../../test/helpers/db.ts';
import { endsWithin, type OpenStream, openEventStream } from '../../../test/helpers/event-stream.ts';
import { type SignedIn, signInAs } from '../../../test/helpers/learners.ts';
import type { App } from '../../app.ts';
import { issueEmailToken } from '../accounts/email-tokens.ts';
import { STREAMS_PER_SESSION } from './hub.ts';

let app: App;
let base: string;
const opened: OpenStream[] = [];

beforeAll(async () => {
  app = await buildTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const stream of opened) stream.close();
  await app?.close();
});

async function learnerWithSessions(count: number): Promise<SignedIn[]> {
  const { email } = await seedLearner(app.database);
  const sessions: SignedIn[] = [];
  for (let i = 0; i < count; i++) sessions.push(await signInAs(app, email));
  return sessions;
}

async function streamOf(who: SignedIn, on = base, path?: string): Promise<OpenStream> {
  const answer = await openEventStream(on, who.cookie, path);
  if (answer.status !== 200 || !('stream' in answer))
    throw new Error(`no stream: ${answer.status} ${JSON.stringify(answer)}`);
  opened.push(answer.stream);
  return answer.stream;
}

const write = (who: SignedIn, topic: string) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/me/progress/backend/topics/${topic}`,
    headers: { cookie: who.cookie },
    payload: { status: 'done' },
  });

/** The stream is still open and still delivering the learner's changes. */
async function stillDelivers(stream: OpenStream, who: SignedIn, topic: string) {
  expect((await write(who, topic)).statusCode).toBe(200);
  await expect.poll(() => stream.text, { timeout: 5000 }).toContain(`"topicId":"${topic}"`);
}

describe('a live stream ends with its session', () => {
  it('ends at sign-out, telling the browser why, and leaves the learner’s other sessions’ streams open', async () => {
    const [mine, other] = (await learnerWithSessions(2)) as [SignedIn, SignedIn];
    const stream = await streamOf(mine);
    const otherStream = await streamOf(other);
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signout',
      headers: { cookie: mine.cookie },
    });
    expect(out.statusCode).toBe(204);
    expect(await endsWithin(stream, 5000)).toBe(true);
    expect(await stream.ended).toContain('event: signed-out\n');
    await stillDelivers(otherStream, other, 'sql');
  });

  it('ends a team dashboard’s stream at sign-out too: it is the coach’s session that reads it', async () => {
    const [owner] = (await learnerWithSessions(1)) as [SignedIn];
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: owner.cookie },
      payload: { name: 'Stream Team', slug: 'stream-team' },
    });
    expect(created.statusCode).toBe(201);
    const stream = await streamOf(owner, base, '/api/v1/teams/stream-team/events');
    await app.inject({ method: 'POST', url: '/api/v1/auth/signout', headers: { cookie: owner.cookie } });
    expect(await endsWithin(stream, 5000)).toBe(true);
    expect(await stream.ended).toContain('event: signed-out\n');
  });

  it('ends the other sessions’ streams at a password change, not the stream of the session that changed it', async () => {
    const [changer, other] = (await learnerWithSessions(2)) as [SignedIn, SignedIn];
    const changerStream = await streamOf(changer);
    const otherStream = await streamOf(other);
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie: changer.cookie },
      payload: { current: TEST_PASSWORD, next: 'a brand new passphrase 42' },
    });
    expect(changed.statusCode).toBe(204);
    expect(await endsWithin(otherStream, 5000)).toBe(true);
    await stillDelivers(changerStream, changer, 'docker');
  });

  it('ends every stream of the learner when a mailed reset link sets a new password', async () => {
    const { id, email } = await seedLearner(app.database);
    const sessions = [await signInAs(app, email), await signInAs(app, email)];
    const streams = [await streamOf(sessions[0] as SignedIn), await streamOf(sessions[1] as SignedIn)];
    const token = await issueEmailToken(app.db, id, email, 'password-reset');
    const reset = await app.inject({
      method: 'POST',
      url: `/api/v1/auth/password-reset/${token}`,
      payload: { password: 'a brand new passphrase 43' },
    });
    expect(reset.statusCode).toBe(200);
    for (const stream of streams) expect(await endsWithin(stream, 5000)).toBe(true);
  });

  it('ends every stream of a deleted account', async () => {
    const [deleter, other] = (await learnerWithSessions(2)) as [SignedIn, SignedIn];
    const streams = [await streamOf(deleter), await streamOf(other)];
    const deleted = await app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      headers: { cookie: deleter.cookie },
      payload: { password: TEST_PASSWORD },
    });
    expect(deleted.statusCode).toBe(204);
    for (const stream of streams) expect(await endsWithin(stream, 5000)).toBe(true);
  });

  it('ends when the session expires', async () => {
    const short = await buildTestApp({ sessionTtlSeconds: 2 });
    try {
      await short.listen({ port: 0, host: '127.0.0.1' });
      const shortBase = `http://127.0.0.1:${(short.server.address() as AddressInfo).port}`;
      const { email } = await seedLearner(short.database);
      const stream = await streamOf(await signInAs(short, email), shortBase);
      expect(await endsWithin(stream, 10_000)).toBe(true);
      expect(await stream.ended).toContain('event: signed-out\n');
    } finally {
      await short.close();
    }
  });
});

describe('streams per session', () => {
  it(`refuses stream ${STREAMS_PER_SESSION + 1} of one session with 429 and a sentence, and opens one again once another closed`, async () => {
    const [greedy, other] = (await learnerWithSessions(2)) as [SignedIn, SignedIn];
    const streams: OpenStream[] = [];
    for (let i = 0; i < STREAMS_PER_SESSION; i++) streams.push(await streamOf(greedy));
    const refused = await openEventStream(base, greedy.cookie);
    expect(refused.status).toBe(429);
    expect('body' in refused && refused.body).toEqual({
      error: 'too_many_requests',
      message: `This session already has ${STREAMS_PER_SESSION} live streams open: close a tab or window first`,
    });
    // Another session of the same learner has its own allowance.
    await stillDelivers(await streamOf(other), other, 'caching');

    streams[0]?.close();
    const reopen = async () => {
      const answer = await openEventStream(base, greedy.cookie);
      if ('stream' in answer) answer.stream.close();
      return answer.status;
    };
    await expect.poll(reopen, { timeout: 5000 }).toBe(200);
  });
});
