/**
 * The node hosts' CacheOpener (node-caches.ts): an account's cache is the file named by cacheNameFor in
 * the data folder, open in the cache's worker thread; opened again it has what was written; removed, it
 * is closed first and its file, WAL and WAL index are gone, and the next open starts empty.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheNameFor } from '../../../main/core/cache/cache-name';
import { nodeCaches } from '../../../main/core/cache/node/node-caches';
import { sessionRequest } from '../support/session-request';

const ACCOUNT = { serverUrl: 'https://desk.example', agentId: 'agent-1' };
const times = { createdAt: '2026-03-10T12:00:00Z', updatedAt: '2026-03-10T12:00:00Z' };

describe('the node hosts’ caches', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('open the account’s file, keep it across opens, and remove it whole', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-openers-'));
    folders.push(dataDir);
    const caches = nodeCaches(dataDir);
    const file = join(dataDir, 'cache', `${await cacheNameFor(ACCOUNT)}.sqlite`);

    const first = await caches.open(ACCOUNT, () => undefined);
    await first.applyLive(
      [{ type: 'request', seq: 1, request: sessionRequest({ ...times, id: 'r1' }), events: [] }],
      1,
    );
    await first.close();
    expect(existsSync(file)).toBe(true);

    const again = await caches.open(ACCOUNT, () => undefined);
    expect((await again.request('r1'))?.id).toBe('r1');
    // Removed while open: closed first (its calls then fail), and nothing of it is left.
    await caches.remove(ACCOUNT);
    await expect(again.syncState()).rejects.toMatchObject({ code: 'cache_unavailable' });
    expect(readdirSync(join(dataDir, 'cache'))).toEqual([]);

    const fresh = await caches.open(ACCOUNT, () => undefined);
    expect(await fresh.request('r1')).toBeNull();
    await fresh.close();
    // Nothing there: removing is done at once.
    await caches.remove({ ...ACCOUNT, agentId: 'nobody' });
  });
});
