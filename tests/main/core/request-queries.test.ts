/**
 * The cache's reads over a real SQLite file: what a search finds (prefixes of words, diacritics folded,
 * a PIN typed in groups, fragments of an e-mail, several words), the views and their totals, and the
 * sidebar's counts; and that the queries the table runs most are answered from indexes alone, without
 * reading the requests' rows (the plan SQLite chooses, read with EXPLAIN QUERY PLAN; no time is measured).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { REQUEST_STATUSES } from '@shared/domain/status';
import { requestQuerySchema, type RequestQueryInput } from '@shared/ipc/contract';
import type { CacheDatabase } from '../../../main/core/cache/cache-database';
import { RequestQueries } from '../../../main/core/cache/request-queries';
import { RequestWrites } from '../../../main/core/cache/requests-writes';
import { ENGINES, type CacheEngine } from '../support/cache-engines';
import { sessionRequest } from '../support/session-request';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const SUPPORT = '5e1f0c2a-0000-4000-8000-000000000001';
const PRIVATE = '5e1f0c2a-0000-4000-8000-000000000002';
const at = (hoursFromNow: number) => new Date(NOW + hoursFromNow * 3_600_000).toISOString();

/** The cached requests: r1 is the newest, each created an hour before the one above it. */
const PATCHES: Partial<SessionRequest>[] = [
  {
    recipientName: 'José García',
    recipientEmail: 'jose.garcia@contoso.example',
    comments: 'Printer offline since Monday',
    pin: '123456789',
  },
  {
    recipientName: 'Zoë Müller',
    recipientEmail: 'zoe.muller42@acme.example',
    comments: 'VPN drops after the update',
    pin: '987654321',
    status: 'ready',
    externalRef: { system: 'freshservice', id: 'INC-1042', url: 'https://help.acme.example/a/tickets/1042' },
  },
  {
    recipientName: 'Björn Andersson',
    recipientEmail: null,
    comments: 'printer jammed on floor 3',
    pin: '555000111',
    status: 'waiting',
    channelId: SUPPORT,
    assigneeId: 'other',
  },
  {
    recipientName: 'Banana Joe',
    recipientEmail: 'banana@globex.example',
    comments: 'AND OR NEAR offline',
    pin: '111222333',
    status: 'ready',
    channelId: SUPPORT,
    assigneeId: 'other',
    participants: [{ agentId: 'me', via: 'invited', since: at(-1) }],
    scheduledAt: at(24),
  },
  {
    recipientName: 'Ana Lopez',
    recipientEmail: 'ana.lopez@contoso.example',
    comments: 'Outlook crashes',
    pin: '444555666',
    status: 'closed',
    consent: 'granted',
  },
  {
    recipientName: 'Anders Wong',
    recipientEmail: 'anders@initech.example',
    comments: '',
    pin: '777888999',
    channelId: SUPPORT,
    assigneeId: null,
    scheduledAt: at(2),
    externalRef: { system: 'servicenow', id: 'INC0010042', url: null },
  },
];
const REQUESTS: SessionRequest[] = PATCHES.map((patch, i) =>
  sessionRequest({
    channelId: PRIVATE,
    ...patch,
    id: `r${i + 1}`,
    seq: i + 1,
    createdAt: at(-i - 1),
    updatedAt: at(-i - 1),
    expiresAt: at(72),
  }),
);

/**
 * A cache holding `requests` on `engine`, opened for the tests of a describe block, with every statement
 * run recorded in `ran`, its parameters written in.
 */
function cacheOf(requests: readonly SessionRequest[], make: () => CacheEngine) {
  const cache = { ran: [] as string[] } as {
    ran: string[];
    db: CacheDatabase;
    queries: RequestQueries;
  };
  const engine = make();
  beforeAll(async () => {
    cache.db = await engine.open(engine.place(), (sql) => cache.ran.push(sql));
    const writes = new RequestWrites(cache.db);
    cache.db.transaction(() => {
      for (const request of requests) writes.upsertLive(request, 1);
    })();
    cache.queries = new RequestQueries(cache.db);
  });
  afterAll(() => {
    cache.db.close();
    engine.cleanup();
  });
  return cache;
}

