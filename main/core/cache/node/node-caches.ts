/**
 * The caches of the node hosts (Electron, the browser shell): each account's cache a file in the data
 * folder (cache-file.ts), open in the cache's worker thread behind a CacheProxy.
 */
import { rm } from 'node:fs/promises';
import type { CacheAccount, CacheOpener, OpenCache } from '../../platform/caches';
import { cacheNameFor } from '../cache-name';
import { cacheFileNamed } from './cache-file';
import { CacheProxy } from './cache-proxy';

export function nodeCaches(dataDir: string): CacheOpener {
  const fileOf = async (account: CacheAccount) => cacheFileNamed(dataDir, await cacheNameFor(account));
  const open = new Map<string, OpenCache>();
  return {
    async open(account, onFailure) {
      const file = await fileOf(account);
      const proxy: OpenCache = await CacheProxy.open(file, onFailure);
      open.set(file, proxy);
      return proxy;
    },
    async remove(account) {
      const file = await fileOf(account);
      await open.get(file)?.close();
      open.delete(file);
      // The WAL and its index go with the file; a file that is not there is already removed.
      await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${file}${suffix}`, { force: true })));
    },
  };
}
