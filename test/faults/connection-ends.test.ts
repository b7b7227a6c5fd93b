// A PostgreSQL connection that ends (a failover, a restart, PgBouncer, an idle reaper: all look
// like pg_terminate_backend to the server) must cost a few 503s, never the process or a write.
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.ts';
import {
  createScratchDatabase,
  isListening,
  type ScratchDatabase,
  SKIP_REASON,
  storedInDatabase,
  TEST_DATABASE_URL,
  terminateServerConnections,
} from './postgres.ts';
import { readiness, sleep, until } from './until.ts';
import { lostWrites, signUpLearners, startWriteLoad, tally } from './write-load.ts';

const TIMEOUT_S = 2;
/** A request must be answered within the database timeout and this much more (a loaded machine). */
const SLACK_MS = 2000;

describe.skipIf(!TEST_DATABASE_URL)(
  `when PostgreSQL ends every connection of a running server${TEST_DATABASE_URL ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    let database: ScratchDatabase;
    afterAll(() => database?.drop());

    it('stays up, answers 503 with Retry-After meanwhile, recovers by itself and loses no acknowledged write', async () => {
      database = await createScratchDatabase('trailmap_fault_ends');
      const server = await startServerProcess({
        DATABASE_URL: database.url,
        DATABASE_TIMEOUT: String(TIMEOUT_S),
        RATE_LIMIT_PER_IP: '100000',
        RATE_LIMIT_PER_ACCOUNT: '100000',
      });
      const pid = server.child.pid as number;
      try {
        const learners = await signUpLearners(server.base, 6, 'ends');
        const load = startWriteLoad(server.base, learners, TIMEOUT_S * 1000 + SLACK_MS);
        await sleep(500);

        // Again and again, as a flapping network or an aggressive reaper would.
        let ended = 0;
        for (let round = 0; round < 12; round++) {
          ended += await terminateServerConnections(database.admin, pid);
          await sleep(250);
        }
        const recoveredIn = await until(
          '/readyz answers 200',
          async () => (await readiness(server.base)) === 200,
          10_000,
        );
        const recovered = performance.now();
        await until('the LISTEN connection is back', () => isListening(database.admin, pid), 10_000);
        await sleep(1000);
        await load.stop();

        const counts = tally(load.answers);
        console.info(
          `connection ends: ${ended} connections ended in 12 rounds; answers ${JSON.stringify(counts)}; ` +
            `ready again ${Math.round(recoveredIn)} ms after the last round`,
        );
        expect(server.child.exitCode, 'the server process is still running').toBeNull();
        expect(ended).toBeGreaterThanOrEqual(12);
        // Every answer was a success or a 503 in the documented shape: no 500, no hang.
        const unexpected = load.answers.filter(
          (a) =>
            a.status !== 200 &&
            !(
              a.status === 503 &&
              (a.body as { error?: string })?.error === 'unavailable' &&
              Number(a.retryAfter) > 0
            ),
        );
        expect(unexpected).toEqual([]);
        expect(counts[503], 'requests in flight when their connection ended got 503').toBeGreaterThan(0);
        // Once ready, every write succeeds again.
        expect(load.answers.filter((a) => a.at > recovered + 500 && a.status !== 200)).toEqual([]);
        expect(load.answers.filter((a) => a.at > recovered + 500).length).toBeGreaterThan(0);

        expect(load.acknowledged.length).toBeGreaterThan(50);
        expect(lostWrites(load.acknowledged, await storedInDatabase(database.url, learners))).toBe(0);
      } finally {
        await server.stop();
      }
    }, 60_000);
  },
);
