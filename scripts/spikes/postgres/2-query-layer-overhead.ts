/**
 * 2. What the query layer costs on the service's hot paths. The hot write is one transaction: the next seq
 * from meta, a request row, its two events; the hot read is a request by id with its events.
 *
 * SQLite (a file in /tmp, WAL, as the service opens it; synchronous FULL and OFF): raw better-sqlite3
 * (prepared statements, db.transaction), the same statements behind an async function and a mutex (what
 * any async store interface costs), and Kysely's SqliteDialect over the same better-sqlite3 connection.
 * PostgreSQL: raw `pg` (one pooled client per transaction) and Kysely's PostgresDialect over a pg Pool.
 *
 *   npx tsx 2-query-layer-overhead.ts [--rounds 5] [--debian]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { kindFromArgs, numberArg } from './cli';
import { startCluster } from './cluster';
import { newRequest, POSTGRES_SCHEMA, SQLITE_SCHEMA, type Database } from './schema';
import { meanMicros, median, report, round } from './stats';

const rounds = numberArg('rounds', 5);
const SQLITE_OPS = 2_000;
const PG_OPS = 400;

/** The write and the read through Kysely; the same for both dialects. */
async function kyselyWrite(db: Kysely<Database>, i: number): Promise<string> {
  const request = newRequest(i, Date.now());
  return db.transaction().execute(async (trx) => {
    const { value: seq } = await trx
      .updateTable('meta')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('key', '=', 'seq')
      .returning('value')
      .executeTakeFirstOrThrow();
    const { events, ...row } = request;
    await trx
      .insertInto('requests')
      .values({ ...row, seq })
      .execute();
    await trx
      .insertInto('request_events')
      .values(events.map((e) => ({ ...e, seq })))
      .execute();
    return request.id;
  });
}

async function kyselyRead(db: Kysely<Database> | Transaction<Database>, id: string) {
  const request = await db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  const events = await db
    .selectFrom('request_events')
    .selectAll()
    .where('request_id', '=', id)
    .orderBy('id')
    .execute();
  return { request, events };
}

