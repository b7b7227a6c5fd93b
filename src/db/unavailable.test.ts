// Which database failures answer 503 (try again later) and which stay bugs (500), checked on the
// errors PostgreSQL and node-postgres really raise. The fault tests (test/faults/) cover the rest:
// connections ended, partitions (timeouts, refusals) and full disks.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unavailability } from './unavailable.ts';

const url = process.env.TEST_DATABASE_URL;

async function failureOf(run: (client: pg.Client) => Promise<unknown>, connectionString = url) {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    await run(client);
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error('expected a failure');
}

describe.skipIf(!url)(
  `database errors, told apart${url ? '' : ' (skipped: needs PostgreSQL: set TEST_DATABASE_URL)'}`,
  () => {
    const role = `trailmap_no_connections_${randomBytes(3).toString('hex')}`;
    beforeAll(() =>
      failureOf((c) => c.query(`create role ${role} login connection limit 0`)).catch(() => {}),
    );
    afterAll(() => failureOf((c) => c.query(`drop role if exists ${role}`)).catch(() => {}));

    it('counts too many connections, a read-only standby, a statement timeout and a refusal as unavailable', async () => {
      const limited = new URL(url as string);
      limited.username = role;
      expect(unavailability(await failureOf(async () => {}, limited.toString()))).toBe(
        'too_many_connections',
      );
      expect(
        unavailability(
          await failureOf(async (c) => {
            await c.query('set default_transaction_read_only = on');
            await c.query('create temporary table t (x int)');
          }),
        ),
      ).toBe('read_only');
      expect(
        unavailability(
          await failureOf(async (c) => {
            await c.query('set statement_timeout = 10');
            await c.query('select pg_sleep(1)');
          }),
        ),
      ).toBe('timeout');
      expect(unavailability(await failureOf(async () => {}, 'postgres://nobody@127.0.0.1:1/x'))).toBe(
        'refused',
      );
      expect(
        unavailability(
          await failureOf(async (c) =>
            c.query({ text: 'select pg_sleep(1)', query_timeout: 10 } as pg.QueryConfig),
          ),
        ),
      ).toBe('timeout');
    });

    it('keeps every other error a bug: bad SQL, a broken constraint, a database that does not exist', async () => {
      expect(unavailability(await failureOf((c) => c.query('selec 1')))).toBeUndefined();
      expect(
        unavailability(
          await failureOf(async (c) => {
            await c.query('create temporary table t (x int primary key)');
            await c.query('insert into t values (1), (1)');
          }),
        ),
      ).toBeUndefined();
      const missing = new URL(url as string);
      missing.pathname = '/no_such_trailmap_database';
      expect(unavailability(await failureOf(async () => {}, missing.toString()))).toBeUndefined();
    });
  },
);
