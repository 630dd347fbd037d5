/**
 * The storage seam of the cache: where an account's SQLite cache lives and how the core reaches it. The
 * schema, the migrations and every query are the same on each host (`main/core/cache/`, CacheStore over
 * a CacheDatabase); only the engine and the file differ:
 * - node (`main/core/cache/node/`): better-sqlite3 on `<dataDir>/cache/<hash>.sqlite`, in a
 *   worker thread (CacheProxy), so the core's event loop never waits on SQLite;
 * - browser (`main/core/cache/browser/`): SQLite compiled to WebAssembly (`@sqlite.org/sqlite-wasm`) on
 *   the Origin Private File System, in the web console's core Worker, already off the page's thread.
 */
import type { AsyncCache } from '../cache/cache-protocol';

/** Whose cache: accounts never share one. */
export interface CacheAccount {
  readonly serverUrl: string;
  readonly agentId: string;
}

/** An open cache: CacheStore's methods, each answering asynchronously, and `close`. */
export type OpenCache = AsyncCache & {
  /** Closes the cache; calls after it fail. Waits for the calls sent before it. */
  close(): Promise<void>;
};

export interface CacheOpener {
  /**
   * Opens (creating and migrating it if need be) the account's cache. `onFailure` hears of an engine that
   * stopped working (a worker that died): every pending and later call then fails with
   * `cache_unavailable`.
   */
  open(account: CacheAccount, onFailure: (error: Error) => void): Promise<OpenCache>;
  /** Deletes the account's cache (signing out); the cache is closed first. Nothing there: done. */
  remove(account: CacheAccount): Promise<void>;
}
