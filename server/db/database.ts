/**
 * Opens the service's SQLite database: WAL, foreign keys, full fsync (a committed change survives a crash
 * or power loss), and versioned migrations on PRAGMA user_version. A database written by a newer version
 * is refused rather than misread. The file, its WAL and its shared memory are readable by the owner alone.
 */
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/sqlite/index';
import { DatabaseTooNewError } from './schema-version';

// Shared with PostgreSQL's runner; still importable from here, where its SQLite users find it.
export { DatabaseTooNewError };

export type SqliteDatabase = Database.Database;

export function openDatabase(file: string): SqliteDatabase {
  ownerOnly(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Makes the database file (created empty if new) and any WAL or shared-memory file left beside it
 * readable and writable by the owner alone. SQLite gives the WAL and shared-memory files it creates the
 * database file's mode, so they are 0600 too.
 */
function ownerOnly(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

/**
 * Rewrites the database without its free pages and empties the WAL, so that content deleted or
 * overwritten before (secrets stored in plain text by an older version) is gone from the files.
 */
export function scrubFreedContent(db: SqliteDatabase): void {
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** The database's schema version; throws DatabaseTooNewError when this version does not know it. */
export function checkSchemaVersion(db: SqliteDatabase, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) throw new DatabaseTooNewError(file, current, MIGRATIONS.length);
  return current;
}

/** Applies the migrations the database has not seen, each in its own transaction. Returns the version. */
export function migrate(db: SqliteDatabase, file: string): number {
  const current = checkSchemaVersion(db, file);
  const latest = MIGRATIONS.length;
  for (let version = current + 1; version <= latest; version++) {
    const sql = MIGRATIONS[version - 1]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return latest;
}
