/**
 * The service's PostgreSQL database on the run's real cluster: the baseline migration, a newer schema
 * refused, instances starting together migrating once, the same tables and columns as SQLite's schema of
 * the same version, a broken idle connection logged rather than fatal, and which errors mean "the database
 * is unavailable" — each from a real failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { MIGRATIONS, POSTGRES_MIGRATIONS } from '../../server/db/migrations/index';
import { migratePostgres, nextMigration } from '../../server/db/postgres/migrate';
import { describeDatabaseUrl, openPostgres } from '../../server/db/postgres/open';
import { isDatabaseUnavailable } from '../../server/db/postgres/unavailable';
import { DatabaseTooNewError } from '../../server/db/schema-version';
import { unusedPort } from '../support/ports';
import {
  createTestDatabase,
  testBackends,
  withoutPostgres,
  type TestDatabase,
} from '../support/postgres-database';

const LATEST = MIGRATIONS.length;
/** The versions a fresh PostgreSQL database goes through: its baseline, then each migration after it. */
const EVERY_VERSION = POSTGRES_MIGRATIONS.map((m) => m.version);
const silent = pino({ level: 'silent' });

const databases: TestDatabase[] = [];
const pools: pg.Pool[] = [];

async function database(options?: { migrated?: boolean }): Promise<TestDatabase> {
  const created = await createTestDatabase(options);
  databases.push(created);
  return created;
}

function pool(url: string, max = 2): pg.Pool {
  const created = new pg.Pool({ connectionString: url, max });
  pools.push(created);
  return created;
}

async function open(
  url: string,
  options: Partial<Parameters<typeof openPostgres>[1]> = {},
): Promise<pg.Pool> {
  const opened = await openPostgres(url, { poolSize: 2, logger: silent, ...options });
  pools.push(opened);
  return opened;
}

async function schemaVersion(url: string): Promise<number> {
  const { rows } = await pool(url).query<{ version: number }>('SELECT version FROM schema_version');
  expect(rows).toHaveLength(1);
  return rows[0]!.version;
}

/** The error `work` rejects with. */
async function failure(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => expect.unreachable('it succeeded'),
    (error: unknown) => error,
  );
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});

describe('testBackends', () => {
  it('is both backends by default, one alone when SESSIONDESK_TEST_BACKENDS says so', () => {
    expect(testBackends({})).toEqual(['sqlite', 'postgres']);
    expect(testBackends({ SESSIONDESK_TEST_BACKENDS: 'sqlite' })).toEqual(['sqlite']);
    expect(testBackends({ SESSIONDESK_TEST_BACKENDS: ' postgres , postgres' })).toEqual(['postgres']);
    expect(() => testBackends({ SESSIONDESK_TEST_BACKENDS: 'sqlite,mysql' })).toThrow(/sqlite, postgres/);
    expect(() => testBackends({ SESSIONDESK_TEST_BACKENDS: '' })).toThrow(/SESSIONDESK_TEST_BACKENDS/);
  });
});

describe('the migration lists', () => {
  it('end at the same version in both dialects, PostgreSQL’s with no gap after its baseline', () => {
    expect(POSTGRES_MIGRATIONS.at(-1)!.version).toBe(LATEST);
    const versions = POSTGRES_MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => versions[0]! + i));
  });

  it('start an empty database at the baseline, and know no PostgreSQL database at 1–5', () => {
    expect(nextMigration(0, 'db')).toBe(POSTGRES_MIGRATIONS[0]);
    expect(nextMigration(LATEST, 'db')).toBeNull();
    expect(() => nextMigration(3, 'db')).toThrow(
      /schema version 3, which no Sessiondesk writes on PostgreSQL/,
    );
    expect(() => nextMigration(LATEST + 1, 'db')).toThrow(DatabaseTooNewError);
  });
});

