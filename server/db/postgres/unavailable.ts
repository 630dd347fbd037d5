/**
 * Whether an error from PostgreSQL (through `pg`) means the database cannot be reached or the connection
 * broke — the server is down, restarting, refusing connections, or too slow to answer — rather than that
 * the statement was wrong. The service answers those `503 database_unavailable` (try again soon); every
 * other database error stays a 500.
 */

/** Node's socket and name-resolution errors: nothing answered, or the connection was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATEs besides class 08 (connection exception): the server ended or refused the session. */
const SERVER_CODES = new Set([
  '57P01', // admin_shutdown: a fast shutdown or restart, or pg_terminate_backend
  '57P02', // crash_shutdown: another server process crashed, every session is reset
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '57P05', // idle_session_timeout: the server closed a session left idle
  '53300', // too_many_connections: no connection slot free
]);

/** Errors `pg` and `pg-pool` raise without a code, by their (stable) messages. */
const DRIVER_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout expired',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors, cause } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.has(message)) return true;
  // Node reports a connection tried on several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}

/**
 * Whether PostgreSQL refused a text value it cannot store: the NUL character (U+0000), which SQLite keeps
 * and PostgreSQL's text type cannot hold (SQLSTATE 22021, or 22P05 for an untranslatable character).
 * The service answers 400: the input is at fault, not the service.
 */
export function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}
