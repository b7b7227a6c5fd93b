// A network partition between the server and PostgreSQL, through a forwarder the test cuts: first
// silently (nothing passes, nothing closes), then loudly (connections dropped, new ones refused).
// Requests must get 503 within DATABASE_TIMEOUT (plus a loaded machine's slack), never hang; the
// server must come back by itself, LISTEN included, and lose no acknowledged write.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.ts';
import {
  createScratchDatabase,
  isListening,
  type ScratchDatabase,
  SKIP_REASON,
  storedInDatabase,
  TEST_DATABASE_URL,
} from './postgres.ts';
import { TcpForwarder } from './tcp-forwarder.ts';
import { sleep, until } from './until.ts';
import { type Answer, lostWrites, signUpLearners, startWriteLoad, tally } from './write-load.ts';

const TIMEOUT_S = 2;
const SLACK_MS = 2000;
const BOUND_MS = TIMEOUT_S * 1000 + SLACK_MS;

async function readyz(base: string) {
  const started = performance.now();
  const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(BOUND_MS) });
  return { status: res.status, text: await res.text(), ms: performance.now() - started };
}

/** Answers that are neither a success nor a 503 in the documented shape. */
const unexpected = (answers: Answer[]) =>
  answers.filter(
    (a) =>
      a.status !== 200 &&
      !(
        a.status === 503 &&
        (a.body as { error?: string })?.error === 'unavailable' &&
        Number(a.retryAfter) > 0
      ),
  );

describe.skipIf(!TEST_DATABASE_URL)(
  `when the network between the server and PostgreSQL fails${TEST_DATABASE_URL ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    let database: ScratchDatabase;
    let forwarder: TcpForwarder;
    afterAll(async () => {
      await forwarder?.close();
      await database?.drop();
    });

    it('answers 503 within the timeout, reports unready, and recovers with every acknowledged write', async () => {
      database = await createScratchDatabase('trailmap_fault_partition');
      const direct = new URL(database.url);
      forwarder = new TcpForwarder({ host: direct.hostname, port: Number(direct.port || 5432) });
      await forwarder.open();
      const through = new URL(database.url);
      through.host = `127.0.0.1:${forwarder.port}`;
      const server = await startServerProcess({
        DATABASE_URL: through.toString(),
        DATABASE_TIMEOUT: String(TIMEOUT_S),
        RATE_LIMIT_PER_IP: '100000',
        RATE_LIMIT_PER_ACCOUNT: '100000',
      });
      const pid = server.child.pid as number;
      try {
        const learners = await signUpLearners(server.base, 6, 'partition');
        const load = startWriteLoad(server.base, learners, BOUND_MS);
        await sleep(500);

        // Silent: the answers in flight never come, new connections are never answered.
        forwarder.silence();
        const silenced = performance.now();
        const unready = await readyz(server.base);
        expect(unready.status).toBe(503);
        expect(JSON.parse(unready.text)).toEqual({
          status: 'unavailable',
          checks: { database: { answered: false, problem: 'timeout' } },
        });
        // Long enough for the LISTEN connection's heartbeat to notice it is deaf.
        await sleep(TIMEOUT_S * 2000 + 500);
        const duringSilence = load.answers.filter((a) => a.at > silenced + 100);
        expect(duringSilence.length).toBeGreaterThan(0);
        expect(duringSilence.every((a) => a.status === 503)).toBe(true);

        const reopened = new Date();
        await forwarder.open();
        const afterSilence = await until(
          'ready after the partition',
          async () => (await readyz(server.base)).status === 200,
          15_000,
        );
        await until(
          'listening again after the partition',
          () => isListening(database.admin, pid, reopened),
          15_000,
        );

        // Loud: connections dropped, new ones refused.
        await forwarder.refuse();
        const refused = performance.now();
        const refusedReady = await readyz(server.base);
        expect(refusedReady.status).toBe(503);
        // Refused when it connects anew, lost when it tried a connection that had just been dropped.
        expect(['refused', 'connection_lost']).toContain(
          JSON.parse(refusedReady.text).checks.database.problem,
        );
        // A page that needs the database (a session it has not seen) is the site's error page, 503.
        const page = await fetch(`${server.base}/account`, {
          headers: {
            accept: 'text/html',
            cookie: `trailmap_session=${randomBytes(32).toString('base64url')}`,
          },
        });
        expect(page.status).toBe(503);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
        const html = await page.text();
        expect(html).toContain('The database is not answering right now');
        expect(html).toContain('<h1>Temporarily unavailable</h1>');
        await sleep(1500);
        expect(load.answers.filter((a) => a.at > refused + 100).every((a) => a.status === 503)).toBe(true);

        const reopenedAgain = new Date();
        await forwarder.open();
        const afterRefusal = await until(
          'ready after the refusal',
          async () => (await readyz(server.base)).status === 200,
          15_000,
        );
        await until(
          'listening again after the refusal',
          () => isListening(database.admin, pid, reopenedAgain),
          15_000,
        );
        const recovered = performance.now();
        await sleep(1000);
        await load.stop();

        const slowest = Math.max(...load.answers.map((a) => a.ms));
        console.info(
          `partition: answers ${JSON.stringify(tally(load.answers))}; slowest ${Math.round(slowest)} ms ` +
            `(bound ${BOUND_MS}); /readyz 503 after ${Math.round(unready.ms)} ms silent, ${Math.round(refusedReady.ms)} ms refused; ` +
            `ready again ${Math.round(afterSilence)} and ${Math.round(afterRefusal)} ms after reopening`,
        );
        expect(server.child.exitCode, 'the server process is still running').toBeNull();
        expect(unexpected(load.answers)).toEqual([]);
        expect(load.answers.filter((a) => a.at > recovered && a.status !== 200)).toEqual([]);
        expect(load.answers.filter((a) => a.at > recovered).length).toBeGreaterThan(0);
        expect(load.acknowledged.length).toBeGreaterThan(50);
        expect(lostWrites(load.acknowledged, await storedInDatabase(database.url, learners))).toBe(0);
      } finally {
        await server.stop();
      }
    }, 60_000);
  },
);
