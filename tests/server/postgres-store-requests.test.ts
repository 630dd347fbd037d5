/**
 * The requests and feed table groups on both stores: one table of cases run against the SQLite store (a
 * real file) and the PostgreSQL store (a real database on the run's cluster), so a difference between the
 * dialects fails. Then what only PostgreSQL has: row locks between two transactions, the seq's
 * notification, the watermark that bounds what is served, and settledHead waiting for writers in flight.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Consent, RequestStatus } from '@shared/domain/status';
import { openDatabase } from '../../server/db/database';
import { openPostgres } from '../../server/db/postgres/open';
import { FeedPosition } from '../../server/live/feed-pump';
import { SecretBox } from '../../server/services/crypto';
import { PostgresExecutor } from '../../server/store/postgres/executor';
import { PostgresFeedStore } from '../../server/store/postgres/feed-store';
import { FEED_CHANNEL, PostgresRequestsStore } from '../../server/store/postgres/requests-store';
import type { EventRow, ListFilter, RequestRow } from '../../server/store/rows';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store';
import type { FeedTable, RequestsTable } from '../../server/store/store';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/postgres-database';

const silent = pino({ level: 'silent' });

interface Backend {
  readonly requests: RequestsTable;
  readonly feed: FeedTable;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Runs fixture SQL that both dialects read alike (agents and channels the requests point to). */
  fixture(sql: string): Promise<void>;
  /** Makes every committed change visible (PostgreSQL: moves the watermark to the settled head). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

function sqliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-requests-'));
  const store = new SqliteStore(openDatabase(join(dir, 'sessiondesk.db')), new SecretBox(randomBytes(32)));
  return Promise.resolve({
    requests: store.requests,
    feed: store.feed,
    transaction: (work) => store.transaction(work),
    fixture: (sql) => Promise.resolve(void store.db.exec(sql)),
    settle: () => Promise.resolve(),
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

interface PostgresBackend extends Backend {
  readonly pool: pg.Pool;
  readonly position: FeedPosition;
  readonly database: TestDatabase;
  readonly feed: PostgresFeedStore;
  readonly requests: PostgresRequestsStore;
}

async function postgresBackend(): Promise<PostgresBackend> {
  const database = await createTestDatabase();
  const pool = await openPostgres(database.url, { poolSize: 6, logger: silent });
  const executor = new PostgresExecutor(pool, (error) => {
    throw error;
  });
  const position = new FeedPosition();
  const feed = new PostgresFeedStore(executor, position);
  return {
    pool,
    position,
    database,
    requests: new PostgresRequestsStore(executor, position),
    feed,
    transaction: (work) => executor.transaction(work),
    fixture: async (sql) => void (await pool.query(sql)),
    settle: async () => position.advance(await feed.settledHead()),
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

const FIXTURE = `
  INSERT INTO agents (id, email, name, is_admin, is_support_agent, password_hash, created_at, updated_at)
  VALUES ('ann', 'ann@example.com', 'Ann', 1, 1, 'x', 0, 0), ('bob', 'bob@example.com', 'Bob', 0, 1, 'x', 0, 0),
         ('cat', 'cat@example.com', 'Cat', 0, 1, 'x', 0, 0);
  INSERT INTO channels (id, name, kind, owner_id, default_expiry_minutes, participant_limit, created_at, updated_at)
  VALUES ('c1', 'One', 'shared', NULL, 60, 5, 0, 0), ('c2', 'Two', 'shared', NULL, 60, 5, 0, 0),
         ('c3', 'Three', 'shared', NULL, 60, 5, 0, 0);`;

let made = 0;

/** A request row to write, with unique link, PIN and code; `seq` must come from nextSeq(). */
function request(seq: number, over: Partial<RequestRow> = {}): RequestRow {
  made += 1;
  return {
    id: `r${String(made).padStart(4, '0')}`,
    status: 'open',
    consent: 'pending',
    recipientName: 'Dana Scully',
    recipientEmail: 'dana@example.com',
    comments: '',
    emailLanguage: 'en',
    languageChosen: false,
    sendInvitation: true,
    scheduledAt: null,
    reminded: false,
    expiresAt: 10_000,
    channelId: 'c1',
    assigneeId: null,
    createdBy: 'ann',
    linkTokenHash: `hash-${made}`,
    pin: String(100_000 + made),
    sessionCode: `code-${made}`,
    remote: null,
    consentLapsesAt: null,
    externalRef: null,
    recipientPhone: null,
    createdAt: 1_000 + made,
    updatedAt: 1_000 + made,
    seq,
    ...over,
  };
}

