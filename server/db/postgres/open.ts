/**
 * Opens the service's PostgreSQL database: a connection pool, then the migrations (`migrate.ts`). The pool
 * logs a broken idle connection rather than crash: `pg` emits 'error' on the pool when a client it holds
 * idle loses its socket (PostgreSQL restarted, a connection killed, the network cut), and an 'error' event
 * nobody listens to ends the process. The pool opens a new connection when one is next needed.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { migratePostgres } from './migrate';

export interface PostgresOptions {
  /** The most connections this instance opens (each PostgreSQL connection is a server process). */
  readonly poolSize: number;
  readonly logger: Pick<Logger, 'warn'>;
  /** How long to wait for a connection, new or from a full pool, before failing; default 10 s. */
  readonly connectionTimeoutMs?: number;
}

/** `bigint` columns (times, seqs, ids) and `count(*)` as numbers, as better-sqlite3 gives them. */
function bigintAsNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${text} is beyond a JavaScript number's exact range`);
  return value;
}

const TYPES = new pg.TypeOverrides();
TYPES.setTypeParser(pg.types.builtins.INT8, bigintAsNumber);

/** A pool on the database at `url`, migrated to the latest schema. The caller ends the pool. */
export async function openPostgres(url: string, options: PostgresOptions): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    // A peer that vanished without closing its sockets is noticed, and its locks released, sooner.
    keepAlive: true,
    application_name: 'sessiondesk',
    types: TYPES,
  });
  // pg-pool listens to a client's errors only once while a pool.query runs on it, and a session PostgreSQL
  // ends emits two ('terminating connection…', then 'Connection terminated'): the second, with nobody
  // listening, ended the process (seen in CI's PostgreSQL-restart test). Every client keeps a listener of
  // its own; the query's callback and the pool's listeners still report the failure.
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('error', (error: Error & { code?: string }) => {
    options.logger.warn(
      { err: error, code: error.code },
      'An idle PostgreSQL connection broke; the pool opens a new one when it needs one',
    );
  });
  try {
    await migratePostgres(pool, describeDatabaseUrl(url));
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** The database a URL names, for messages and logs: user, host, port and database, never the password. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  parsed.search = '';
  return parsed.toString();
}
