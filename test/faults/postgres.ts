// PostgreSQL for the fault tests: a database of their own (a server process cannot take a schema),
// what it stores, and the administrator's view of the server's connections.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Learner, StoredTimes } from './write-load.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const SKIP_REASON = 'needs PostgreSQL: set TEST_DATABASE_URL (CI does)';

export interface ScratchDatabase {
  url: string;
  admin: pg.Client;
  drop(): Promise<void>;
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(TEST_DATABASE_URL as string);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    admin,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Each connection a server process opened (it names them after itself: "trailmap serve <pid>", and
 * "… listen" for its LISTEN connection); the pid whole, so pid 12 is not taken for pid 1234.
 */
export const serverConnections = `(application_name = 'trailmap serve ' || $1 or application_name like 'trailmap serve ' || $1 || ' %')`;

/** Ends every connection of the server process, as a failover or an idle reaper does. */
export async function terminateServerConnections(admin: pg.Client, pid: number): Promise<number> {
  const { rows } = await admin.query(
    `select pg_terminate_backend(pid) as ended from pg_stat_activity where ${serverConnections}`,
    [String(pid)],
  );
  return rows.filter((row) => row.ended).length;
}

/** Whether the server's LISTEN connection is open, on a connection made after `since` if given. */
export async function isListening(admin: pg.Client, pid: number, since = new Date(0)): Promise<boolean> {
  const { rows } = await admin.query(
    `select 1 from pg_stat_activity
     where ${serverConnections} and query like 'LISTEN %' and backend_start > $2`,
    [String(pid), since],
  );
  return rows.length > 0;
}

/** What the database holds for the learners, straight from the table. */
export async function storedInDatabase(url: string, learners: Learner[]): Promise<StoredTimes> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select l.email, p.topic_id, p.updated_at from progress p join learners l on l.id = p.learner_id
       where p.roadmap = 'backend'`,
    );
    const stored: StoredTimes = new Map();
    for (const [i, learner] of learners.entries()) {
      const topics = new Map<string, number>();
      for (const row of rows.filter((r) => r.email === learner.email))
        topics.set(row.topic_id, new Date(row.updated_at).getTime());
      stored.set(i, topics);
    }
    return stored;
  } finally {
    await client.end();
  }
}