/** The wire JSON the services would store (its shape does not matter to the store: it is kept as text). */
const wire = (row: RequestRow) => JSON.stringify({ id: row.id, status: row.status });

const BACKENDS = testBackends().map((name) => ({
  name,
  open: name === 'sqlite' ? sqliteBackend : postgresBackend,
}));

describe.each(BACKENDS)('requests and feed ($name)', ({ open }) => {
  let db: Backend;

  beforeEach(async () => {
    db = await open();
    await db.fixture(FIXTURE);
  });
  afterEach(async () => {
    await db.close();
  });

  /** Writes a new request at a new seq, committed and visible. */
  async function create(over: Partial<RequestRow> = {}): Promise<RequestRow> {
    const row = await db.transaction(async () => {
      const written = request(await db.requests.nextSeq(), over);
      await db.requests.insert(written, wire(written));
      return written;
    });
    await db.settle();
    return row;
  }

  /** Writes `row`'s change at a new seq. */
  async function change(row: RequestRow, over: Partial<RequestRow>): Promise<RequestRow> {
    const changed = await db.transaction(async () => {
      const next = { ...row, ...over, seq: await db.requests.nextSeq() };
      await db.requests.update(next, wire(next));
      return next;
    });
    await db.settle();
    return changed;
  }

  async function event(
    row: RequestRow,
    type: EventRow['type'],
    actor: EventRow['actor'] = { kind: 'system' },
  ): Promise<EventRow> {
    const written = await db.transaction(async () =>
      db.requests.addEvent(
        { requestId: row.id, seq: row.seq, at: row.updatedAt, type, actor, data: { n: 1, who: ['a', 'b'] } },
        JSON.stringify({ type, seq: row.seq }),
      ),
    );
    await db.settle();
    return written;
  }

  it('takes seqs in order and moves the head to the last one', async () => {
    const first = await create();
    const second = await create();
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(await db.requests.head()).toBe(second.seq);
    expect(await db.feed.settledHead()).toBe(second.seq);
  });

  it('writes, reads by id, link, live PIN and session code, updates and deletes a request', async () => {
    const row = await create({ scheduledAt: 5_000, remote: '123 456', languageChosen: true, reminded: true });
    expect(await db.requests.get(row.id)).toEqual(row);
    expect(await db.requests.get('nobody')).toBeUndefined();
    expect(await db.requests.getByTokenHash(row.linkTokenHash)).toEqual(row);
    expect(await db.requests.getLiveByPin(row.pin)).toEqual(row);
    expect(await db.requests.getLiveBySessionCode(row.sessionCode)).toEqual(row);
    const other = await create();
    expect((await db.requests.getMany([row.id, other.id, 'nobody'])).map((r) => r.id).sort()).toEqual(
      [row.id, other.id].sort(),
    );
    expect(await db.requests.getMany([])).toEqual([]);

    const closed = await change(row, {
      status: 'closed',
      consent: 'granted',
      assigneeId: 'bob',
      updatedAt: 9,
    });
    expect(await db.requests.get(row.id)).toEqual(closed);
    // A request no longer live is not found by its PIN or code (they may be given out again).
    expect(await db.requests.getLiveByPin(row.pin)).toBeUndefined();
    expect(await db.requests.getLiveBySessionCode(row.sessionCode)).toBeUndefined();

    await db.transaction(() => db.requests.delete(row.id));
    expect(await db.requests.get(row.id)).toBeUndefined();
  });

  it('keeps participants and connections, ignoring a second add', async () => {
    const row = await create();
    const other = await create();
    await db.transaction(async () => {
      await db.requests.addParticipant(row.id, 'bob', 'invited', 20);
      await db.requests.addParticipant(row.id, 'bob', 'joined', 30);
      await db.requests.addParticipant(row.id, 'ann', 'joined', 10);
      await db.requests.addParticipant(other.id, 'cat', 'joined', 15);
    });
    expect(await db.requests.participants(row.id)).toEqual([
      { requestId: row.id, agentId: 'ann', via: 'joined', since: 10 },
      { requestId: row.id, agentId: 'bob', via: 'invited', since: 20 },
    ]);
    expect((await db.requests.participantsOf([row.id, other.id])).map((p) => p.agentId)).toEqual([
      'ann',
      'cat',
      'bob',
    ]);
    await db.requests.removeParticipant(row.id, 'ann');
    expect((await db.requests.participants(row.id)).map((p) => p.agentId)).toEqual(['bob']);
    expect(await db.requests.participantsOf([])).toEqual([]);

    await db.requests.setConnections(row.id, ['bob', 'ann'], 50);
    await db.requests.setConnections(other.id, ['cat'], 40);
    expect(await db.requests.connectedAgentIds(row.id)).toEqual(['ann', 'bob']);
    await db.requests.setConnections(row.id, ['bob', 'cat'], 60);
    expect(await db.requests.connectedAgentIds(row.id)).toEqual(['bob', 'cat']);
    expect(await db.requests.connectionsOf([row.id, other.id])).toEqual([
      { requestId: other.id, agentId: 'cat' },
      { requestId: row.id, agentId: 'bob' },
      { requestId: row.id, agentId: 'cat' },
    ]);
    await db.requests.setConnections(row.id, [], 70);
    expect(await db.requests.connectedAgentIds(row.id)).toEqual([]);
    expect(await db.requests.connectionsOf([])).toEqual([]);
  });

  it('writes timelines, appends them to the feed JSON, and answers the questions asked of them', async () => {
    const row = await create();
    const created = await event(row, 'created', { kind: 'agent', agentId: 'ann', name: 'Ann' });
    expect(created.id).toBeGreaterThan(0);
    expect(await db.requests.everConnected(row.id)).toBe(false);
    expect(await db.requests.lastConsentEvent(row.id)).toBeNull();
    const later = await change(row, { status: 'ready', consent: 'granted' });
    const allowed = await event(later, 'allowed', { kind: 'end_user' });
    const connected = await event(later, 'connected');
    await event(later, 'denied');
    await event(later, 'note');

    expect(await db.requests.events(row.id)).toEqual([
      created,
      allowed,
      connected,
      expect.objectContaining({ type: 'denied' }),
      expect.objectContaining({ type: 'note' }),
    ]);
    expect(created.actor).toEqual({ kind: 'agent', agentId: 'ann', name: 'Ann' });
    expect((await db.requests.events(row.id))[0]!.data).toEqual({ n: 1, who: ['a', 'b'] });
    expect((await db.requests.eventsOf([row.id], row.seq)).map((e) => e.type)).toEqual([
      'allowed',
      'connected',
      'denied',
      'note',
    ]);
    expect(await db.requests.eventsOf([], 0)).toEqual([]);
    expect((await db.requests.eventsAt(row.id, later.seq)).map((e) => e.id)).toEqual(
      (await db.requests.eventsOf([row.id], row.seq)).map((e) => e.id),
    );
    expect(await db.requests.everConnected(row.id)).toBe(true);
    expect(await db.requests.lastConsentEvent(row.id)).toBe('denied');

    // The feed sends the whole timeline from 0 (kept on the row) and the later events past a cursor.
    const json = (e: EventRow) => `{"id":${e.id},"type":"${e.type}","seq":${e.seq}}`;
    const events = await db.requests.events(row.id);
    const [fromZero] = await db.feed.pageRows(['c1'], 0, 10, 0);
    expect(fromZero!.events).toBe(events.map(json).join(','));
    const [fromCursor] = await db.feed.pageRows(['c1'], row.seq, 10, row.seq);
    expect(fromCursor!.events).toBe(events.slice(1).map(json).join(','));
    const [pastAll] = await db.feed.pageRows(['c1'], row.seq, 10, later.seq);
    expect(pastAll!.events).toBe('');
  });

  it('finds what is due for expiry, reminders and consent lapses, in due order', async () => {
    const late = await create({ expiresAt: 300 });
    const soon = await create({ expiresAt: 100 });
    await create({ expiresAt: 100, status: 'connected' });
    await create({ expiresAt: 900 });
    expect(await db.requests.dueForExpiry(500, 10)).toEqual([soon.id, late.id]);
    expect(await db.requests.dueForExpiry(500, 1)).toEqual([soon.id]);

    const remind = await create({ scheduledAt: 200 });
    await create({ scheduledAt: 200, reminded: true });
    await create({ scheduledAt: 800 });
    expect(await db.requests.dueReminders(500, 10)).toEqual([remind.id]);

    const lapse = await create({ status: 'ready', consentLapsesAt: 400 });
    await create({ status: 'connected', consentLapsesAt: 400 });
    expect(await db.requests.dueConsentLapses(500, 10)).toEqual([lapse.id]);
    expect(await db.requests.dueConsentLapses(399, 10)).toEqual([]);
  });

  it('lists requests newest first with every filter, the search escaped as SQLite escapes it', async () => {
    const plain = await create({ recipientName: 'Fox Mulder', createdAt: 10 });
    const percent = await create({ recipientName: '100% sure', createdAt: 20, assigneeId: 'bob' });
    const under = await create({ recipientName: 'a_b', comments: 'printer', createdAt: 30, channelId: 'c2' });
    const closed = await create({ recipientName: 'AxB', status: 'closed', createdAt: 30 });
    const upcoming = await create({
      scheduledAt: 5_000,
      createdAt: 40,
      recipientEmail: 'Walter@Example.com',
    });
    const base: ListFilter = { channelIds: ['c1', 'c2'], now: 1_000, limit: 50 };
    const ids = async (filter: Partial<ListFilter>) =>
      (await db.requests.list({ ...base, ...filter })).map((r) => r.id);

    const newestFirst = [upcoming.id, ...[under.id, closed.id].sort().reverse(), percent.id, plain.id];
    expect(await ids({})).toEqual(newestFirst);
    expect(await ids({ channelIds: ['c2'] })).toEqual([under.id]);
    expect(await ids({ channelId: 'c2' })).toEqual([under.id]);
    expect(await ids({ statuses: ['closed'] })).toEqual([closed.id]);
    expect(await ids({ assignee: { kind: 'agent', agentId: 'bob' } })).toEqual([percent.id]);
    expect(await ids({ assignee: { kind: 'unassigned' } })).not.toContain(percent.id);
    expect(await ids({ view: 'past' })).toEqual([closed.id]);
    expect(await ids({ view: 'upcoming' })).toEqual([upcoming.id]);
    expect(await ids({ view: 'upcoming', now: 6_000 })).toEqual([]);
    // Case-insensitive, wildcards taken literally, in name, e-mail and comments.
    expect(await ids({ q: 'fox' })).toEqual([plain.id]);
    expect(await ids({ q: '%' })).toEqual([percent.id]);
    expect(await ids({ q: 'a_b' })).toEqual([under.id]);
    expect(await ids({ q: 'walter@example' })).toEqual([upcoming.id]);
    expect(await ids({ q: 'PRINTER' })).toEqual([under.id]);
    // A PIN as typed, with spaces or dashes.
    const pin = `${plain.pin.slice(0, 3)} ${plain.pin.slice(3)}`;
    expect(await ids({ q: pin })).toEqual([plain.id]);
    // The keyset: strictly after (created_at DESC, id DESC), ties broken by id.
    expect(await ids({ limit: 2 })).toEqual(newestFirst.slice(0, 2));
    const second = newestFirst[1]!;
    expect(await ids({ after: { createdAt: 30, id: second } })).toEqual(newestFirst.slice(2));
  });

  it('pages the feed per channel in seq order, requests and tombstones, from any cursor', async () => {
    const a = await create({ channelId: 'c1' });
    const b = await create({ channelId: 'c2' });
    const c = await create({ channelId: 'c3' });
    const moved = await db.transaction(async () => {
      const seq = await db.requests.nextSeq();
      await db.requests.addTombstone(seq, a.id, 'c1', 500);
      const next = { ...a, channelId: 'c2', seq: await db.requests.nextSeq() };
      await db.requests.update(next, wire(next));
      return next;
    });
    await db.settle();
    const deleted = await db.transaction(async () => {
      const seq = await db.requests.nextSeq();
      await db.requests.addTombstone(seq, b.id, 'c2', 900);
      await db.requests.delete(b.id);
      return seq;
    });
    await db.settle();
    const entries = (since: number, limit = 10, channels = ['c1', 'c2']) =>
      db.feed.page(channels, since, limit);

    expect(await entries(0)).toEqual([
      { kind: 'tombstone', requestId: a.id, seq: moved.seq - 1 },
      { kind: 'request', requestId: a.id, seq: moved.seq },
      { kind: 'tombstone', requestId: b.id, seq: deleted },
    ]);
    expect(await entries(0, 2)).toEqual((await entries(0)).slice(0, 2));
    expect(await entries(moved.seq)).toEqual([{ kind: 'tombstone', requestId: b.id, seq: deleted }]);
    expect(await entries(0, 10, ['c3'])).toEqual([{ kind: 'request', requestId: c.id, seq: c.seq }]);
    expect(await entries(0, 10, [])).toEqual([]);

    const rows = await db.feed.pageRows(['c1', 'c2', 'c3'], 0, 10, 0);
    expect(rows).toEqual([
      { kind: 'request', requestId: c.id, seq: c.seq, json: wire(c), events: '' },
      { kind: 'tombstone', requestId: a.id, seq: moved.seq - 1, json: null, events: '' },
      { kind: 'request', requestId: a.id, seq: moved.seq, json: wire(moved), events: '' },
      { kind: 'tombstone', requestId: b.id, seq: deleted, json: null, events: '' },
    ]);
    expect(await db.feed.countRequests(['c1', 'c2'])).toBe(1);
    expect(await db.feed.countRequests(['c3', 'c2'])).toBe(2);

    // The live feed's read: every channel, bounded on both sides, with the channel, state and gone.
    expect(await db.feed.changesAfter(b.seq, deleted, 10)).toEqual([
      {
        kind: 'request',
        requestId: c.id,
        seq: c.seq,
        channelId: 'c3',
        json: wire(c),
        events: '',
        status: 'open' satisfies RequestStatus,
        consent: 'pending' satisfies Consent,
        gone: false,
      },
      expect.objectContaining({
        kind: 'tombstone',
        requestId: a.id,
        channelId: 'c1',
        gone: false,
        json: null,
      }),
      expect.objectContaining({ kind: 'request', requestId: a.id, channelId: 'c2', status: 'open' }),
      expect.objectContaining({
        kind: 'tombstone',
        requestId: b.id,
        channelId: 'c2',
        gone: true,
        status: null,
      }),
    ]);
    // a and b have left their first seqs (a moved, b deleted): only c is at or below c.seq.
    expect((await db.feed.changesAfter(0, c.seq, 10)).map((r) => r.seq)).toEqual([c.seq]);
    expect((await db.feed.changesAfter(0, deleted, 2)).map((r) => r.seq)).toEqual([c.seq, moved.seq - 1]);

    // Pruning: older tombstones go, and the feed says from where a sync must start over.
    expect(await db.feed.prunedThrough()).toBe(0);
    expect(await db.feed.pruneTombstones(100)).toBe(0);
    expect(await db.feed.prunedThrough()).toBe(0);
    expect(await db.feed.pruneTombstones(600)).toBe(1);
    expect(await db.feed.prunedThrough()).toBe(moved.seq - 1);
    expect(await db.feed.pruneTombstones(1_000)).toBe(1);
    expect(await db.feed.prunedThrough()).toBe(deleted);
  });

  it('finds nothing to fill in a database whose rows were written whole', async () => {
    const row = await create();
    await event(row, 'created');
    expect(await db.requests.missingWireJson(10)).toEqual([]);
    expect(await db.requests.eventsMissingWireJson(10)).toEqual([]);
    expect(await db.transaction(() => db.requests.fillEventsJson(10))).toBe(0);
  });
});

