/**
 * Restores a backup (`backupDataFolder`) into a data folder no program has open. The backup is checked
 * first — both files there, the secrets valid, the database whole and of a schema this version knows — on
 * a copy written beside the live files; then the files it replaces are moved into a folder named by the
 * time (itself a backup that can be restored), and the copies renamed into place.
 */
import { chmodSync, constants, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readSecrets } from '../services/secrets';
import { checkSchemaVersion, type SqliteDatabase } from './database';
import {
  assertNotInUse,
  DATABASE_COMPANIONS,
  DATABASE_FILE,
  DataFolderError,
  feedHead,
  isDiskFull,
  SECRETS_FILE,
  syncToDisk,
} from './data-folder';

export interface RestoreResult {
  readonly schemaVersion: number;
  /** The newest change seq the restored database holds. */
  readonly head: number;
  /** Where the files it replaced are now; null when the data folder held none. */
  readonly replacedFolder: string | null;
  /** Clients whose cursor is below it sync again; null when there was no database to replace. */
  readonly resyncThrough: number | null;
}

export function restoreDataFolder(options: {
  readonly dataDir: string;
  readonly from: string;
  /** Names the folder of the replaced files. */
  readonly now: Date;
}): RestoreResult {
  const { dataDir, from } = options;
  const backupDatabase = join(from, DATABASE_FILE);
  const backupSecrets = join(from, SECRETS_FILE);
  for (const file of [backupDatabase, backupSecrets]) {
    if (!existsSync(file)) {
      throw new DataFolderError('no_backup', `${from} is not a Sessiondesk backup: it holds no ${file}.`);
    }
  }
  readSecrets(backupSecrets);
  const liveDatabase = join(dataDir, DATABASE_FILE);
  if (existsSync(liveDatabase)) assertNotInUse(liveDatabase);

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const incomingDatabase = join(dataDir, `.${DATABASE_FILE}.restoring-${process.pid}`);
  const incomingSecrets = join(dataDir, `.${SECRETS_FILE}.restoring-${process.pid}`);
  let checked;
  try {
    copyOwnerOnly(backupDatabase, incomingDatabase);
    copyOwnerOnly(backupSecrets, incomingSecrets);
    checked = checkDatabase(incomingDatabase, backupDatabase);
  } catch (error) {
    for (const file of [incomingDatabase, incomingSecrets]) rmSync(file, { force: true });
    if (isDiskFull(error)) {
      throw new DataFolderError(
        'disk_full',
        `The disk holding ${dataDir} is full: free some space and run it again.`,
      );
    }
    throw error;
  }

  // Checked again: a service may have been started while the copy was made.
  let resyncThrough = null;
  if (existsSync(liveDatabase)) {
    assertNotInUse(liveDatabase);
    const replacedHead = readableHead(liveDatabase);
    if (replacedHead !== null) {
      resyncThrough = Math.max(replacedHead, checked.head) + 1;
      try {
        continueFeedAfter(incomingDatabase, resyncThrough);
      } catch (error) {
        for (const file of [incomingDatabase, incomingSecrets]) rmSync(file, { force: true });
        throw error;
      }
    }
  }
  const replacedFolder = moveAside(dataDir, options.now);
  renameSync(incomingDatabase, liveDatabase);
  renameSync(incomingSecrets, join(dataDir, SECRETS_FILE));
  syncToDisk(dataDir);
  return { ...checked, replacedFolder, resyncThrough };
}

function copyOwnerOnly(source: string, destination: string): void {
  copyFileSync(source, destination, constants.COPYFILE_EXCL);
  chmodSync(destination, 0o600);
  syncToDisk(destination);
}

type CheckedBackup = Pick<RestoreResult, 'schemaVersion' | 'head'>;

function checkDatabase(file: string, named: string): CheckedBackup {
  const db = new Database(file, { fileMustExist: true });
  try {
    return checkedHead(db, named);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new DataFolderError('damaged', `${named} is not a whole Sessiondesk database (${code}).`);
    }
    throw error;
  } finally {
    db.close();
  }
}

function checkedHead(db: SqliteDatabase, named: string): CheckedBackup {
  const schemaVersion = checkSchemaVersion(db, named);
  const check = schemaVersion > 0 ? db.pragma('quick_check', { simple: true }) : 'no schema';
  if (check !== 'ok') {
    throw new DataFolderError('damaged', `${named} is not a whole Sessiondesk database (${String(check)}).`);
  }
  return { schemaVersion, head: feedHead(db) };
}

/** The replaced database's newest seq; null when it cannot be read (a damaged one, the reason to restore). */
function readableHead(file: string): number | null {
  try {
    const db = new Database(file, { fileMustExist: true, timeout: 0 });
    try {
      return feedHead(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/**
 * Changes made after the backup had seqs the restored feed would give out again, to other changes: a client
 * that saw them, reconnecting once new changes passed its cursor, would miss those and keep what the
 * restore took back. So the restored feed goes on after every seq the replaced database gave out, and every
 * cursor below that point syncs again, as a cursor older than the kept changes does.
 */
function continueFeedAfter(file: string, from: number): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.transaction(() => {
      db.prepare("UPDATE meta SET value = ? WHERE key = 'seq'").run(from);
      db.prepare("UPDATE meta SET value = max(value, ?) WHERE key = 'tombstones_pruned_through'").run(from);
    })();
  } finally {
    db.close();
  }
}

/** Moves the live database (with any WAL left beside it) and secrets into DATA_DIR/replaced-<time>. */
function moveAside(dataDir: string, now: Date): string | null {
  const names = [DATABASE_FILE, ...DATABASE_COMPANIONS.map((suffix) => DATABASE_FILE + suffix), SECRETS_FILE];
  const present = names.filter((name) => existsSync(join(dataDir, name)));
  if (present.length === 0) return null;
  const folder = join(dataDir, `replaced-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(folder, { mode: 0o700 });
  for (const name of present) renameSync(join(dataDir, name), join(folder, name));
  syncToDisk(folder);
  return folder;
}
