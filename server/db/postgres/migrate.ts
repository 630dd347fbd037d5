/**
 * PostgreSQL's migration runner: the schema version in a one-row `schema_version` table, each migration in
 * its own transaction (PostgreSQL's DDL is transactional) under `pg_advisory_xact_lock`, so that instances
 * starting together on one database migrate it once — the others wait, then find it done. A database
 * written by a newer Sessiondesk is refused rather than misread.
 */
import type pg from 'pg';
import { POSTGRES_MIGRATIONS, type PostgresMigration } from '../migrations/postgres/index';
import { DatabaseTooNewError } from '../schema-version';
import { ADVISORY_LOCKS } from './advisory-locks';

export interface MigrationResult {
  /** The schema version the database is at now. */
  readonly version: number;
  /** The versions this call applied (none when another instance had, or the database was up to date). */
  readonly applied: readonly number[];
}

/**
 * The migration that brings a database at `current` one step on, or null when it is at the latest.
 * Throws DatabaseTooNewError when `current` is newer than the latest known.
 */
export function nextMigration(
  current: number,
  database: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): PostgresMigration | null {
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new DatabaseTooNewError(database, current, latest);
  if (current === latest) return null;
  // An empty database (version 0) starts with the baseline, which brings it to its version at once.
  const next = current === 0 ? migrations[0] : migrations.find((m) => m.version === current + 1);
  if (!next) {
    throw new Error(
      `The database ${database} has schema version ${current}, which no Sessiondesk writes on PostgreSQL ` +
        `(its first is ${migrations[0]!.version}): restore it from a backup of a Sessiondesk database.`,
    );
  }
  return next;
}

/** Brings the database to the latest schema version; `database` names it in errors (without a password). */
export async function migratePostgres(pool: pg.Pool, database: string): Promise<MigrationResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const applied: number[] = [];
  try {
    for (;;) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.migrations]);
        // Under the lock, so two first starts do not race to create it.
        await client.query(
          `CREATE TABLE IF NOT EXISTS schema_version (
             id integer PRIMARY KEY CHECK (id = 1),
             version integer NOT NULL
           )`,
        );
        await client.query(
          'INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING',
        );
        const { rows } = await client.query<{ version: number }>(
          'SELECT version FROM schema_version WHERE id = 1',
        );
        const current = rows[0]!.version;
        const next = nextMigration(current, database);
        if (!next) {
          await client.query('COMMIT');
          return { version: current, applied };
        }
        await client.query(next.sql);
        await client.query('UPDATE schema_version SET version = $1 WHERE id = 1', [next.version]);
        await client.query('COMMIT');
        applied.push(next.version);
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      }
    }
  } finally {
    // A client whose ROLLBACK failed is in an unknown state: the pool closes it rather than reuse it.
    client.release(broken);
  }
}
