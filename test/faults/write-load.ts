// Learners clicking through a real server: one sequential writer each, every answer recorded, every
// 200 an acknowledged write to look for in the database afterwards.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';

const TOPICS = [
  'rest-apis',
  'auth',
  'caching',
  'testing',
  'sql',
  'nosql',
  'database-scaling',
  'docker',
  'cloud',
  'ci-cd',
];
const STATUSES = ['learning', 'done', 'skipped', 'pending'];

export interface Answer {
  /** The HTTP status, or what happened instead of one. */
  status: number | 'no answer in time' | 'no connection';
  /** When the request was sent, and how long it took (ms). */
  at: number;
  ms: number;
  /** 503s: the body and Retry-After, to check their shape. */
  body?: unknown;
  retryAfter?: string | null;
}

export interface Acknowledged {
  learner: number;
  topic: string;
  updatedAt: string;
}

export interface Learner {
  email: string;
  /** The session cookie, as a Cookie header. */
  cookie: string;
}

export async function signUpLearners(base: string, count: number, prefix: string): Promise<Learner[]> {
  const learners: Learner[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}${i}-${randomBytes(3).toString('hex')}@example.org`;
    const res = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'durable writes only' }),
    });
    expect(res.status).toBe(201);
    learners.push({ email, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string });
  }
  return learners;
}

export interface WriteLoad {
  acknowledged: Acknowledged[];
  answers: Answer[];
  /** Stops the writers and waits for their last requests. */
  stop(): Promise<void>;
}

/**
 * Starts one writer per learner. A request that has no answer after `giveUpMs` counts as "no
 * answer in time"; a refused connection (the server is gone) as "no connection".
 */
export function startWriteLoad(base: string, learners: Learner[], giveUpMs = 30_000): WriteLoad {
  const acknowledged: Acknowledged[] = [];
  const answers: Answer[] = [];
  let stopped = false;
  const writer = async (learner: number) => {
    for (let n = 0; !stopped; n++) {
      const topic = TOPICS[(n + learner) % TOPICS.length] as string;
      const at = performance.now();
      const answer: Answer = { status: 'no connection', at, ms: 0 };
      try {
        const res = await fetch(`${base}/api/v1/me/progress/backend/topics/${topic}`, {
          method: 'PUT',
          headers: { cookie: (learners[learner] as Learner).cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ status: STATUSES[n % STATUSES.length] }),
          signal: AbortSignal.timeout(giveUpMs),
        });
        answer.status = res.status;
        const body = await res.json().catch(() => undefined);
        if (res.status === 200)
          acknowledged.push({ learner, topic, updatedAt: body.topics[topic].updatedAt });
        else Object.assign(answer, { body, retryAfter: res.headers.get('retry-after') });
      } catch (error) {
        if ((error as Error).name === 'TimeoutError') answer.status = 'no answer in time';
        // Do not spin while nothing answers.
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      answer.ms = performance.now() - at;
      answers.push(answer);
    }
  };
  const writers = learners.map((_, i) => writer(i));
  return {
    acknowledged,
    answers,
    stop: async () => {
      stopped = true;
      await Promise.all(writers);
    },
  };
}

/** When each topic of each learner last changed, as stored: learner index -> topic -> time. */
export type StoredTimes = Map<number, Map<string, number>>;

/** The stored times as the server's API reports them (after a restart: from the database). */
export async function storedThroughApi(base: string, learners: Learner[]): Promise<StoredTimes> {
  const stored: StoredTimes = new Map();
  for (const [i, { cookie }] of learners.entries()) {
    const res = await fetch(`${base}/api/v1/me/progress/backend`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const topics = (await res.json()).topics as Record<string, { updatedAt: string }>;
    stored.set(i, new Map(Object.entries(topics).map(([topic, row]) => [topic, Date.parse(row.updatedAt)])));
  }
  return stored;
}

/** Acknowledged writes that are not stored: the row must hold this write or a later one. */
export function lostWrites(acknowledged: Acknowledged[], stored: StoredTimes): number {
  return acknowledged.filter((write) => {
    const at = stored.get(write.learner)?.get(write.topic);
    return at === undefined || at < Date.parse(write.updatedAt);
  }).length;
}

/** Counts answers by status, e.g. { 200: 812, 503: 40 }, for a test's log line and assertions. */
export function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
}