describe.runIf(testBackends().includes('postgres'))('requests and feed on PostgreSQL only', () => {
  let db: PostgresBackend;
  const clients: pg.Client[] = [];

  beforeEach(async () => {
    db = await postgresBackend();
    await db.fixture(FIXTURE);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.end();
    await db.close();
  });

  /** A connection of its own, outside the store's pool. */
  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: db.database.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  /** A promise and the function that resolves it: a step the test lets happen when it chooses. */
  function gate(): { opened: Promise<void>; open: () => void } {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  }

  /**
   * Resolves true once a connection to this test's database waits for a lock, or false once `given_up`
   * says to stop looking.
   */
  async function someoneWaitsForALock(observer: pg.Client, givenUp: () => boolean): Promise<boolean> {
    while (!givenUp()) {
      const { rows } = await observer.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows[0]!.n > 0) return true;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return false;
  }

  async function create(over: Partial<RequestRow> = {}): Promise<RequestRow> {
    return db.transaction(async () => {
      const row = request(await db.requests.nextSeq(), over);
      await db.requests.insert(row, wire(row));
      return row;
    });
  }

  it.each([
    ['get', (row: RequestRow) => db.requests.get(row.id)],
    ['getByTokenHash', (row: RequestRow) => db.requests.getByTokenHash(row.linkTokenHash)],
    ['getLiveByPin', (row: RequestRow) => db.requests.getLiveByPin(row.pin)],
    ['getLiveBySessionCode', (row: RequestRow) => db.requests.getLiveBySessionCode(row.sessionCode)],
  ])(
    '%s in a transaction locks the row: a second transaction reading it waits, then reads what the first wrote',
    async (_name, read) => {
      const row = await create();
      const observer = await connect();
      const steps: string[] = [];
      const firstHolds = gate();
      const firstMayCommit = gate();
      const first = db.transaction(async () => {
        const seen = (await read(row))!;
        steps.push(`first read ${seen.status}`);
        firstHolds.open();
        await firstMayCommit.opened;
        const next = { ...seen, status: 'waiting' as const, seq: await db.requests.nextSeq() };
        await db.requests.update(next, wire(next));
        steps.push('first writes waiting');
      });
      await firstHolds.opened;
      // Outside a transaction a read takes no lock: it answers at once, with what is committed.
      expect((await read(row))!.status).toBe('open');
      let secondRead = false;
      const second = db.transaction(async () => {
        const seen = (await read(row))!;
        secondRead = true;
        steps.push(`second read ${seen.status}`);
      });
      // The second read either waits for the lock (as it must) or answers at once (without FOR UPDATE).
      if (await someoneWaitsForALock(observer, () => secondRead)) steps.push('second waits');
      firstMayCommit.open();
      await Promise.all([first, second]);
      expect(steps).toEqual([
        'first read open',
        'second waits',
        'first writes waiting',
        'second read waiting',
      ]);
    },
  );

  it('queues a notification of the seq for the commit, and none when the transaction rolls back', async () => {
    const listener = await connect();
    const heard: string[] = [];
    listener.on('notification', (n) => {
      if (n.channel === FEED_CHANNEL) heard.push(n.payload ?? '');
    });
    await listener.query(`LISTEN ${FEED_CHANNEL}`);
    const rolledBack = await db
      .transaction(async () => {
        await db.requests.nextSeq();
        throw new Error('rolled back');
      })
      .catch((error: Error) => error.message);
    expect(rolledBack).toBe('rolled back');
    const row = await create();
    // A round trip on the listening connection after the commit delivers what was sent before it.
    await listener.query('SELECT 1');
    expect(heard).toEqual([String(row.seq)]);
  });

  it('serves nothing above the watermark: head, page and pageRows stop where the feed pump has published', async () => {
    const first = await create();
    const second = await create();
    expect(await db.requests.head()).toBe(0);
    expect(await db.feed.page(['c1'], 0, 10)).toEqual([]);
    db.position.advance(first.seq);
    expect(await db.requests.head()).toBe(first.seq);
    expect((await db.feed.page(['c1'], 0, 10)).map((e) => e.seq)).toEqual([first.seq]);
    expect((await db.feed.pageRows(['c1'], 0, 10, 0)).map((e) => e.seq)).toEqual([first.seq]);
    await db.settle();
    expect((await db.feed.pageRows(['c1'], 0, 10, 0)).map((e) => e.seq)).toEqual([first.seq, second.seq]);
  });

  it('settledHead waits for a transaction that took a seq and has not ended, then answers past its seq', async () => {
    const observer = await connect();
    const steps: string[] = [];
    const tookSeq = gate();
    const mayCommit = gate();
    let held = 0;
    const writer = db.transaction(async () => {
      const row = request(await db.requests.nextSeq());
      held = row.seq;
      await db.requests.insert(row, wire(row));
      tookSeq.open();
      await mayCommit.opened;
      steps.push('writer commits');
    });
    await tookSeq.opened;
    // A later writer commits first: its seq is visible while the held one is a hole below it.
    const later = await create();
    expect(later.seq).toBeGreaterThan(held);
    const settled = db.feed.settledHead().then((seq) => {
      steps.push('settled');
      return seq;
    });
    // settledHead reaches its wait: its poll is the latest statement of a connection.
    for (;;) {
      const { rows } = await observer.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND query LIKE '%pg_snapshot_xmin(pg_current_snapshot())%'`,
      );
      if (rows[0]!.n > 0 || steps.includes('settled')) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    steps.push('writer may commit');
    mayCommit.open();
    await writer;
    expect(await settled).toBe(later.seq);
    expect(steps).toEqual(['writer may commit', 'writer commits', 'settled']);
  });
});
