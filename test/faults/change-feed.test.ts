// The change feed tells other instances what changed so their caches forget it. A notification
// the database refused (this instance's connection just dropped) must still reach them later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeed, type FeedEvent } from '../../src/db/change-feed.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.ts';
import { openTestDatabase } from '../helpers/db.ts';
import { SKIP_REASON, TEST_DATABASE_URL } from './postgres.ts';
import { TcpForwarder } from './tcp-forwarder.ts';
import { until } from './until.ts';

describe.skipIf(!TEST_DATABASE_URL)(
  `the change feed when this instance loses the database${TEST_DATABASE_URL ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    let direct: DatabaseHandle & { schema?: string };
    let cut: DatabaseHandle;
    let forwarder: TcpForwarder;
    let here: ChangeFeed;
    let there: ChangeFeed;
    const heardThere: FeedEvent[] = [];
    const problems: unknown[] = [];

    beforeAll(async () => {
      direct = await openTestDatabase('postgres');
      const url = new URL(TEST_DATABASE_URL as string);
      forwarder = new TcpForwarder({ host: url.hostname, port: Number(url.port || 5432) });
      await forwarder.open();
      url.host = `127.0.0.1:${forwarder.port}`;
      cut = await openDatabase({ databaseUrl: url.toString(), schema: direct.schema, timeoutMs: 1000 });
      here = new ChangeFeed(cut, (error) => problems.push(error));
      there = new ChangeFeed(direct, () => {});
      await here.start();
      await there.start();
      there.subscribe((event) => heardThere.push(event));
    });
    afterAll(async () => {
      await here?.stop();
      await there?.stop();
      await cut?.close();
      await forwarder?.close();
      await direct?.close();
    });

    it('sends a change again once the database is back, so the other instance still hears of it', async () => {
      await forwarder.refuse();
      here.publish('sessions', 'learner-signed-out-meanwhile');
      await until('the notification failed', async () => problems.length > 0, 5000);
      await forwarder.open();
      await until(
        'the other instance heard of the change',
        async () =>
          heardThere.some(
            (event) => event.type === 'change' && event.learnerIds.includes('learner-signed-out-meanwhile'),
          ),
        10_000,
      );
      expect(problems).toHaveLength(1);
    });
  },
);
