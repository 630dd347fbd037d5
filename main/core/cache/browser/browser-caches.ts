/**
 * The web console's caches: SQLite compiled to WebAssembly (`@sqlite.org/sqlite-wasm`, the official
 * build) on the Origin Private File System, through its `opfs-sahpool` VFS. That VFS keeps a pool of OPFS
 * files open with synchronous access handles, so it needs neither SharedArrayBuffer nor COOP/COEP headers,
 * only a dedicated Worker: the console's core Worker, where CacheStore runs (in-worker-cache.ts).
 *
 * Journal: the pool's VFS has no shared memory, so WAL would need exclusive locking and a heap WAL index;
 * a rollback journal is the mode the VFS is made for. TRUNCATE rather than DELETE keeps the journal's
 * file in its slot of the pool between transactions (no rewrite of the slot's name at each commit). The
 * sync stays FULL as on the desktop: the outbox holds work done offline, and a closed tab or a crash
 * must not lose a commit (each sync is a FileSystemSyncAccessHandle.flush()).
 *
 * One holder of the pool per origin: a second tab's Worker cannot open its files while the first holds
 * them, and fails at once (OPFS refuses the access handle), which is answered as `cache_in_use`.
 */
import sqlite3InitModule, { type SAHPoolUtil, type Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import type { CacheAccount, CacheOpener, OpenCache } from '../../platform/caches';
import { CacheInUseError } from '../cache-errors';
import { cacheNameFor } from '../cache-name';
import { CacheStore } from '../cache-store';
import { inWorkerCache } from './in-worker-cache';
import { openWasmCacheDatabase } from './wasm-cache-database';

/** The pool's VFS name and OPFS folder (the pool's files carry random names inside it). */
const POOL = { name: 'sessiondesk-cache', directory: '.sessiondesk-cache' } as const;

export interface BrowserCacheOpener extends CacheOpener {
  /**
   * Puts a whole SQLite database file in the account's place (closing its cache first): a cache written
   * elsewhere, by the node engine for instance, to seed a large cache fast. The file must be complete
   * (its WAL folded in, as closing better-sqlite3's last connection does); it is switched out of WAL mode.
   * The next open migrates it as any cache.
   */
  importCacheDatabase(account: CacheAccount, bytes: Uint8Array | ArrayBuffer): Promise<void>;
}

interface Pool {
  readonly sqlite3: Sqlite3Static;
  readonly util: SAHPoolUtil;
}

let installed: Promise<Pool> | null = null;

/** OPFS's refusal of an access handle that another context (tab) of the origin holds. */
function heldElsewhere(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoModificationAllowedError' || name === 'InvalidStateError';
}

/**
 * SQLite's module and the pool, once per Worker (the VFS can be installed only once in a context). A
 * failure is not kept: another tab that held the pool may have closed since, and the next open tries again.
 */
function installPool(): Promise<Pool> {
  installed ??= (async () => {
    await holdTheCacheLock();
    const sqlite3 = await sqlite3InitModule();
    try {
      // forceReinitIfPreviouslyFailed (documented, missing from the typings): retry after a failure.
      const options = { ...POOL, forceReinitIfPreviouslyFailed: true };
      const util = await sqlite3.installOpfsSAHPoolVfs(options);
      return { sqlite3, util };
    } catch (error) {
      throw heldElsewhere(error) ? new CacheInUseError(error) : error;
    }
  })();
  installed.catch(() => (installed = null));
  return installed;
}

/** The Web Lock this Worker holds while it lives: one context of the origin uses the pool at a time. */
const CACHE_LOCK = 'sessiondesk-cache';
/**
 * How long a new Worker waits for the lock: a reloaded tab's previous Worker lets go as its page unloads,
 * a moment after the new one starts; another open tab does not, and is named after this wait.
 */
const LOCK_WAIT_MS = 3_000;
let lockHeld = false;

/**
 * Takes the origin's cache lock for as long as this Worker lives (the browser releases it when the Worker
 * ends: the tab closed or reloaded), or fails with `cache_in_use` while another tab keeps holding it. OPFS's
 * own refusal of a second access handle is not relied on alone: whether a browser grants a second
 * `readwrite` handle, or waits, has varied, and two tabs writing one database would corrupt it.
 */
async function holdTheCacheLock(): Promise<void> {
  if (lockHeld || typeof navigator === 'undefined' || !('locks' in navigator)) return;
  try {
    await new Promise<void>((resolve, reject) => {
      navigator.locks
        .request(CACHE_LOCK, { signal: AbortSignal.timeout(LOCK_WAIT_MS) }, () => {
          resolve();
          // Held until the Worker ends: a promise that never settles.
          return new Promise<never>(() => undefined);
        })
        .catch(reject);
    });
  } catch (error) {
    throw new CacheInUseError(error);
  }
  lockHeld = true;
}

const pathOf = (name: string) => `/${name}.sqlite`;

/**
 * Room in the pool for one more database: its file, its journal and SQLite's temporary files. The pool
 * starts with 6 slots; each account signed in on this browser keeps its cache (and its journal) in two.
 */
async function makeRoom(util: SAHPoolUtil): Promise<void> {
  await util.reserveMinimumCapacity(util.getFileCount() + 4);
}

export function browserCaches(): BrowserCacheOpener {
  const open = new Map<string, OpenCache>();

  const closeIfOpen = async (name: string) => {
    await open.get(name)?.close();
    open.delete(name);
  };

  return {
    async open(account, onFailure) {
      const [{ sqlite3, util }, name] = await Promise.all([installPool(), cacheNameFor(account)]);
      // Opened again: the one open before is closed, so one connection holds the file.
      await closeIfOpen(name);
      await makeRoom(util);
      const db = new util.OpfsSAHPoolDb(pathOf(name));
      let store: CacheStore;
      try {
        store = CacheStore.over(
          openWasmCacheDatabase(sqlite3, db, pathOf(name), { journalMode: 'TRUNCATE', synchronous: 'FULL' }),
        );
      } catch (error) {
        if (db.isOpen()) db.close();
        throw error;
      }
      const cache = inWorkerCache(store, onFailure);
      open.set(name, cache);
      return cache;
    },

    async remove(account) {
      const [{ util }, name] = await Promise.all([installPool(), cacheNameFor(account)]);
      await closeIfOpen(name);
      util.unlink(pathOf(name));
      util.unlink(`${pathOf(name)}-journal`);
    },

    async importCacheDatabase(account, bytes) {
      const [{ util }, name] = await Promise.all([installPool(), cacheNameFor(account)]);
      await closeIfOpen(name);
      util.unlink(`${pathOf(name)}-journal`);
      await makeRoom(util);
      await util.importDb(pathOf(name), bytes);
    },
  };
}
