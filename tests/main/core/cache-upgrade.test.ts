/**
 * A cache written by the previous release (schema 1) opens in this one: migrated in place to the
 * latest schema, its rows kept, the table of owed disconnects added; a newer cache is still refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { requestQuerySchema } from '@shared/ipc/contract';
import { CACHE_MIGRATIONS } from '../../../main/core/cache/cache-migrations';
import { CacheStore } from '../../../main/core/cache/cache-store';
import { RequestWrites } from '../../../main/core/cache/requests-writes';
import { sessionRequest } from '../support/session-request';

describe('the cache schema', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  function file(): string {
    const folder = mkdtempSync(join(tmpdir(), 'sessiondesk-cache-'));
    folders.push(folder);
    return join(folder, 'cache.sqlite');
  }

  it('upgrades a schema 1 cache, keeping its rows and counting them, and can owe a disconnect', () => {
    const path = file();
    const request = sessionRequest({
      status: 'connected',
      connectedAgentIds: ['me'],
      createdAt: '2026-03-10T12:00:00Z',
      updatedAt: '2026-03-10T12:00:00Z',
    });
    // As the first release left it: schema 1, with a request in it.
    const old = new Database(path);
    old.exec(CACHE_MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    new RequestWrites(old).upsertLive(request, 0);
    old.close();

    const upgraded = CacheStore.open(path);
    expect(upgraded.request(request.id)?.status).toBe('connected');
    expect(upgraded.counts('me', Date.parse('2026-03-10T12:00:00Z'))).toMatchObject({ all: 1, home: 1 });
    // The search index of schema 4 is filled from the rows: the request is found, in its view.
    const search = (view: 'all' | 'past') =>
      upgraded.page(requestQuerySchema.parse({ view: { type: view }, search: 'an' }), 'me', 0);
    expect([search('all').total, search('past').total]).toEqual([1, 0]);
    upgraded.oweDisconnect(request.id, 1_000);
    expect(upgraded.owedDisconnects()).toEqual([{ requestId: request.id, seq: request.seq, owedAt: 1_000 }]);
    upgraded.close();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(CACHE_MIGRATIONS.length);
    raw.close();
  });

  it('refuses a cache from a newer release', () => {
    const path = file();
    const newer = new Database(path);
    newer.pragma(`user_version = ${CACHE_MIGRATIONS.length + 1}`);
    newer.close();
    expect(() => CacheStore.open(path)).toThrow(/newer than this Sessiondesk knows/);
  });
});
