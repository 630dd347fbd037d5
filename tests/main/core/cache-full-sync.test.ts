/**
 * A full sync's bulk writes over a real SQLite file: the counts table's triggers are off while the pages
 * are written (so they do not fire once per row), the sidebar's counts stay right meanwhile, and at the
 * end the table is rebuilt in one pass and the triggers are back, also after a crash cut the end short.
 * The triggers' presence is read from sqlite_master through a second connection to the same file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { requestQuerySchema } from '@shared/ipc/contract';
import type { Change } from '@shared/protocol/api';
import { CacheStore } from '../../../main/core/cache/cache-store';
import { ENGINES } from '../support/cache-engines';
import { sessionRequest } from '../support/session-request';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const CHANNELS = ['private', 'support', 'billing'];
const ASSIGNEES = ['me', 'other', null];

/** Request i: spread over channels, assignees and open or closed, so the counts have several groups. */
function request(i: number, seq = i + 1): SessionRequest {
  return sessionRequest({
    id: `r${i}`,
    seq,
    channelId: CHANNELS[i % 3]!,
    assigneeId: ASSIGNEES[Math.floor(i / 3) % 3]!,
    status: i % 4 === 0 ? 'closed' : 'open',
    createdAt: new Date(NOW - i * 60_000).toISOString(),
    updatedAt: new Date(NOW - i * 60_000).toISOString(),
  });
}
const change = (r: SessionRequest): Change => ({ type: 'request', seq: r.seq, request: r, events: [] });

describe.each(ENGINES)('a full sync and the counts table on $name', ({ make }) => {
  const engine = make();
  const open: { close(): void }[] = [];
  afterEach(() => {
    for (const handle of open.splice(0)) handle.close();
    engine.cleanup();
  });

  const cacheFile = () => engine.place();

  async function openStore(file: string): Promise<CacheStore> {
    const store = CacheStore.over(await engine.open(file));
    open.push(store);
    return store;
  }

  /** A second connection to the same database, to look at what the store's own left behind. */
  async function inspect(file: string) {
    const db = await engine.raw(file);
    open.push(db);
    return {
      counts: () =>
        db
          .prepare<[], { n: number }>(
            'SELECT final, channel_id, assignee_id, n FROM request_counts WHERE n > 0 ORDER BY 1, 2, 3',
          )
          .all(),
      grouped: () =>
        db
          .prepare(
            `SELECT final, channel_id, coalesce(assignee_id, '') AS assignee_id, count(*) AS n
             FROM requests GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
          )
          .all(),
      triggers: () =>
        db
          .prepare<[], string>(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'request_counts_%' ORDER BY name",
          )
          .pluck()
          .all(),
    };
  }
  const ALL_TRIGGERS = ['request_counts_delete', 'request_counts_insert', 'request_counts_update'];

  it('writes its pages with the counts triggers off, counting from the rows meanwhile', async () => {
    const file = cacheFile();
    const store = await openStore(file);
    const raw = await inspect(file);
    expect(raw.triggers()).toEqual(ALL_TRIGGERS);

    const generation = store.beginFullSync();
    expect(raw.triggers()).toEqual([]);
    store.applyFullPage(
      Array.from({ length: 40 }, (_, i) => change(request(i))),
      generation,
    );
    expect(raw.triggers()).toEqual([]);
    // Nothing kept the table meanwhile; what the sidebar shows is counted from the rows themselves.
    expect(raw.counts()).toEqual([]);
    const counts = store.counts('me', NOW);
    expect(counts.all + counts.past).toBe(40);
    expect(counts.past).toBe(10);
    expect(counts.channels).toEqual({ private: 10, support: 10, billing: 10 });
  });

  it('rebuilds the counts once at the end and keeps them current again afterwards', async () => {
    const file = cacheFile();
    const store = await openStore(file);
    const raw = await inspect(file);
    // A first sync, then a resync that sees fewer requests, some of them changed.
    for (const size of [60, 45]) {
      const generation = store.beginFullSync();
      store.applyFullPage(
        Array.from({ length: size }, (_, i) => change(request(size === 45 ? i + 1 : i, 100 + i))),
        generation,
      );
      store.finishFullSync(generation, 1_000);
      while (store.deferredStep());
      expect(raw.triggers()).toEqual(ALL_TRIGGERS);
      expect(raw.counts()).toEqual(raw.grouped());
    }
    expect(raw.counts().reduce((sum, group) => sum + group.n, 0)).toBe(45);

    // Live again: the triggers count each write.
    store.applyLive([change({ ...request(1, 2_000), assigneeId: 'me', status: 'closed' })], 2_000);
    store.removeRequest('r2');
    expect(raw.counts()).toEqual(raw.grouped());
  });

  it('rebuilds the counts on the next open when a crash cut the end of a full sync short', async () => {
    const file = cacheFile();
    const store = await openStore(file);
    const generation = store.beginFullSync();
    store.applyFullPage(
      Array.from({ length: 30 }, (_, i) => change(request(i))),
      generation,
    );
    store.finishFullSync(generation, 1_000);
    store.deferredStep(); // one step of the deferred work, then the process dies
    store.close();

    await openStore(file);
    const raw = await inspect(file);
    expect(raw.triggers()).toEqual(ALL_TRIGGERS);
    expect(raw.counts()).toEqual(raw.grouped());
  });

  it('counts a search from the rows while a resync has yet to rebuild the search index', async () => {
    const store = await openStore(cacheFile());
    const search = (view: 'all' | 'past') =>
      store.page(requestQuerySchema.parse({ view: { type: view }, search: 'ana' }), 'me', NOW);
    let generation = store.beginFullSync();
    store.applyFullPage(
      Array.from({ length: 12 }, (_, i) => change(request(i))),
      generation,
    );
    store.finishFullSync(generation, 1_000);
    while (store.deferredStep());
    expect([search('all').total, search('past').total]).toEqual([9, 3]);

    // A resync in which every request has closed: the index still has them open until its end.
    generation = store.beginFullSync();
    store.applyFullPage(
      Array.from({ length: 12 }, (_, i) => change({ ...request(i, 100 + i), status: 'closed' })),
      generation,
    );
    expect(search('all')).toMatchObject({ rows: [], total: 0 });
    expect(search('past').total).toBe(12);
    store.finishFullSync(generation, 2_000);
    while (store.deferredStep());
    expect([search('all').total, search('past').total]).toEqual([0, 12]);
  });
});
