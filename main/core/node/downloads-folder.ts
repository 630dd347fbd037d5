/**
 * Where a host without a save dialog (the browser shell, tests) puts an export: a new file in a downloads
 * folder, named as suggested, with " (1)", " (2)"… before the extension when that name is taken — what
 * a browser does with a download it saves without asking. Plain Node.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { SaveFileRequest } from '../platform/files';

/** The user's Downloads folder: $XDG_DOWNLOAD_DIR where it is set (Linux desktops), else ~/Downloads. */
export function defaultDownloadsDir(env: NodeJS.ProcessEnv): string {
  return env['XDG_DOWNLOAD_DIR'] || join(homedir(), 'Downloads');
}

/** A free path for `defaultName` in `dir` (created if missing). */
export function freePathIn(dir: string, defaultName: string): string {
  mkdirSync(dir, { recursive: true });
  // Only a file name: a suggestion never leads out of the folder.
  const name = basename(defaultName);
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 0; ; n += 1) {
    const candidate = join(dir, n === 0 ? name : `${stem} (${n})${extension}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** A host's `chooseSaveFile` that never asks: a new file in `dir`. */
export function saveInFolder(dir: string): (request: SaveFileRequest) => Promise<string | null> {
  return (request) => Promise.resolve(freePathIn(dir, request.defaultName));
}
