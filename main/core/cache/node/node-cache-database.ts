/**
 * The cache's engine in Node: better-sqlite3 on a file. WAL (readers never wait for the writer), full
 * fsync (the outbox holds work the agent did offline), foreign keys on, and a busy timeout for the moment
 * another connection (a test's, a tool's) holds the file.
 */
import Database from 'better-sqlite3';
import { migrateCache, type CacheDatabase } from '../cache-database';

export function openNodeCacheDatabase(file: string): CacheDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // better-sqlite3's Database is the interface's model: it is a CacheDatabase as it is.
    migrateCache(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
