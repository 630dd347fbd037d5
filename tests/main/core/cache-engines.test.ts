/**
 * The cache's two engines answer alike (cache-database.ts): the same rows for the same SQL, whatever the
 * values (integers, big integers, reals, text, BLOBs, NULL), `pluck` and `raw`, `run()`'s counts, named
 * and positional parameters and their refusals, transactions nested and rolled back, the FTS5 index the
 * cache searches with (contentless, detail=none). Then the name each host gives an account's cache, and
 * the in-Worker cache's promises: in order, errors with their codes, `cache_unavailable` once closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../main/core/cache/cache-database';
import { cacheNameFor } from '../../../main/core/cache/cache-name';
import { CacheStore } from '../../../main/core/cache/cache-store';
import { inWorkerCache } from '../../../main/core/cache/browser/in-worker-cache';
import { cacheFileFor } from '../support/cache-file';
import { ENGINES, loadSqliteWasm, type CacheEngine } from '../support/cache-engines';
import { sessionRequest } from '../support/session-request';

/** What each engine answered, by question: compared across engines at the end. */
const answers = new Map<string, unknown[]>();

describe.each(ENGINES)('the $name engine', ({ make }) => {
  let engine: CacheEngine;
  let db: CacheDatabase;
  const record = (question: string, answer: unknown) => {
    answers.set(question, [...(answers.get(question) ?? []), answer]);
    return answer;
  };

  beforeAll(async () => {
    engine = make();
    db = await engine.raw(engine.place());
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT, b BLOB)');
  });
  afterAll(() => {
    db.close();
    engine.cleanup();
  });

  it('writes and reads every kind of value, and counts what a statement changed', () => {
    const insert = db.prepare<[number | bigint | null, number | null, string | null, Uint8Array | null]>(
      'INSERT INTO t (n, r, s, b) VALUES (?, ?, ?, ?)',
    );
    expect(record('insert', insert.run(42, 1.5, 'José', new Uint8Array([0, 1, 255])))).toEqual({
      changes: 1,
      lastInsertRowid: 1,
    });
    insert.run(2n ** 40n, null, null, null);
    insert.run(null, 0, '', new Uint8Array([]));
    const rows = db.prepare<[], Record<string, unknown>>('SELECT * FROM t ORDER BY id').all();
    // BLOBs: a Buffer from better-sqlite3, a Uint8Array from the wasm engine; the same bytes.
    const normalised = rows.map((row) => ({
      ...row,
      b: row['b'] === null ? null : [...(row['b'] as Uint8Array)],
    }));
    expect(record('rows', normalised)).toEqual(
      [
        { id: 1, n: 42, r: 1.5, s: 'José', b: [0, 1, 255] },
        { id: 2, n: 2 ** 40, r: null, s: null, b: null },
        { id: 3, n: null, r: 0, s: '', b: null },
      ].map((row, i) => (i === 2 ? { ...row, b: [] } : row)),
    );
    expect(record('big', db.prepare('SELECT 9007199254740993 AS n').pluck().get())).toBe(9007199254740992);
    expect(record('update', db.prepare('UPDATE t SET s = s WHERE n IS NOT NULL').run())).toMatchObject({
      changes: 2,
    });
    // A statement that changes nothing says 0, not the count of the statement before it.
    expect(record('select run', db.prepare('SELECT 1').run().changes)).toBe(0);
  });

  it('plucks, gives arrays, and binds named parameters without their @', () => {
    const named = db.prepare<{ min: number }, number>('SELECT id FROM t WHERE n >= @min ORDER BY id');
    expect(record('pluck all', named.pluck().all({ min: 0 }))).toEqual([1, 2]);
    expect(record('pluck get', named.get({ min: 100 }))).toBe(2);
    expect(record('none', named.get({ min: 2 ** 50 }))).toBeUndefined();
    const raw = db.prepare('SELECT id, s FROM t WHERE id = ?').raw();
    expect(record('raw', raw.all(1))).toEqual([[1, 'José']]);
    // (better-sqlite3's build turns foreign keys on by default, SQLite's off: both engines' opens set it.)
    db.pragma('foreign_keys = ON');
    expect(record('pragma', db.pragma('foreign_keys', { simple: true }))).toBe(1);
    expect(record('pragma rows', Array.isArray(db.pragma('table_info(t)')))).toBe(true);
  });

  it('refuses a missing or surplus parameter, as better-sqlite3 does', () => {
    const named = db.prepare('SELECT @a AS a');
    expect(() => named.get({})).toThrow(RangeError);
    const positional = db.prepare('SELECT ? AS a');
    expect(() => positional.get(1, 2)).toThrow(RangeError);
    expect(() => positional.get()).toThrow(RangeError);
  });

  it('commits a transaction, rolls back a failed one, and nests one inside another', () => {
    const count = () => db.prepare('SELECT count(*) FROM t').pluck().get();
    const before = count();
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t (n) VALUES (1)').run();
        throw new Error('no');
      })(),
    ).toThrow('no');
    expect(count()).toBe(before);
    db.transaction(() => {
      db.prepare('INSERT INTO t (n) VALUES (1)').run();
      expect(() =>
        db.transaction(() => {
          db.prepare('INSERT INTO t (n) VALUES (2)').run();
          throw new Error('inner');
        })(),
      ).toThrow('inner');
    })();
    expect(record('after nesting', count())).toBe((before as number) + 1);
  });

  it('has FTS5: a contentless index without positions, searched by prefix', () => {
    db.exec(
      "CREATE VIRTUAL TABLE f USING fts5(text, content='', detail=none, tokenize='unicode61 remove_diacritics 2')",
    );
    db.prepare('INSERT INTO f (rowid, text) VALUES (?, ?)').run(7, 'José García printer');
    expect(
      record('fts', db.prepare(`SELECT rowid FROM f WHERE f MATCH '"jose"* AND "print"*'`).pluck().all()),
    ).toEqual([7]);
  });
});

