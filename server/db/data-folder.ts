/**
 * The service's data folder: what it holds, by name, and what backup and restore share — the check that no
 * program has the database open, files written owner-only and made durable, and the failures a person can
 * act on, each with a stable code.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';

/** The database, in WAL mode: SQLite keeps `-wal` and `-shm` files beside it, which belong to it. */
export const DATABASE_FILE = 'sessiondesk.db';
export const DATABASE_COMPANIONS = ['-wal', '-shm'] as const;
/** The link-token key: without it every link already sent stops working, and queued mail cannot be read. */
export const SECRETS_FILE = 'secrets.json';

export const DATA_FOLDER_ERROR_CODES = [
  'no_data_folder',
  'no_database',
  'no_secrets',
  'no_backup',
  'destination_exists',
  'in_use',
  'damaged',
  'disk_full',
] as const;
export type DataFolderErrorCode = (typeof DATA_FOLDER_ERROR_CODES)[number];

/** A backup or restore that cannot go on; the message says what to do. */
export class DataFolderError extends Error {
  constructor(
    readonly code: DataFolderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** SQLite's and the file system's "no space left", from either a write of ours or one inside SQLite. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/**
 * Throws DataFolderError `in_use` when a program (the service, a backup under way, a sqlite3 shell) has the
 * database open. Every connection to a WAL database holds a shared lock on the file for as long as it is
 * open, and the operating system drops it when the process ends, even by a crash: so asking for an
 * exclusive lock, without waiting, fails exactly while someone has it open. (A pid file would be stale
 * after a crash and could name a reused pid; a lock file opened with 'wx' would outlive a crash.)
 * Closing this connection, the last one, checkpoints the WAL into the database and removes it.
 */
export function assertNotInUse(databaseFile: string): void {
  const db = new Database(databaseFile, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // SQLite takes the lock before it reads the file: a damaged one (the reason to restore) is not in use.
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return;
    if (code === 'SQLITE_BUSY') {
      throw new DataFolderError(
        'in_use',
        `${databaseFile} is open in a running Sessiondesk service (or another program): stop it ` +
          '(e.g. systemctl stop sessiondesk) and run the restore again.',
      );
    }
    throw error;
  } finally {
    db.close();
  }
}

/**
 * The newest change's seq, from `meta` as every schema version keeps it: backup and restore work on a
 * database of any version this one knows, before the service migrates it, so not through the store.
 */
export function feedHead(db: Database.Database): number {
  return db.prepare<[], number>("SELECT value FROM meta WHERE key = 'seq'").pluck().get() ?? 0;
}

/** Creates `file` empty, readable and writable by its owner alone; fails if it exists. */
export function createOwnerOnly(file: string): void {
  closeSync(openSync(file, 'wx', 0o600));
}

/** Flushes a file or a folder (the names it holds) to the disk. */
export function syncToDisk(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
