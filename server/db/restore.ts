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
  if (existsSync(liveDatabase)) assertNotInUse(liveDatabase);
  const replacedFolder = moveAside(dataDir, options.now);
  renameSync(incomingDatabase, liveDatabase);
  renameSync(incomingSecrets, join(dataDir, SECRETS_FILE));
  syncToDisk(dataDir);
  return { ...checked, replacedFolder };
}

function copyOwnerOnly(source: string, destination: string): void {
  copyFileSync(source, destination, constants.COPYFILE_EXCL);
  chmodSync(destination, 0o600);
  syncToDisk(destination);
}

function checkDatabase(file: string, named: string): Omit<RestoreResult, 'replacedFolder'> {
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

function checkedHead(db: SqliteDatabase, named: string): Omit<RestoreResult, 'replacedFolder'> {
  const schemaVersion = checkSchemaVersion(db, named);
  const check = schemaVersion > 0 ? db.pragma('quick_check', { simple: true }) : 'no schema';
  if (check !== 'ok') {
    throw new DataFolderError('damaged', `${named} is not a whole Sessiondesk database (${String(check)}).`);
  }
  const head = db.prepare<[], number>("SELECT value FROM meta WHERE key = 'seq'").pluck().get() ?? 0;
  return { schemaVersion, head };
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
