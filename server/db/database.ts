/**
 * Opens the service's SQLite database: WAL, foreign keys, full fsync (a committed change survives a crash
 * or power loss), and versioned migrations on PRAGMA user_version. A database written by a newer version
 * is refused rather than misread.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index';

export type SqliteDatabase = Database.Database;

export class DatabaseTooNewError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `The database ${file} has schema version ${found}, newer than this Sessiondesk knows (${known}). ` +
        'Run a newer Sessiondesk, or restore a backup made by this version.',
    );
  }
}

export function openDatabase(file: string): SqliteDatabase {
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

/** Applies the migrations the database has not seen, each in its own transaction. Returns the version. */
export function migrate(db: SqliteDatabase, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS.length;
  if (current > latest) throw new DatabaseTooNewError(file, current, latest);
  for (let version = current + 1; version <= latest; version++) {
    const sql = MIGRATIONS[version - 1]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return latest;
}
