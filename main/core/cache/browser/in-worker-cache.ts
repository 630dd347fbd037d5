/**
 * A CacheStore in the thread that calls it, made an OpenCache as CacheProxy makes the node host's: every
 * method answers a Promise, the calls run one after the other in the order made (one that waits,
 * readIncoming, included), an error keeps its class's name and code, and after `close`, or once the
 * engine broke (WebAssembly trapped, the file could not be read or written), every call fails with
 * `cache_unavailable` and the owner hears of the breakage once. In the web console the caller is the
 * core's Worker, already off the page's thread, so no second worker is needed.
 */
import type { OpenCache } from '../../platform/caches';
import { CacheError, CacheUnavailableError } from '../cache-errors';
import { CACHE_METHODS, toCrossingError, type CacheMethod } from '../cache-protocol';
import type { CacheStore } from '../cache-store';

/** SQLite's primary result codes after which the database cannot be trusted to answer again. */
const BROKEN_RESULT_CODES = new Set([10 /* SQLITE_IOERR */, 11 /* SQLITE_CORRUPT */, 26 /* SQLITE_NOTADB */]);

function breaksTheEngine(error: unknown): boolean {
  // A trap of the WebAssembly machine (out of bounds, unreachable): its memory can no longer be trusted.
  if ((error as { name?: unknown } | null)?.name === 'RuntimeError') return true;
  const resultCode = (error as { resultCode?: unknown } | null)?.resultCode;
  return typeof resultCode === 'number' && BROKEN_RESULT_CODES.has(resultCode & 0xff);
}

export function inWorkerCache(store: CacheStore, onFailure: (error: Error) => void): OpenCache {
  let failure: Error | null = null;
  let calls: Promise<unknown> = Promise.resolve();

  const enqueue = <T>(work: () => T | Promise<T>): Promise<T> => {
    const result = calls.then(() => {
      if (failure) throw failure;
      return work();
    });
    calls = result.catch(() => undefined);
    return result;
  };

  const call = (method: CacheMethod, args: unknown[]) =>
    enqueue(async () => {
      try {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- applied to the store just below
        const run = store[method] as (...args: unknown[]) => unknown;
        return await run.apply(store, args);
      } catch (error) {
        if (breaksTheEngine(error)) {
          failure = new CacheUnavailableError(`The cache stopped working: ${(error as Error).message}`);
          store.close();
          onFailure(failure);
          throw failure;
        }
        throw CacheError.from(toCrossingError(error), "the console's core Worker");
      }
    });

  const cache = {
    async close() {
      await enqueue(() => {
        store.close();
        failure = new CacheUnavailableError('The cache is closed.');
      }).catch(() => undefined);
    },
  } as Record<string, unknown>;
  for (const method of CACHE_METHODS) cache[method] = (...args: unknown[]) => call(method, args);
  return cache as unknown as OpenCache;
}