describe('both engines', () => {
  it('gave the same answers', () => {
    expect(answers.size).toBeGreaterThan(10);
    for (const [question, [first, second]] of answers) expect(second, question).toEqual(first);
  });
});

describe('the name of an account’s cache', () => {
  it('is the same from WebCrypto (both hosts) as the desktop has always named its file', async () => {
    const account = { serverUrl: 'https://desk.example', agentId: 'a-1' };
    const name = await cacheNameFor(account);
    expect(name).toMatch(/^[0-9a-f]{24}$/);
    expect(cacheFileFor('/tmp/sessiondesk-name-test', account.serverUrl, account.agentId)).toMatch(
      new RegExp(`/cache/${name}\\.sqlite$`),
    );
    expect(await cacheNameFor({ ...account, agentId: 'a-2' })).not.toBe(name);
  });
});

describe.each(ENGINES)('a cache in the calling thread on $name', ({ make }) => {
  it('answers in the order called, keeps error codes, and is unavailable once closed', async () => {
    const engine = make();
    const store = CacheStore.over(await engine.open(engine.place()));
    const failures: Error[] = [];
    const cache = inWorkerCache(store, (error) => failures.push(error));
    const request = sessionRequest({
      id: 'r1',
      createdAt: '2026-03-10T12:00:00Z',
      updatedAt: '2026-03-10T12:00:00Z',
    });
    const done: string[] = [];
    const writes = [
      cache.applyLive([{ type: 'request', seq: 1, request, events: [] }], 1).then(() => done.push('apply')),
      cache.queueNote('k1', 'r1', 'first', 1).then(() => done.push('note')),
      cache.syncState().then((state) => done.push(`cursor ${state.cursor}`)),
    ];
    await Promise.all(writes);
    expect(done).toEqual(['apply', 'note', 'cursor 1']);
    const refused = await cache
      .readIncoming(new TextEncoder().encode('not json').buffer)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'BadPageError', code: 'bad_response' });
    expect(await cache.pendingOutbox()).toBe(1);
    await cache.close();
    await expect(cache.syncState()).rejects.toMatchObject({ code: 'cache_unavailable' });
    expect(failures).toEqual([]);
    engine.cleanup();
  });
});

describe('a cache in the calling thread whose database broke', () => {
  it('fails that call and every later one with cache_unavailable, and tells its owner once', async () => {
    const engine = ENGINES.find((e) => e.name === 'sqlite-wasm')!.make();
    const place = engine.place();
    const store = CacheStore.over(await engine.open(place));
    const failures: Error[] = [];
    const cache = inWorkerCache(store, (error) => failures.push(error));
    const request = sessionRequest({
      id: 'r1',
      createdAt: '2026-03-10T12:00:00Z',
      updatedAt: '2026-03-10T12:00:00Z',
    });
    await cache.applyLive([{ type: 'request', seq: 1, request, events: [] }], 1);
    // The file overwritten under the open connection (as storage failing would leave it).
    const sqlite3 = await loadSqliteWasm();
    sqlite3.capi.sqlite3_js_posix_create_file(place, new Uint8Array(64 * 1024).fill(7));
    await expect(cache.request('r1')).rejects.toMatchObject({ code: 'cache_unavailable' });
    await expect(cache.syncState()).rejects.toMatchObject({ code: 'cache_unavailable' });
    expect(failures.map((error) => (error as { code?: string }).code)).toEqual(['cache_unavailable']);
    await cache.close();
  });
});
