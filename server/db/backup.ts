/**
 * A backup of the data folder while the service runs: a consistent copy of the database and the secrets,
 * written under a temporary name beside the destination and renamed into place once complete.
 *
 * The database is copied with SQLite's online backup API from a read transaction held for the whole copy.
 * The backup API reports pages done and left at each step, so a big database shows its progress; holding
 * the read transaction makes every step read the same snapshot, so the service's writes (which go on, into
 * the WAL) neither make the copy inconsistent nor restart it — without it, each write by another process
 * would restart the copy, and under steady traffic a big one would never end. (VACUUM INTO reads one
 * snapshot too and writes a compact copy, but tells nothing until it is done.)
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { readSecrets } from '../services/secrets';
import {
  createOwnerOnly,
  DATABASE_FILE,
  DataFolderError,
  feedHead,
  isDiskFull,
  SECRETS_FILE,
  syncToDisk,
} from './data-folder';

/** Pages copied per step (4 MB of 4 KB pages); between steps the process prints progress. */
const PAGES_PER_STEP = 1_000;

export interface BackupProgress {
  readonly pagesDone: number;
  readonly totalPages: number;
}

export interface BackupResult extends BackupProgress {
  readonly folder: string;
  readonly schemaVersion: number;
  /** The newest change seq the copy holds. */
  readonly head: number;
}

export async function backupDataFolder(options: {
  readonly dataDir: string;
  readonly to: string;
  readonly onProgress?: (progress: BackupProgress) => void;
  /** Pages copied per step (default 1,000); between steps the event loop runs. */
  readonly pagesPerStep?: number;
}): Promise<BackupResult> {
  const { dataDir, to } = options;
  const databaseFile = join(dataDir, DATABASE_FILE);
  const secretsFile = join(dataDir, SECRETS_FILE);
  if (!existsSync(dataDir)) {
    throw new DataFolderError(
      'no_data_folder',
      `There is no data folder ${dataDir}: give the service's --data-dir (or SESSIONDESK_DATA_DIR).`,
    );
  }
  if (!existsSync(databaseFile)) {
    throw new DataFolderError(
      'no_database',
      `${dataDir} holds no ${DATABASE_FILE}: is it the service's data folder (its --data-dir)?`,
    );
  }
  if (!existsSync(secretsFile)) {
    throw new DataFolderError(
      'no_secrets',
      `${dataDir} holds no ${SECRETS_FILE}, without which links already sent stop working: ` +
        'start the service once on this folder, or restore it from an earlier backup.',
    );
  }
  readSecrets(secretsFile);
  if (existsSync(to)) {
    throw new DataFolderError(
      'destination_exists',
      `${to} exists already: backups are never overwritten; give a new folder (e.g. one named by the date).`,
    );
  }

  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  const partial = join(dirname(to), `.${basename(to)}.partial-${process.pid}`);
  mkdirSync(partial, { mode: 0o700 });
  try {
    const copied = await copyDatabase(databaseFile, join(partial, DATABASE_FILE), options);
    copyFileSync(secretsFile, join(partial, SECRETS_FILE));
    syncToDisk(join(partial, SECRETS_FILE));
    syncToDisk(partial);
    if (existsSync(to)) {
      throw new DataFolderError(
        'destination_exists',
        `${to} was created while the backup ran: give another.`,
      );
    }
    renameSync(partial, to);
    syncToDisk(dirname(to));
    return { ...copied, folder: to };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (isDiskFull(error)) {
      const size = Math.ceil(statSync(databaseFile).size / 1_048_576);
      throw new DataFolderError(
        'disk_full',
        `The disk holding ${dirname(to)} is full: the backup needs about ${size} MB; free some space and run it again.`,
      );
    }
    throw error;
  }
}

async function copyDatabase(
  source: string,
  destination: string,
  { onProgress, pagesPerStep = PAGES_PER_STEP }: Parameters<typeof backupDataFolder>[0],
): Promise<Omit<BackupResult, 'folder'>> {
  const db = new Database(source, { fileMustExist: true, timeout: 5_000 });
  try {
    // The snapshot every step reads (see the top of this file).
    db.exec('BEGIN');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const head = feedHead(db);
    createOwnerOnly(destination);
    const done = await db.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.({ pagesDone: totalPages - remainingPages, totalPages });
        return pagesPerStep;
      },
    });
    db.exec('COMMIT');
    onProgress?.({ pagesDone: done.totalPages, totalPages: done.totalPages });
    makeSelfContained(destination);
    return { schemaVersion, head, pagesDone: done.totalPages, totalPages: done.totalPages };
  } finally {
    db.close();
  }
}

/**
 * The copy keeps the source's WAL mode in its header; a copy in rollback-journal mode is one file that opens
 * anywhere, even read-only. The service switches it back to WAL when it opens it after a restore.
 */
function makeSelfContained(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new DataFolderError('damaged', `The copy of the database failed its check (${String(check)}).`);
    }
  } finally {
    copy.close();
  }
  syncToDisk(file);
}
