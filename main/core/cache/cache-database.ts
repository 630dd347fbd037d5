/**
 * Opens an agent's cache: one SQLite file per service and account, WAL, foreign keys on, full fsync
 * (the outbox holds work the agent did offline), and versioned migrations on PRAGMA user_version. A cache
 * written by a newer Sessiondesk is refused rather than misread.
 */
import Database from 'better-sqlite3';
import { CACHE_MIGRATIONS } from './cache-migrations';

export type CacheDatabase = Database.Database;

export class CacheTooNewError extends Error {
  override readonly name = 'CacheTooNewError';
  readonly code = 'cache_too_new';
  constructor(file: string, found: number, known: number) {
    super(
      `The cache ${file} has schema version ${found}, newer than this Sessiondesk knows (${known}). ` +
        'Update Sessiondesk, or sign out and in again to rebuild it.',
    );
  }
}

export function openCacheDatabase(file: string): CacheDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateCache(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies the migrations the cache has not seen, each in its own transaction. Returns the version. */
export function migrateCache(db: CacheDatabase, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = CACHE_MIGRATIONS.length;
  if (current > latest) throw new CacheTooNewError(file, current, latest);
  for (let version = current + 1; version <= latest; version++) {
    db.transaction(() => {
      db.exec(CACHE_MIGRATIONS[version - 1]!);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return latest;
}
