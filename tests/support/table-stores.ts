/**
 * The store's table groups on each backend this run tests, for tests that hold the PostgreSQL SQL to the
 * SQLite SQL's meaning: a fresh SQLite file, or the PostgreSQL classes over a pool on this file's test
 * database (its tables emptied first). Run one table of cases over `tableStoreBackends()` with
 * `describe.each`, so a difference between the dialects fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll } from 'vitest';
import { openDatabase } from '../../server/db/database';
import type { DatabaseDialect } from '../../server/db/dialects';
import { openPostgres } from '../../server/db/postgres/open';
import { SecretBox } from '../../server/services/crypto';
import { PostgresAgentsStore } from '../../server/store/postgres/agents-store';
import { PostgresChannelsStore } from '../../server/store/postgres/channels-store';
import { PostgresExecutor } from '../../server/store/postgres/executor';
import { PostgresOrganisationStore } from '../../server/store/postgres/organisation-store';
import { PostgresIdempotencyStore, PostgresOutboxStore } from '../../server/store/postgres/outbox-store';
import { PostgresPasswordLinksStore } from '../../server/store/postgres/password-links-store';
import { PostgresTokensStore } from '../../server/store/postgres/tokens-store';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store';
import type { Store } from '../../server/store/store';
import { createTestDatabase, testBackends, type TestDatabase } from './postgres-database';

/** The table groups these tests cover, with transactions. */
export type TableStore = Pick<
  Store,
  | 'agents'
  | 'channels'
  | 'tokens'
  | 'organisation'
  | 'passwordLinks'
  | 'outbox'
  | 'idempotency'
  | 'transaction'
  | 'onCommit'
  | 'close'
>;

export interface TableStoreBackend {
  readonly dialect: DatabaseDialect;
  /** A store on an empty database (every table of these groups empty). */
  open(): Promise<TableStore>;
}

const TABLES = [
  'outbox',
  'idempotency_keys',
  'password_links',
  'access_tokens',
  'refresh_tokens',
  'memberships',
  'channels',
  'agents',
  'organisation',
];

/** The store's key: the same for every store of the run, as one service's secrets.json. */
export const TEST_SEALER = new SecretBox(randomBytes(32));

let database: Promise<TestDatabase> | undefined;
afterAll(async () => {
  if (database) await (await database).drop();
});

/** This file's PostgreSQL database, created on first use and dropped after the file. */
export function fileDatabase(): Promise<TestDatabase> {
  database ??= createTestDatabase();
  return database;
}

/** The PostgreSQL table classes over a new pool of `poolSize` on this file's database (not emptied). */
export async function openPostgresTables(poolSize = 4): Promise<TableStore> {
  const pool = await openPostgres((await fileDatabase()).url, {
    poolSize,
    logger: pino({ level: 'silent' }),
  });
  const executor = new PostgresExecutor(pool, (error) => {
    throw error;
  });
  return {
    agents: new PostgresAgentsStore(executor),
    channels: new PostgresChannelsStore(executor),
    tokens: new PostgresTokensStore(executor),
    organisation: new PostgresOrganisationStore(executor),
    passwordLinks: new PostgresPasswordLinksStore(executor),
    outbox: new PostgresOutboxStore(executor, TEST_SEALER),
    idempotency: new PostgresIdempotencyStore(executor, TEST_SEALER),
    transaction: (work) => executor.transaction(work),
    onCommit: (run) => executor.onCommit(run),
    close: () => pool.end(),
  };
}

const sqlite: TableStoreBackend = {
  dialect: 'sqlite',
  open: () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-tables-'));
    const store = new SqliteStore(openDatabase(join(dir, 'sessiondesk.db')), TEST_SEALER);
    return Promise.resolve({
      agents: store.agents,
      channels: store.channels,
      tokens: store.tokens,
      organisation: store.organisation,
      passwordLinks: store.passwordLinks,
      outbox: store.outbox,
      idempotency: store.idempotency,
      transaction: (work) => store.transaction(work),
      onCommit: (run) => store.onCommit(run),
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  },
};

/** The PostgreSQL tables on this file's database, emptied first. */
export const postgresTables: TableStoreBackend = {
  dialect: 'postgres',
  open: async () => {
    const client = new pg.Client({ connectionString: (await fileDatabase()).url });
    await client.connect();
    try {
      await client.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`);
    } finally {
      await client.end();
    }
    return openPostgresTables();
  },
};

/** Agents `ids` (name = id, e-mail id@x.org, no roles): what tokens and links belong to. */
export async function addAgents(store: TableStore, ...ids: string[]): Promise<void> {
  for (const id of ids)
    await store.agents.insert({ id, email: `${id}@x.org`, name: id, roles: [], passwordHash: 'h' }, 0);
}

/** SQLite always; PostgreSQL unless SESSIONDESK_TEST_BACKENDS leaves it out. */
export function tableStoreBackends(): TableStoreBackend[] {
  return testBackends().map((dialect) => (dialect === 'sqlite' ? sqlite : postgresTables));
}