/** A one-at-a-time lock: what an async store over one SQLite connection needs around a transaction. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(work: () => T | Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function openSqlite(synchronous: 'FULL' | 'OFF') {
  const dir = mkdtempSync(join(tmpdir(), 'spike-sqlite-'));
  const db = new Sqlite(join(dir, 'service.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.exec(SQLITE_SCHEMA);
  return { db, dispose: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function sqliteRound(synchronous: 'FULL' | 'OFF') {
  const { db, dispose } = openSqlite(synchronous);
  const nextSeq = db.prepare<[], { value: number }>(
    "UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value",
  );
  const insertRequest = db.prepare(
    `INSERT INTO requests (id, status, recipient_name, comments, channel_id, pin, created_at, updated_at, seq, wire_json)
     VALUES (@id, @status, @recipient_name, @comments, @channel_id, @pin, @created_at, @updated_at, @seq, @wire_json)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO request_events (request_id, seq, at, type, data, wire_json)
     VALUES (@request_id, @seq, @at, @type, @data, @wire_json)`,
  );
  const byId = db.prepare('SELECT * FROM requests WHERE id = ?');
  const eventsOf = db.prepare('SELECT * FROM request_events WHERE request_id = ? ORDER BY id');
  const ids: string[] = [];
  const rawWrite = db.transaction((i: number) => {
    const { events, ...row } = newRequest(i, Date.now());
    const seq = nextSeq.get()!.value;
    insertRequest.run({ ...row, seq });
    for (const e of events) insertEvent.run({ ...e, seq });
    return row.id;
  });
  const rawRead = (id: string) => ({ request: byId.get(id), events: eventsOf.all(id) });
  const mutex = new Mutex();
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) });
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const figures = {
    'write raw µs': await meanMicros(SQLITE_OPS, (i) => ids.push(rawWrite(i))),
    'write raw+async+mutex µs': await meanMicros(SQLITE_OPS, (i) =>
      mutex.run(() => ids.push(rawWrite(2 * SQLITE_OPS + i))),
    ),
    'write Kysely µs': await meanMicros(SQLITE_OPS, async (i) =>
      ids.push(await kyselyWrite(kysely, 4 * SQLITE_OPS + i)),
    ),
    'read raw µs': await meanMicros(SQLITE_OPS, (i) => rawRead(pick(i))),
    'read raw+async+mutex µs': await meanMicros(SQLITE_OPS, (i) => mutex.run(() => rawRead(pick(i)))),
    'read Kysely µs': await meanMicros(SQLITE_OPS, (i) => kyselyRead(kysely, pick(i))),
  };
  await kysely.destroy(); // closes the better-sqlite3 connection
  dispose();
  return figures;
}

async function postgresRound(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const ids: string[] = [];
  const rawWrite = async (i: number) => {
    const { events, ...row } = newRequest(i, Date.now());
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ value: string }>(
        "UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value",
      );
      const seq = Number(rows[0]!.value);
      await client.query(
        `INSERT INTO requests (id, status, recipient_name, comments, channel_id, pin, created_at, updated_at, seq, wire_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          row.id,
          row.status,
          row.recipient_name,
          row.comments,
          row.channel_id,
          row.pin,
          row.created_at,
          row.updated_at,
          seq,
          row.wire_json,
        ],
      );
      await client.query(
        `INSERT INTO request_events (request_id, seq, at, type, data, wire_json)
         VALUES ($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11, $12)`,
        events.flatMap((e) => [e.request_id, seq, e.at, e.type, e.data, e.wire_json]),
      );
      await client.query('COMMIT');
      return row.id;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const rawRead = async (id: string) => {
    const request = await pool.query({
      name: 'by-id',
      text: 'SELECT * FROM requests WHERE id = $1',
      values: [id],
    });
    const events = await pool.query({
      name: 'events-of',
      text: 'SELECT * FROM request_events WHERE request_id = $1 ORDER BY id',
      values: [id],
    });
    return { request: request.rows[0], events: events.rows };
  };
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }),
  });
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const ms = (micros: number) => micros / 1000;
  const figures = {
    'write raw pg ms': ms(await meanMicros(PG_OPS, async (i) => ids.push(await rawWrite(i)))),
    'write Kysely ms': ms(
      await meanMicros(PG_OPS, async (i) => ids.push(await kyselyWrite(kysely, 2 * PG_OPS + i))),
    ),
    'read raw pg ms': ms(await meanMicros(PG_OPS, (i) => rawRead(pick(i)))),
    'read Kysely ms': ms(await meanMicros(PG_OPS, (i) => kyselyRead(kysely, pick(i)))),
  };
  await kysely.destroy();
  await pool.end();
  return figures;
}

function medians<T extends Record<string, number>>(samples: T[]): Record<string, number> {
  const keys = Object.keys(samples[0]!);
  return Object.fromEntries(keys.map((k) => [k, round(median(samples.map((s) => s[k]!)), 2)]));
}

const rows: Record<string, Record<string, number>> = {};
for (const synchronous of ['FULL', 'OFF'] as const) {
  const samples = [];
  for (let r = 0; r < rounds; r++) samples.push(await sqliteRound(synchronous));
  rows[`SQLite synchronous=${synchronous}`] = medians(samples);
}
const cluster = await startCluster(kindFromArgs());
try {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE round_${r}`);
    await admin.end();
    const setup = new pg.Client({ connectionString: cluster.url(`round_${r}`) });
    await setup.connect();
    await setup.query(POSTGRES_SCHEMA);
    await setup.end();
    samples.push(await postgresRound(cluster.url(`round_${r}`)));
  }
  rows[`PostgreSQL 15 (${cluster.kind}, durable)`] = medians(samples);
} finally {
  await cluster.destroy();
}
report(`Per operation, one at a time (median of ${rounds} rounds)`, rows);