describe.each(ENGINES)('the cache’s queries on $name', ({ make }) => {
  const cache = cacheOf(REQUESTS, make);
  const { ran } = cache;

  const page = (input: Partial<RequestQueryInput>) =>
    cache.queries.page(requestQuerySchema.parse({ view: { type: 'all' }, ...input }), 'me', NOW);
  const found = (search: string, input: Partial<RequestQueryInput> = {}) => {
    const result = page({ search, ...input });
    expect(result.total).toBe(result.rows.length);
    return result.rows.map((row) => row.id);
  };

  describe('search', () => {
    it('matches the start of any word of the name, e-mail, comments or PIN, in any case', () => {
      expect(found('jo')).toEqual(['r1', 'r4']); // José, Joe; not Björn
      expect(found('AND')).toEqual(['r3', 'r4', 'r6']); // Andersson, the word AND, Anders
      expect(found('an')).toEqual(['r3', 'r4', 'r6']); // r5 Ana is past: not in the All view
      expect(found('an', { view: { type: 'past' } })).toEqual(['r5']);
      expect(found('nana')).toEqual([]); // inside a word: not a match
      expect(found('monday')).toEqual(['r1']);
    });

    it('folds diacritics both ways', () => {
      expect(found('jose garcia')).toEqual(['r1']);
      expect(found('José')).toEqual(['r1']);
      expect(found('zoe muller')).toEqual(['r2']);
      expect(found('Müller')).toEqual(['r2']);
      expect(found('bjorn')).toEqual(['r3']);
    });

    it('finds a PIN whole, typed in groups, or by its first digits', () => {
      expect(found('123456789')).toEqual(['r1']);
      expect(found('123 456 789')).toEqual(['r1']);
      expect(found('123-456-789')).toEqual(['r1']);
      expect(found('987')).toEqual(['r2']);
      expect(found('456')).toEqual([]); // the middle of a PIN
    });

    it('finds fragments of an e-mail', () => {
      expect(found('contoso')).toEqual(['r1']);
      expect(found('garcia@contoso')).toEqual(['r1']);
      expect(found('zoe.muller42@acme')).toEqual(['r2']);
      expect(found('muller4')).toEqual(['r2']);
      expect(found('initech.example')).toEqual(['r6']);
    });

    it('needs every word, in any order, and takes what is typed as text', () => {
      expect(found('printer offline')).toEqual(['r1']);
      expect(found('offline printer')).toEqual(['r1']);
      expect(found('printer')).toEqual(['r1', 'r3']);
      expect(found('printer nothere')).toEqual([]);
      expect(found('"AND*')).toEqual(['r3', 'r4', 'r6']);
      expect(found('NEAR(')).toEqual(['r4']);
      // A combining accent is not part of the word: "e" and the accent, the start of "example".
      expect(found('e\u0301')).toEqual(['r1', 'r2', 'r4', 'r6']);
      expect(found('  ')).toEqual(['r1', 'r2', 'r3', 'r4', 'r6']);
    });

    it('finds a request by its ticket: its id, the start of the id’s words, and its system', () => {
      expect(found('INC-1042')).toEqual(['r2']);
      expect(found('inc 1042')).toEqual(['r2']);
      expect(found('1042')).toEqual(['r2']);
      expect(found('10')).toEqual(['r2']);
      expect(found('freshservice')).toEqual(['r2']);
      expect(found('fresh INC-1042')).toEqual(['r2']);
      expect(found('INC0010042')).toEqual(['r6']);
      expect(found('inc001')).toEqual(['r6']);
      expect(found('servicenow')).toEqual(['r6']);
      expect(found('inc')).toEqual(['r2', 'r6']);
      expect(found('0042')).toEqual([]); // inside a word: not a match
      expect(found('inc', { view: { type: 'home' } })).toEqual(['r2']);
      // The ticket's address is not searched: only its system and id are the request's words.
      expect(found('help.acme')).toEqual([]);
    });

    it('never finds the words the index keeps for the filters (view, status, channel, assignee)', () => {
      // Their values as the index writes them (hex: '30' is final 0, '6D65' is 'me'), and as they are.
      for (const typed of ['ready', 'waiting', 'closed', 'a0', '30', '6D65', '6F7468', 'me', 'other']) {
        expect(found(typed), typed).toEqual([]);
      }
    });

    it('combines with the view, the status filter and the sort', () => {
      expect(found('printer', { statuses: ['waiting'] })).toEqual(['r3']);
      expect(found('o', { view: { type: 'channel', channelId: SUPPORT } })).toEqual(['r3', 'r4']);
      expect(found('a', { sort: { column: 'recipientName', direction: 'asc' } })).toEqual([
        'r6',
        'r4',
        'r3',
        'r2',
      ]); // Anders, Banana, Björn, Zoë (after); not José García
      expect(found('a', { view: { type: 'home' }, statuses: ['ready'] })).toEqual(['r2']);
      expect(found('a', { view: { type: 'home' }, statuses: ['open'] })).toEqual([]);
      const window = page({ search: 'a', limit: 2, offset: 1 });
      expect([window.rows.map((row) => row.id), window.total]).toEqual([['r3', 'r4'], 4]);
    });
  });

  it('lists the views with their totals', () => {
    const ids = (input: Partial<RequestQueryInput>) => {
      const result = page(input);
      return [result.rows.map((row) => row.id), result.total];
    };
    expect(ids({ view: { type: 'upcoming' } })).toEqual([['r4', 'r6'], 2]);
    expect(ids({ view: { type: 'upcoming' }, sort: { column: 'scheduledAt', direction: 'asc' } })).toEqual([
      ['r6', 'r4'],
      2,
    ]);
    expect(ids({ view: { type: 'home' } })).toEqual([['r1', 'r2'], 2]);
    expect(ids({ view: { type: 'past' } })).toEqual([['r5'], 1]);
    expect(ids({ statuses: ['ready'], limit: 1 })).toEqual([['r2'], 2]);
  });

  describe('plans', () => {
    /** EXPLAIN QUERY PLAN of every statement `read` runs: the steps that read `requests`. */
    const stepsOn = (read: () => unknown) => {
      ran.length = 0;
      read();
      return ran.splice(0).flatMap((sql) =>
        cache.db
          .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all()
          .map((step) => step.detail)
          .filter((detail) => /^(SCAN|SEARCH) (requests|r)\b/.test(detail)),
      );
    };
    /** A step that reads rows of `requests` (their columns), not an index alone or a row by its id. */
    const readsRows = (detail: string) => !/COVERING INDEX|INTEGER PRIMARY KEY/.test(detail);

    it('counts from indexes and the counts table alone, reading no request', () => {
      const steps = stepsOn(() => cache.queries.counts('me', NOW));
      expect(steps.filter(readsRows)).toEqual([]);
    });

    it('counts a search’s matches, view and statuses included, in the search index alone', () => {
      for (const input of [
        { search: 'printer', statuses: ['waiting' as const] },
        { search: 'a', view: { type: 'home' as const } },
        { search: 'o', view: { type: 'channel' as const, channelId: SUPPORT } },
        { search: 'an', view: { type: 'past' as const } },
      ]) {
        ran.length = 0;
        page(input);
        // The statements that count (the window's own SELECT counts each row's unread messages).
        const counts = ran.splice(0).filter((sql) => /^SELECT count\(\*\)/.test(sql) && /MATCH/.test(sql));
        expect(counts, JSON.stringify(input)).toHaveLength(1);
        const steps = cache.db
          .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${counts[0]}`)
          .all()
          .map((step) => step.detail);
        expect(steps.filter((detail) => /^(SCAN|SEARCH) (requests|r)\b/.test(detail))).toEqual([]);
      }
    });

    it('finds the Upcoming view’s window from an index alone, then reads only its rows', () => {
      const steps = stepsOn(() => page({ view: { type: 'upcoming' } }));
      expect(steps.filter(readsRows)).toEqual([]);
    });
  });

  it('counts the sidebar’s views', () => {
    expect(cache.queries.counts('me', NOW)).toEqual({
      all: 5,
      home: 2,
      past: 1,
      upcoming: 2,
      readyForMe: 2, // r2 assigned to me, r4 with me invited
      channels: { [PRIVATE]: 2, [SUPPORT]: 3 },
    });
    expect(cache.queries.counts('other', NOW)).toMatchObject({ home: 2, readyForMe: 1 });
    expect(cache.queries.counts('me', Date.parse(at(3)))).toMatchObject({ upcoming: 1 });
  });

  it('keeps the counts as requests are reassigned, closed and removed', () => {
    const writes = new RequestWrites(cache.db);
    const before = cache.queries.counts('me', NOW);
    const r6 = REQUESTS[5]!;
    writes.upsertLive({ ...r6, seq: 20, assigneeId: 'me' }, 1); // picked up: mine
    writes.upsertLive({ ...REQUESTS[0]!, seq: 21, comments: 'edited' }, 1); // nothing counted changes
    writes.upsertLive({ ...REQUESTS[1]!, seq: 22, status: 'closed' }, 1); // closed: past
    writes.remove('r3');
    expect(cache.queries.counts('me', NOW)).toEqual({
      ...before,
      all: before.all - 2,
      home: before.home,
      past: before.past + 1,
      readyForMe: before.readyForMe - 1,
      channels: { [PRIVATE]: 1, [SUPPORT]: 2 },
    });
    writes.upsertLive({ ...REQUESTS[1]!, seq: 23 }, 1); // opened again
    writes.upsertLive({ ...r6, seq: 24 }, 1); // released
    expect(cache.queries.counts('me', NOW)).toMatchObject({
      all: before.all - 1,
      home: before.home,
      past: before.past,
    });
  });

  it('keeps the search current as requests change their words, status and assignee', () => {
    // As the test above left them: r1's comments edited, r3 removed, r2 open again, r6 released.
    expect(found('printer')).toEqual([]);
    expect(found('edited')).toEqual(['r1']);
    const writes = new RequestWrites(cache.db);
    writes.upsertLive({ ...REQUESTS[1]!, seq: 30, status: 'waiting' }, 1);
    expect(found('zoe', { statuses: ['waiting'] })).toEqual(['r2']);
    expect(found('zoe', { statuses: ['ready'] })).toEqual([]);
    writes.upsertLive({ ...REQUESTS[5]!, seq: 31, assigneeId: 'me' }, 1);
    expect(found('anders', { view: { type: 'home' } })).toEqual(['r6']);
    writes.upsertLive({ ...REQUESTS[5]!, seq: 32, assigneeId: 'me', status: 'closed' }, 1);
    expect(found('anders', { view: { type: 'home' } })).toEqual([]);
    expect(found('anders', { view: { type: 'past' } })).toEqual(['r6']);
    // A ticket changed, then cleared: the search follows it.
    const changed = { system: 'zendesk', id: '4711', url: null };
    writes.upsertLive({ ...REQUESTS[1]!, seq: 33, status: 'waiting', externalRef: changed }, 1);
    expect(found('1042')).toEqual([]);
    expect(found('zendesk 4711')).toEqual(['r2']);
    writes.upsertLive({ ...REQUESTS[1]!, seq: 34, status: 'waiting', externalRef: null }, 1);
    expect(found('zendesk')).toEqual([]);
    expect(found('zoe')).toEqual(['r2']);
  });
});

describe.each(ENGINES)('a search over many requests on $name', ({ make }) => {
  /** 320 requests: "vpn" in most, "printer" in a third, "zebra" in a few; two created in each minute. */
  const MANY = Array.from({ length: 320 }, (_, i) =>
    sessionRequest({
      id: `q${i}`,
      seq: i + 1,
      recipientName: `${['Ana', 'bo', 'Cy', 'dee', 'Ed'][i % 5]} ${i % 3 === 0 ? 'Printer' : 'Smith'}`,
      comments: [i % 10 === 0 ? '' : 'vpn', i % 64 === 0 ? 'zebra' : ''].join(' '),
      status: REQUEST_STATUSES[i % 6],
      channelId: i % 4 === 0 ? SUPPORT : PRIVATE,
      assigneeId: [null, 'me', 'other'][i % 3]!,
      createdAt: at(-Math.floor(i / 2)),
      updatedAt: at(-Math.floor(i / 2)),
      expiresAt: at(72),
    }),
  );
  const cache = cacheOf(MANY, make);
  const { ran } = cache;

  it('finds the same rows and total whichever way it takes to the window', () => {
    const ways = new Set<string>();
    const views: RequestQueryInput['view'][] = [
      { type: 'all' },
      { type: 'home' },
      { type: 'channel', channelId: SUPPORT },
      { type: 'past' },
    ];
    for (const search of ['vpn', 'printer', 'zebra', 'smith vpn', 'a']) {
      for (const view of views) {
        for (const statuses of [[], ['waiting'], ['open', 'ready'], ['closed']] as const) {
          for (const [column, offset] of [
            ['createdAt', 0],
            ['recipientName', 5],
          ] as const) {
            const query = requestQuerySchema.parse({
              view,
              search,
              statuses,
              sort: { column, direction: column === 'createdAt' ? 'desc' : 'asc' },
              offset,
              limit: 20,
            });
            ran.length = 0;
            const found = cache.queries.page(query, 'me', NOW);
            for (const sql of ran) {
              if (/CROSS JOIN/.test(sql)) ways.add('look up');
              else if (/NOT IN \(SELECT rowid FROM request_search/.test(sql)) ways.add('skip');
              else if (/r\.rowid IN \(SELECT rowid FROM request_search/.test(sql)) ways.add('keep');
            }
            // As a search is answered while a resync rebuilds the index: its words, and SQL for the rest.
            const fromRows = cache.queries.page(query, 'me', NOW, true);
            const ids = (page: typeof found) => [page.rows.map((row) => row.id), page.total];
            expect(ids(found), JSON.stringify({ search, view, statuses, column })).toEqual(ids(fromRows));
          }
        }
      }
    }
    expect([...ways].sort()).toEqual(['keep', 'look up', 'skip']);
  });
});

describe('the plans of both engines', () => {
  it('are the same for every statement the views, searches and counts run', async () => {
    const planned = await Promise.all(
      ENGINES.map(async ({ make }) => {
        const engine = make();
        const ran: string[] = [];
        const db = await engine.open(engine.place(), (sql) => ran.push(sql));
        const writes = new RequestWrites(db);
        db.transaction(() => {
          for (const request of REQUESTS) writes.upsertLive(request, 1);
        })();
        const queries = new RequestQueries(db);
        ran.length = 0;
        queries.counts('me', NOW);
        for (const view of [
          { type: 'all' },
          { type: 'home' },
          { type: 'upcoming' },
          { type: 'past' },
        ] as const) {
          for (const search of ['', 'printer', 'an']) {
            queries.page(requestQuerySchema.parse({ view, search, statuses: ['ready'] }), 'me', NOW);
          }
        }
        // The plans alone: the statements' texts differ where the engines write a bound number in
        // (better-sqlite3 binds a JS number as a REAL, `LIMIT 100.0`; the wasm engine an integer).
        const plans = ran.splice(0).map((sql) =>
          db
            .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
            .all()
            .map((step) => step.detail)
            // A Bloom filter is an optimisation newer SQLite (the wasm build) adds to the same plan: the
            // tables and indexes each step reads, and in what order, are what is compared.
            .filter((detail) => detail !== 'CREATE BLOOM FILTER'),
        );
        db.close();
        engine.cleanup();
        return plans;
      }),
    );
    expect(planned[0]!.length).toBeGreaterThan(10);
    expect(planned[1]).toEqual(planned[0]);
  });
});
