// LISTEN on a dedicated PostgreSQL connection that comes back by itself after a drop (with a
// growing pause), so live updates and cache invalidations resume once the database is reachable.
// A partition does not end a connection, it silences it: a heartbeat notices within two timeouts.
import type pg from 'pg';
import { queryWithin } from './postgres.ts';

export interface ListenOptions {
  url: string;
  channel: string;
  applicationName: string;
  /** Connecting and each heartbeat get this long (DATABASE_TIMEOUT); 0: no limit, no heartbeat. */
  timeoutMs: number;
  onMessage: (payload: string) => void;
  /** false: notifications may be missed from now on; true: listening again. */
  onConnection: (connected: boolean) => void;
  onTrouble: (error: unknown) => void;
}

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 10_000;

/** Listens; the first connection must succeed (its error is thrown). The result stops listening. */
export async function listenOnPostgres(options: ListenOptions): Promise<() => Promise<void>> {
  const { default: pg } = await import('pg');
  let client: pg.Client | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let started = false;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: options.url,
      application_name: `${options.applicationName} listen`,
      connectionTimeoutMillis: options.timeoutMs,
      keepAlive: true,
    });
    next.on('notification', (message) => {
      if (message.channel === options.channel && message.payload !== undefined)
        options.onMessage(message.payload);
    });
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = undefined;
      clearInterval(heartbeat);
      next.connection.stream.destroy();
      // Before the first success the caller hears of the failure, and nothing is retried.
      if (stopped || !started) return;
      if (error) options.onTrouble(error);
      options.onConnection(false);
      setTimeout(() => void connect().catch(() => {}), retryMs);
      retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
    };
    next.on('error', lost);
    next.on('end', () => lost());
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel}`);
    } catch (error) {
      lost(error);
      throw error;
    }
    started = true;
    retryMs = FIRST_RETRY_MS;
    options.onConnection(true);
    if (options.timeoutMs > 0) {
      heartbeat = setInterval(() => {
        queryWithin(next, 'select 1', [], options.timeoutMs).catch(lost);
      }, options.timeoutMs);
      heartbeat.unref();
    }
  };

  await connect();
  return async () => {
    stopped = true;
    clearInterval(heartbeat);
    await client?.end().catch(() => {});
  };
}