describe.skipIf(withoutPostgres('the PostgreSQL schema'))('PostgreSQL', () => {
  describe('migrations', () => {
    it('bring a fresh database to the latest version, from the baseline on, then find nothing to do', async () => {
      const { url } = await database({ migrated: false });
      const target = pool(url);
      expect(await migratePostgres(target, 'db')).toEqual({ version: LATEST, applied: EVERY_VERSION });
      expect(await schemaVersion(url)).toBe(LATEST);
      expect(await migratePostgres(target, 'db')).toEqual({ version: LATEST, applied: [] });
    });

    it('give a pool that reads bigint columns and counts as numbers, as SQLite’s driver does', async () => {
      const { url } = await database();
      const opened = await open(url);
      const { rows } = await opened.query<{ seq: unknown; count: unknown; value: unknown }>(
        `SELECT nextval('feed_seq') AS seq, (SELECT count(*) FROM agents) AS count,
                (SELECT value FROM meta WHERE key = 'tombstones_pruned_through') AS value`,
      );
      expect(rows[0]).toEqual({ seq: 1, count: 0, value: 0 });
    });

    it('refuse a database at a newer version with DatabaseTooNewError, naming it without its password', async () => {
      const { url, name } = await database();
      await pool(url).query('UPDATE schema_version SET version = $1', [LATEST + 1]);
      const error = await failure(() => open(url));
      expect(error).toBeInstanceOf(DatabaseTooNewError);
      const { message } = error as Error;
      expect(message).toContain(
        `schema version ${LATEST + 1}, newer than this Sessiondesk knows (${LATEST})`,
      );
      expect(message).toContain(`/${name}`);
      expect(message).not.toContain(new URL(url).password);
      expect(await schemaVersion(url)).toBe(LATEST + 1);
    });

    it('run once when two instances open an empty database at the same moment', async () => {
      const { url } = await database({ migrated: false });
      const results = await Promise.all([migratePostgres(pool(url), 'db'), migratePostgres(pool(url), 'db')]);
      expect(results.map((r) => r.version)).toEqual([LATEST, LATEST]);
      // Each migration is applied by one of them, once.
      expect(results.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(EVERY_VERSION);

      const other = await database({ migrated: false });
      const opened = await Promise.all([open(other.url), open(other.url)]);
      expect(opened).toHaveLength(2);
      expect(await schemaVersion(other.url)).toBe(LATEST);
    });
  });

  it('has every table and column of SQLite’s schema of the same version, and its indexes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-parity-'));
    const sqlite = openDatabase(join(dir, 'sessiondesk.db'));
    let sqliteTables: Record<string, string[]>;
    let sqliteIndexes: string[];
    try {
      const names = sqlite
        .prepare<[], string>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .pluck()
        .all();
      sqliteTables = Object.fromEntries(
        names.map((table) => [
          table,
          sqlite
            .prepare<[], { name: string; notnull: number; pk: number }>(
              `SELECT * FROM pragma_table_info('${table}')`,
            )
            .all()
            // An INTEGER PRIMARY KEY is the rowid: never NULL, though not declared NOT NULL.
            .map((c) => `${c.name}${c.notnull || c.pk ? ' not null' : ''}`),
        ]),
      );
      sqliteIndexes = sqlite
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .pluck()
        .all();
    } finally {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(10);

    const { url } = await database();
    const target = pool(url);
    const { rows: columns } = await target.query<{
      table_name: string;
      column_name: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    const postgresTables: Record<string, string[]> = {};
    for (const c of columns) {
      (postgresTables[c.table_name] ??= []).push(
        `${c.column_name}${c.is_nullable === 'NO' ? ' not null' : ''}`,
      );
    }
    for (const [table, tableColumns] of Object.entries(sqliteTables)) {
      expect({ table, columns: postgresTables[table] }).toEqual({ table, columns: tableColumns });
    }
    // What PostgreSQL has besides: its version row, and what several instances share (decision 0001 §8).
    expect(
      Object.keys(postgresTables)
        .filter((t) => !(t in sqliteTables))
        .sort(),
    ).toEqual(['rate_limits', 'schema_version', 'service_secrets']);

    const { rows: indexes } = await target.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'",
    );
    expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(sqliteIndexes));
  });

  it('keeps agents’ e-mail unique whatever its case, as SQLite’s COLLATE NOCASE does', async () => {
    const { url } = await database();
    const target = pool(url);
    const insert = `INSERT INTO agents (id, email, name, is_admin, is_support_agent, password_hash, created_at, updated_at)
                    VALUES ($1, $2, 'A', 0, 1, 'x', 0, 0)`;
    await target.query(insert, ['a1', 'Ana@Example.com']);
    const error = await failure(() => target.query(insert, ['a2', 'ana@example.COM']));
    expect(error).toMatchObject({ code: '23505', constraint: 'agents_email_unique' });
  });

  describe('a broken connection', () => {
    let silentServer: Server | undefined;
    const sockets: Socket[] = [];
    afterAll(() => {
      for (const socket of sockets) socket.destroy();
      silentServer?.close();
    });

    it('is unavailable when nothing listens at the address', async () => {
      const url = `postgres://postgres:x@127.0.0.1:${await unusedPort()}/postgres`;
      const error = await failure(() => open(url));
      expect(error).toMatchObject({ code: 'ECONNREFUSED' });
      expect(isDatabaseUnavailable(error)).toBe(true);
    });

    it('is unavailable when the server accepts but never answers (a connection timeout)', async () => {
      silentServer = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silentServer!.listen(0, '127.0.0.1', resolve));
      const { port } = silentServer.address() as { port: number };
      const error = await failure(() =>
        open(`postgres://postgres:x@127.0.0.1:${port}/postgres`, { connectionTimeoutMs: 200 }),
      );
      expect(error).toMatchObject({ message: 'Connection terminated due to connection timeout' });
      expect(isDatabaseUnavailable(error)).toBe(true);
    });

    it('is unavailable when the server ends the session under a query (pg_terminate_backend)', async () => {
      const { url } = await database();
      const victim = new pg.Client({ connectionString: url });
      await victim.connect();
      victim.on('error', () => {});
      const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Its failure is taken at once: the victim may hear of its end before the killer's answer arrives,
      // and a rejection nobody has taken yet by then is an unhandled one (it failed a loaded CI run so).
      const running = failure(() => victim.query('SELECT pg_sleep(60)'));
      const killer = pool(url);
      // The sleep has begun when the server shows it active; then end its session.
      await expect
        .poll(
          async () =>
            (
              await killer.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", [
                rows[0]!.pid,
              ])
            ).rowCount,
          { interval: 20 },
        )
        .toBe(1);
      await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      const error = await running;
      expect(error).toMatchObject({ code: '57P01' });
      expect(isDatabaseUnavailable(error)).toBe(true);
      const next = await failure(() => victim.query('SELECT 1'));
      expect(isDatabaseUnavailable(next)).toBe(true);
    });

    it('is not "unavailable" when the statement is at fault', async () => {
      const { url } = await database();
      const opened = await open(url);
      for (const sql of ['SELEKT 1', 'SELECT * FROM no_such_table', 'SELECT 1 / 0']) {
        expect(isDatabaseUnavailable(await failure(() => opened.query(sql)))).toBe(false);
      }
      await opened.query("INSERT INTO meta (key, value) VALUES ('k', 1)");
      expect(
        isDatabaseUnavailable(
          await failure(() => opened.query("INSERT INTO meta (key, value) VALUES ('k', 1)")),
        ),
      ).toBe(false);
      expect(isDatabaseUnavailable(new DatabaseTooNewError('db', 7, 6))).toBe(false);
      expect(isDatabaseUnavailable(undefined)).toBe(false);
    });

    it('held idle in the pool is logged, not fatal, and the pool connects again', async () => {
      const { url, name } = await database();
      let logged!: (line: string) => void;
      const warning = new Promise<string>((resolve) => (logged = resolve));
      const logger = pino(
        { level: 'warn' },
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            logged(chunk.toString());
            done();
          },
        }),
      );
      const opened = await open(url, { logger });
      await opened.query('SELECT 1');
      expect(opened.idleCount).toBe(1);
      await pool(url).query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      expect(JSON.parse(await warning)).toMatchObject({ level: 40, code: '57P01' });
      expect((await opened.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });

  it('names a database by its URL without the password', () => {
    expect(describeDatabaseUrl('postgres://app:s3cret@db.example:5432/sessiondesk?sslmode=require')).toBe(
      'postgres://app@db.example:5432/sessiondesk',
    );
  });
});
