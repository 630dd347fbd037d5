/**
 * The cache's worker thread behind its asynchronous proxy: results and errors (with their class and
 * code) come back to the caller, calls answer in the order made, and a worker that dies fails every
 * pending call and tells the owner, instead of leaving them waiting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_MIGRATIONS } from '../../../main/core/cache/cache-migrations';
import { CacheProxy } from '../../../main/core/cache/node/cache-proxy';
import { sessionRequest } from '../support/session-request';

describe('the cache in its worker thread', () => {
  const folders: string[] = [];
  const open: CacheProxy[] = [];
  afterEach(async () => {
    for (const proxy of open.splice(0)) await proxy.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  function file(): string {
    const folder = mkdtempSync(join(tmpdir(), 'sessiondesk-cache-worker-'));
    folders.push(folder);
    return join(folder, 'cache.sqlite');
  }

  async function opened(path = file(), onFailure?: (error: Error) => void): Promise<CacheProxy> {
    const proxy = await CacheProxy.open(path, onFailure);
    open.push(proxy);
    return proxy;
  }

  it('answers calls in the order made, writes before the reads that follow them', async () => {
    const cache = await opened();
    const request = sessionRequest({
      recipientName: 'In order',
      createdAt: '2026-03-10T12:00:00Z',
      updatedAt: '2026-03-10T12:00:00Z',
    });
    const change = { type: 'request' as const, seq: request.seq, request, events: [] };
    const [applied, row, state] = await Promise.all([
      cache.applyLive([change], request.seq),
      cache.request(request.id),
      cache.syncState(),
    ]);
    expect(applied).toEqual({ changed: [request.id], removed: [] });
    expect(row?.recipientName).toBe('In order');
    expect(state.cursor).toBe(request.seq);
    // The same seq again (the stream's echo) changes nothing.
    expect(await cache.applyLive([change], request.seq)).toEqual({ changed: [], removed: [] });
  });

  it('parses and checks a sync page’s bytes in the worker, moved there, and writes it a chunk at a time', async () => {
    const cache = await opened();
    const generation = await cache.beginFullSync();
    const requests = [1, 2, 3].map((seq) =>
      sessionRequest({
        id: `r${seq}`,
        seq,
        recipientName: `Paged ${seq}`,
        createdAt: '2026-03-10T12:00:00Z',
        updatedAt: '2026-03-10T12:00:00Z',
      }),
    );
    const page = {
      changes: requests.map((request) => ({ type: 'request', seq: request.seq, request, events: [] })),
      next: 3,
      hasMore: false,
      head: 3,
      total: 3,
      fullSyncHead: 3,
    };
    const body = new TextEncoder().encode(JSON.stringify(page)).buffer;
    expect(await cache.readIncoming(body)).toEqual({
      next: 3,
      hasMore: false,
      total: 3,
      changes: 3,
      fullSyncHead: 3,
    });
    expect(body.byteLength).toBe(0);
    expect(await cache.applyIncoming(0, 2, generation)).toEqual({
      changed: ['r1', 'r2'],
      removed: [],
      requests: 2,
    });
    expect(await cache.applyIncoming(2, 4, generation)).toEqual({
      changed: ['r3'],
      removed: [],
      requests: 1,
    });
    expect((await cache.request('r3'))?.recipientName).toBe('Paged 3');

    const garbled = new TextEncoder().encode('{"changes": "no"}').buffer;
    await expect(cache.readIncoming(garbled)).rejects.toMatchObject({
      name: 'BadPageError',
      code: 'bad_response',
    });
  });

  it('brings the store’s errors back with their class and code', async () => {
    const path = file();
    const newer = new Database(path);
    newer.pragma(`user_version = ${CACHE_MIGRATIONS.length + 1}`);
    newer.close();
    const refused = await CacheProxy.open(path).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'CacheTooNewError', code: 'cache_too_new' });
    expect((refused as Error).message).toMatch(/newer than this Sessiondesk knows/);
  });

  it('fails every pending call and tells its owner when the worker dies, and every later call', async () => {
    const failures: Error[] = [];
    const cache = await opened(file(), (error) => failures.push(error));
    const pending = [cache.counts('me', 0), cache.syncState(), cache.agents()];
    await cache['worker'].terminate();
    for (const call of pending) await expect(call).rejects.toMatchObject({ code: 'cache_unavailable' });
    await expect(cache.me()).rejects.toMatchObject({ code: 'cache_unavailable' });
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/worker thread exited/)]);
  });

  it('refuses calls once closed', async () => {
    const cache = await opened();
    await cache.close();
    await expect(cache.syncState()).rejects.toMatchObject({ code: 'cache_unavailable' });
  });
});
