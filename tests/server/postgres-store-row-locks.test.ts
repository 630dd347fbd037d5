/**
 * Row locks on PostgreSQL: inside a transaction, each read by key of a row the services then write locks
 * it, so a second transaction reading the same row waits until the first has committed, then reads what
 * it wrote (SQLite gets the same from its one mutex). Proved by order: the first transaction writes and
 * commits only once PostgreSQL shows the second's read waiting on a lock (or that read has returned — which
 * with no lock it does at once, and the test then fails on what it read). Outside a transaction a read
 * takes no lock. Agents, channels and the organisation settings are read by nearly every write and take
 * no row lock (their changes take an exclusive lock instead, server/store/postgres/row-locks.ts): the last
 * test proves two transactions read them at once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/postgres-database';
import { fileDatabase, postgresTables, type TableStore } from '../support/table-stores';

interface LockCase {
  readonly read: string;
  /** What the read returns that the write changes. */
  readonly observe: (store: TableStore) => Promise<unknown>;
  readonly write: (store: TableStore) => Promise<unknown>;
  readonly before: unknown;
  readonly after: unknown;
}

const CASES: LockCase[] = [
  {
    read: 'tokens.findRefresh',
    observe: async (s) => (await s.tokens.findRefresh('r'))?.usedAt,
    write: (s) => s.tokens.markRefreshUsed('r', 7),
    before: null,
    after: 7,
  },
  {
    read: 'passwordLinks.find',
    observe: async (s) => (await s.passwordLinks.find('l'))?.usedAt,
    write: (s) => s.passwordLinks.markUsed('l', 7),
    before: null,
    after: 7,
  },
  {
    read: 'idempotency.get',
    observe: async (s) => (await s.idempotency.get('a', 'k'))?.status,
    write: (s) => s.idempotency.prune(1),
    before: 201,
    after: undefined,
  },
];

async function seed(store: TableStore): Promise<void> {
  await store.agents.insert({ id: 'a', email: 'a@x.org', name: 'A', roles: [], passwordHash: 'h' }, 0);
  await store.channels.insert(
    { id: 'c', name: 'C', kind: 'shared', ownerId: null, defaultExpiryMinutes: 60, participantLimit: 5 },
    0,
  );
  await store.channels.insert(
    { id: 'p', name: 'P', kind: 'private', ownerId: 'a', defaultExpiryMinutes: 60, participantLimit: 1 },
    0,
  );
  await store.tokens.addRefresh('r', 'f', 'a', 100, 0);
  await store.passwordLinks.add('l', 'a', 100, 0);
  await store.organisation.seed({
    name: 'Org',
    remoteAppName: 'App',
    remoteAppUrl: 'https://app.example',
    remoteIdRequired: false,
    remoteAppInstructions: '',
    consentGraceMinutes: 10,
    auditRetentionDays: 365,
    requireTwoFactor: false,
    requireCloseOutcome: false,
    satisfactionEmail: false,
    updatedAt: 0,
  });
  await store.idempotency.put('a', 'k', { fingerprint: 'f', status: 201, response: '{}' }, 0);
}

/** A promise and the function that resolves it: a step the test lets happen when it chooses. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.runIf(testBackends().includes('postgres'))('row locks (postgres)', () => {
  let watcher: pg.Client;
  beforeAll(async () => {
    watcher = new pg.Client({ connectionString: (await fileDatabase()).url });
    await watcher.connect();
  });
  afterAll(() => watcher.end());

  /** Resolves once a session of this database waits for a row lock. */
  async function someoneWaitsForALock(): Promise<void> {
    for (;;) {
      const { rows } = await watcher.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (Number(rows[0]!.n) > 0) return;
    }
  }

  it.each(CASES)('$read in a transaction waits for the transaction that locked the row', async (c) => {
    const store = await postgresTables.open();
    try {
      await seed(store);
      const steps: string[] = [];
      const firstHasRead = gate();
      const secondIsWaiting = gate();
      const first = store.transaction(async () => {
        steps.push(`first reads ${String(await c.observe(store))}`);
        firstHasRead.open();
        await secondIsWaiting.opened;
        await c.write(store);
        steps.push('first writes and commits');
      });
      await firstHasRead.opened;
      // Outside a transaction a read takes no lock, so it neither waits nor sees the uncommitted write.
      expect(await c.observe(store)).toEqual(c.before);
      const second = store.transaction(async () => {
        const read = c.observe(store);
        await Promise.race([someoneWaitsForALock(), read]);
        secondIsWaiting.open();
        steps.push(`second reads ${String(await read)}`);
      });
      await Promise.all([first, second]);
      expect(steps).toEqual([
        `first reads ${String(c.before)}`,
        'first writes and commits',
        `second reads ${String(c.after)}`,
      ]);
    } finally {
      await store.close();
    }
  });
});

describe.runIf(testBackends().includes('postgres'))('reads every write makes (postgres)', () => {
  it('of an agent, a channel and the organisation settings in two transactions at once: neither waits', async () => {
    const store = await postgresTables.open();
    try {
      await seed(store);
      const read = async () => [
        (await store.agents.get('a'))?.name,
        (await store.agents.getByEmail('A@x.org'))?.name,
        (await store.channels.get('c'))?.participantLimit,
        (await store.channels.privateChannelOf('a'))?.name,
        (await store.organisation.get())?.name,
      ];
      const steps: string[] = [];
      const firstHasRead = gate();
      const secondIsDone = gate();
      const first = store.transaction(async () => {
        await read();
        steps.push('first has read');
        firstHasRead.open();
        // Still open: with a row lock, the second transaction's reads would wait for this commit.
        await secondIsDone.opened;
        steps.push('first commits');
      });
      await firstHasRead.opened;
      await store.transaction(async () => {
        await read();
        steps.push('second has read and commits');
      });
      secondIsDone.open();
      await first;
      expect(steps).toEqual(['first has read', 'second has read and commits', 'first commits']);
    } finally {
      await store.close();
    }
  });
});
