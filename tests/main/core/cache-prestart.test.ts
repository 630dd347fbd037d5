/**
 * The cache's worker started before the core (cache-prestart.ts): it opens the stored account's cache at
 * once, the core's open takes that worker with the file already open and serves the first query from it,
 * and a failure met by that early open reaches the core's open instead of being lost.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { requestQuerySchema } from '@shared/ipc/contract';
import { documentFile } from '../../../main/core/node/file-documents';
import { cacheFileFor } from '../support/cache-file';
import { CACHE_MIGRATIONS } from '../../../main/core/cache/cache-migrations';
import { prestartCache } from '../../../main/core/cache/node/cache-prestart';
import { CacheProxy } from '../../../main/core/cache/node/cache-proxy';
import { sessionRequest } from '../support/session-request';

const ACCOUNT = { serverUrl: 'https://support.example.com', agentId: 'agent-1', email: 'a@example.com' };

describe('the cache prestarted before the core', () => {
  const folders: string[] = [];
  const open: CacheProxy[] = [];
  afterEach(async () => {
    for (const proxy of open.splice(0)) await proxy.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  /** A data folder with a stored account, and the file of that account's cache. */
  function dataDir(): { dir: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-cache-prestart-'));
    folders.push(dir);
    writeFileSync(documentFile(dir, 'account'), JSON.stringify(ACCOUNT));
    return { dir, file: cacheFileFor(dir, ACCOUNT.serverUrl, ACCOUNT.agentId) };
  }

  /** A cache at `file` holding one request, closed again. */
  async function cacheWithOneRequest(file: string): Promise<string> {
    const request = sessionRequest({
      recipientName: 'Cached before',
      createdAt: '2026-03-10T12:00:00Z',
      updatedAt: '2026-03-10T12:00:00Z',
    });
    const cache = await CacheProxy.open(file);
    await cache.applyLive([{ type: 'request', seq: request.seq, request, events: [] }], request.seq);
    await cache.close();
    return request.id;
  }

  function setVersion(file: string, version: number): void {
    const db = new Database(file);
    db.pragma(`user_version = ${version}`);
    db.close();
  }

  it('opens the stored account’s cache before the core asks, and serves the first query from it', async () => {
    const { dir, file } = dataDir();
    const id = await cacheWithOneRequest(file);
    await prestartCache(dir);
    // Gone from the folder now: only a worker that opened it already still reads it.
    rmSync(file);
    const cache = await CacheProxy.open(file);
    open.push(cache);
    expect((await cache.request(id))?.recipientName).toBe('Cached before');
    const page = await cache.page(requestQuerySchema.parse({ view: { type: 'all' } }), 'agent-1', Date.now());
    expect(page.rows.map((row) => row.id)).toEqual([id]);
  });

  it('reports a failure of the early open to the core’s open, not lost before it', async () => {
    const { dir, file } = dataDir();
    await cacheWithOneRequest(file);
    setVersion(file, CACHE_MIGRATIONS.length + 1);
    await prestartCache(dir);
    // Readable again by the time the core opens it: the error is the one the early open met.
    setVersion(file, CACHE_MIGRATIONS.length);
    const refused = await CacheProxy.open(file).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'CacheTooNewError', code: 'cache_too_new' });
  });

  it('opens the file the core asks for when the hint named another', async () => {
    const { dir, file } = dataDir();
    await cacheWithOneRequest(file);
    await prestartCache(dir);
    const cache = await CacheProxy.open(join(dir, 'cache', 'other.sqlite'));
    open.push(cache);
    expect(await cache.syncState()).toMatchObject({ cursor: 0 });
  });
});
