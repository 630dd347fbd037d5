/**
 * A cache written by the previous release (schema 1) opens in this one: migrated in place to the
 * latest schema, its rows kept, the table of owed disconnects added; a newer cache is still refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { requestQuerySchema } from '@shared/ipc/contract';
import type { CacheDatabase } from '../../../main/core/cache/cache-database';
import { CACHE_MIGRATIONS } from '../../../main/core/cache/cache-migrations';
import { CacheStore } from '../../../main/core/cache/cache-store';
import { toColumns } from '../../../main/core/cache/request-columns';
import { ENGINES } from '../support/cache-engines';
import { sessionRequest } from '../support/session-request';
import type { SessionRequest } from '@shared/domain/session-request';

/** A request as releases before the ticket (schema 1 to 5) wrote it: their columns, its JSON whole. */
function insertBeforeTickets(db: CacheDatabase, request: SessionRequest): void {
  const { external_system: _system, external_id: _id, ...columns } = toColumns(request);
  const names = Object.keys(columns);
  db.prepare(
    `INSERT INTO requests (${names.join(', ')}) VALUES (${names.map((name) => `@${name}`).join(', ')})`,
  ).run(columns);
}

describe.each(ENGINES)('the cache schema on $name', ({ make }) => {
  const engine = make();
  afterEach(() => engine.cleanup());
  const file = () => engine.place();
  const open = async (path: string) => CacheStore.over(await engine.open(path));

  it('upgrades a schema 1 cache, keeping its rows and counting them, and can owe a disconnect', async () => {
    const path = file();
    const request = sessionRequest({
      status: 'connected',
      connectedAgentIds: ['me'],
      createdAt: '2026-03-10T12:00:00Z',
      updatedAt: '2026-03-10T12:00:00Z',
    });
    // As the first release left it: schema 1, with a request in it.
    const old = await engine.raw(path);
    old.exec(CACHE_MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    insertBeforeTickets(old, request);
    old.close();

    const upgraded = await open(path);
    expect(upgraded.request(request.id)?.status).toBe('connected');
    expect(upgraded.counts('me', Date.parse('2026-03-10T12:00:00Z'))).toMatchObject({ all: 1, home: 1 });
    // The search index of schema 4 is filled from the rows: the request is found, in its view.
    const search = (view: 'all' | 'past') =>
      upgraded.page(requestQuerySchema.parse({ view: { type: view }, search: 'an' }), 'me', 0);
    expect([search('all').total, search('past').total]).toEqual([1, 0]);
    upgraded.oweDisconnect(request.id, 1_000);
    expect(upgraded.owedDisconnects()).toEqual([{ requestId: request.id, seq: request.seq, owedAt: 1_000 }]);
    upgraded.close();
    const raw = await engine.raw(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(CACHE_MIGRATIONS.length);
    raw.close();
  });

  it('upgrades a schema 5 cache: the tickets its rows hold are searchable, and follow later changes', async () => {
    const path = file();
    const times = { createdAt: '2026-03-10T12:00:00Z', updatedAt: '2026-03-10T12:00:00Z' };
    const ticketed = sessionRequest({
      ...times,
      id: '5e1f0c2a-0000-4000-8000-0000000000a1',
      recipientName: 'Ana Lopez',
      externalRef: { system: 'freshservice', id: 'INC-1042', url: 'https://help.example/tickets/1042' },
    });
    const plain = sessionRequest({
      ...times,
      id: '5e1f0c2a-0000-4000-8000-0000000000a2',
      recipientName: 'Ana Ruiz',
    });
    const old = await engine.raw(path);
    for (const [i, sql] of CACHE_MIGRATIONS.slice(0, 5).entries()) {
      old.exec(sql);
      old.pragma(`user_version = ${i + 1}`);
    }
    insertBeforeTickets(old, ticketed);
    insertBeforeTickets(old, plain);
    old.close();

    const upgraded = await open(path);
    const ids = (search: string) =>
      upgraded
        .page(requestQuerySchema.parse({ view: { type: 'all' }, search }), 'me', 0)
        .rows.map((row) => row.id);
    expect(ids('ana').sort()).toEqual([ticketed.id, plain.id].sort());
    expect(ids('INC-1042')).toEqual([ticketed.id]);
    expect(ids('freshservice')).toEqual([ticketed.id]);
    expect(upgraded.request(ticketed.id)?.externalRef?.url).toBe('https://help.example/tickets/1042');
    // The index's triggers are today's: a ticket set later is found, the one it replaced no longer.
    upgraded.applyAnswer({
      ...ticketed,
      seq: ticketed.seq + 1,
      externalRef: { system: 'servicenow', id: 'INC0077', url: null },
    });
    expect(ids('INC-1042')).toEqual([]);
    expect(ids('servicenow INC0077')).toEqual([ticketed.id]);
    upgraded.close();
  });

  it('refuses a cache from a newer release', async () => {
    const path = file();
    const newer = await engine.raw(path);
    newer.pragma(`user_version = ${CACHE_MIGRATIONS.length + 1}`);
    newer.close();
    await expect(open(path)).rejects.toThrow(/newer than this Sessiondesk knows/);
  });
});
