// The one line an operator reads when the database the configuration names cannot be reached at
// start: which variable, its address (password masked), and why, in the words they would search for.
import { unavailability } from './unavailable.ts';

export class DatabaseConnectError extends Error {}

/** The address with its password (in the user part or the query) replaced by ***. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return 'an address that is not a URL';
  }
}

/** PostgreSQL's own sentences for these are the clearest: "database "x" does not exist". */
const SERVER_SAYS = new Set([
  '28P01', // invalid_password: password authentication failed for user "…"
  '28000', // invalid_authorization_specification: no pg_hba.conf entry, role "…" does not exist
  '3D000', // invalid_catalog_name: database "…" does not exist
  '42501', // insufficient_privilege: permission denied for database "…"
  '53300', // too_many_connections
  '57P03', // cannot_connect_now: the database system is starting up
]);

function reason(error: unknown, url: string, timeoutMs: number): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code && SERVER_SAYS.has(code)) return message;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host "${new URL(url).hostname}" not found`;
  switch (unavailability(error)) {
    case 'refused':
      return 'connection refused';
    case 'timeout':
      return `no answer within ${timeoutMs / 1000} s (DATABASE_TIMEOUT)`;
    case 'connection_lost':
      return 'the server closed the connection';
    default:
      return message;
  }
}

export function connectFailure(
  variable: 'DATABASE_URL' | 'DATABASE_LISTEN_URL',
  url: string,
  error: unknown,
  timeoutMs: number,
): DatabaseConnectError {
  return new DatabaseConnectError(
    `cannot connect to the database at ${variable} (${maskPassword(url)}): ${reason(error, url, timeoutMs)}`,
  );
}
