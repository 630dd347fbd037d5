/**
 * The cache's worker, started and opening the stored account's cache before the rest of the core is
 * imported: a host calls `prestartCache(dataDir)` first thing (main/electron/main.ts, the browser shell's
 * cli.ts, the bench's core process), so that the worker's start, SQLite's loading and the file's opening
 * (~150 ms) run on another thread while the main thread loads the core's modules (~250 ms). This module
 * loads only Node's built-ins and the proxy, no zod: the account file is read as a hint (two strings),
 * and AccountFile's validated read still decides which cache opens; a wrong hint costs only the re-open.
 */
import { readFileSync } from 'node:fs';
import { documentFile } from '../../node/file-documents';
import { cacheNameFor } from '../cache-name';
import { cacheFileNamed } from './cache-file';
import { CacheProxy } from './cache-proxy';

/** The stored account's service and agent, when the file holds them; null otherwise. */
function storedAccountHint(dataDir: string): { serverUrl: string; agentId: string } | null {
  try {
    const stored = JSON.parse(readFileSync(documentFile(dataDir, 'account'), 'utf8')) as Record<
      string,
      unknown
    >;
    const { serverUrl, agentId } = stored;
    return typeof serverUrl === 'string' && typeof agentId === 'string' ? { serverUrl, agentId } : null;
  } catch {
    return null;
  }
}

/**
 * With an account stored in `dataDir`, starts the cache's worker and has it open that account's cache;
 * without one, does nothing (the sign-in starts it). Resolves when the cache is open or failed to open
 * (a failure is the core's to report, when it opens the cache); hosts need not wait for it.
 */
export async function prestartCache(dataDir: string): Promise<void> {
  const account = storedAccountHint(dataDir);
  if (account) await CacheProxy.prestart(cacheFileNamed(dataDir, await cacheNameFor(account)));
}
