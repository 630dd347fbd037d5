/**
 * Writing a small file so that a crash, a full disk or a second instance never leaves it half written:
 * the new content goes to a temporary file beside it (created 0600, since settings may hold paths and
 * commands the user would rather keep to themselves), is flushed to disk, and replaces the old file by
 * a rename, which is atomic on the same file system. Optionally the old file is kept as a backup first.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { isNotFound } from '../settings/errors';

export interface AtomicWriteOptions {
  /** The file's mode on POSIX (Windows has no modes; the user's profile folder is private already). */
  readonly mode?: number;
  /** Move the current file here before replacing it (when it could not be read, so nothing is lost). */
  readonly backup?: string;
}

export function writeFileAtomic(file: string, data: string, options: AtomicWriteOptions = {}): void {
  const mode = options.mode ?? 0o600;
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      writeSync(fd, data);
      // The umask can only narrow the mode at creation; set it exactly in case the file system ignored it.
      if (process.platform !== 'win32') fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.backup) {
      try {
        renameSync(file, options.backup);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(folder);
}

/** Makes the rename itself durable (POSIX); Windows cannot open a folder this way and needs no such step. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a folder; the data itself is already flushed.
  }
}
