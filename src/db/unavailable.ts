// Which database failures mean "the database cannot serve us right now" (answer 503 and let the
// client try again) rather than a bug (500). One place, so the error handler, readiness, group
// commit and the pool all agree.

export type Unavailability =
  | 'connection_lost'
  | 'refused'
  | 'timeout'
  | 'admin_shutdown'
  | 'too_many_connections'
  | 'read_only'
  | 'disk_full';

/** PostgreSQL's SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const BY_SQLSTATE: Record<string, Unavailability> = {
  '08000': 'connection_lost', // connection_exception
  '08003': 'connection_lost', // connection_does_not_exist
  '08006': 'connection_lost', // connection_failure
  '08001': 'refused', // sqlclient_unable_to_establish_sqlconnection
  '08004': 'refused', // sqlserver_rejected_establishment_of_sqlconnection
  '57P01': 'admin_shutdown', // pg_terminate_backend, a fast shutdown
  '57P02': 'admin_shutdown', // crash_shutdown: another backend crashed
  '57P03': 'admin_shutdown', // cannot_connect_now: starting up, shutting down, in recovery
  '57014': 'timeout', // query_canceled: statement_timeout
  '53300': 'too_many_connections',
  '25006': 'read_only', // a standby after a failover, until DNS points at the new primary
  '53100': 'disk_full', // PostgreSQL and PGlite alike ("could not extend file")
};

/** Node's socket and file errors. */
const BY_ERRNO: Record<string, Unavailability> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'refused',
  EAI_AGAIN: 'refused',
  EHOSTUNREACH: 'refused',
  ENETUNREACH: 'refused',
  ECONNRESET: 'connection_lost',
  EPIPE: 'connection_lost',
  ETIMEDOUT: 'timeout',
  ENOSPC: 'disk_full',
};

/** node-postgres reports its own failures by message only. */
const BY_MESSAGE: [RegExp, Unavailability][] = [
  [/^Connection terminated due to connection timeout$/, 'timeout'],
  [/^timeout exceeded when trying to connect$/, 'timeout'],
  [/^Query read timeout$/, 'timeout'],
  [/^Connection terminated( unexpectedly)?$/, 'connection_lost'],
  [/^Client has encountered a connection error and is not queryable$/, 'connection_lost'],
];

/** What kind of unavailability the error is, or undefined for any other error (a bug: 500). */
export function unavailability(error: unknown, depth = 0): Unavailability | undefined {
  if (!(error instanceof Error) || depth > 3) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (BY_SQLSTATE[code] ?? BY_ERRNO[code]))
    return BY_SQLSTATE[code] ?? BY_ERRNO[code];
  for (const [pattern, kind] of BY_MESSAGE) if (pattern.test(error.message)) return kind;
  // Connecting to "localhost" tries each of its addresses: Node reports all failures at once.
  if (error instanceof AggregateError)
    for (const inner of error.errors) {
      const kind = unavailability(inner, depth + 1);
      if (kind) return kind;
    }
  return error.cause === undefined ? undefined : unavailability(error.cause, depth + 1);
}

/** What a learner reads in a 503: what happened, and that trying again later is the way out. */
export function unavailableMessage(kind: Unavailability): string {
  return kind === 'disk_full'
    ? 'The server has run out of disk space, so nothing new can be saved right now. Please try again later.'
    : 'The database is not answering right now, so this could not be done. Please try again in a few seconds.';
}

/** Seconds a client should wait before trying again (the Retry-After header). */
export function retryAfterSeconds(kind: Unavailability): number {
  return kind === 'disk_full' ? 60 : 5;
}
