/**
 * Migration 10 (issue 17) on a database at version 9 holding requests and their timelines, on SQLite and
 * on PostgreSQL: each request gets its row of facts, computed from its events by the rules reports
 * counted by before (server/store/reports-sql.ts): the first Ready, denial and connection, the finish, the
 * spans that ended and the one still open; a deleted request takes its facts with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { MIGRATIONS, POSTGRES_MIGRATIONS } from '../../server/db/migrations/index';
import { migratePostgres } from '../../server/db/postgres/migrate';
import { createTestDatabase, withoutPostgres, type TestDatabase } from '../support/postgres-database';

/**
 * r1: Ready at 91 s; Ann connects at 100 s, Bob at 110 s; Ann disconnects at 150 s (her span: 50 s), Bob
 * is still connected. r2: denied at 1.5 s, then Ann connected 2 s → 5 s, when it was closed (the close
 * ends her span); a second `allowed` and `connected` later do not move the firsts. r3: nothing happened.
 */
const FIXTURE = `
  INSERT INTO agents (id, email, name, is_admin, is_support_agent, password_hash, created_at, updated_at)
  VALUES ('ann', 'ann@example.com', 'Ann', 1, 1, 'x', 0, 0);
  INSERT INTO channels (id, name, kind, owner_id, default_expiry_minutes, participant_limit, created_at, updated_at)
  VALUES ('c1', 'Support', 'shared', NULL, 60, 3, 0, 0);
  INSERT INTO requests (id, status, consent, recipient_name, recipient_email, comments, email_language,
    send_invitation, expires_at, channel_id, assignee_id, created_by, link_token_hash, pin, session_code,
    created_at, updated_at, seq)
  VALUES ('r1', 'connected', 'granted', 'Ana', NULL, '', 'en', 0, 900000, 'c1', 'ann', 'ann', 'h1', '1', '1',
      1000, 1000, 1),
    ('r2', 'closed', 'denied', 'Rui', NULL, '', 'en', 0, 900000, 'c1', NULL, 'ann', 'h2', '2', '2',
      500, 500, 2),
    ('r3', 'open', 'pending', 'Rita', NULL, '', 'en', 0, 900000, 'c1', 'ann', 'ann', 'h3', '3', '3',
      700, 700, 3);
  INSERT INTO request_events (id, request_id, seq, at, type, actor_kind, actor_id, actor_name, data)
  VALUES (1, 'r1', 1, 1000, 'created', 'agent', 'ann', 'Ann', '{}'),
    (2, 'r1', 1, 91000, 'allowed', 'end_user', NULL, NULL, '{}'),
    (3, 'r1', 1, 100000, 'connected', 'agent', 'ann', 'Ann', '{}'),
    (4, 'r1', 1, 110000, 'connected', 'agent', 'bob', 'Bob', '{}'),
    (5, 'r1', 1, 150000, 'disconnected', 'agent', 'ann', 'Ann', '{}'),
    (6, 'r2', 2, 1500, 'denied', 'end_user', NULL, NULL, '{}'),
    (7, 'r2', 2, 2000, 'connected', 'agent', 'ann', 'Ann', '{}'),
    (8, 'r2', 2, 5000, 'closed', 'agent', 'ann', 'Ann', '{}'),
    (9, 'r1', 1, 160000, 'allowed', 'end_user', NULL, NULL, '{}'),
    (10, 'r3', 3, 700, 'created', 'agent', 'ann', 'Ann', '{}');`;

const FACTS = `SELECT request_id, created_at, channel_id, assignee_id, created_by, status, ready_at, denied_at,
  connected_at, finished_at, session_ms, open_spans, open_since FROM request_facts ORDER BY request_id`;

const EXPECTED = [
  {
    request_id: 'r1',
    created_at: 1000,
    channel_id: 'c1',
    assignee_id: 'ann',
    created_by: 'ann',
    status: 'connected',
    ready_at: 91000,
    denied_at: null,
    connected_at: 100000,
    finished_at: null,
    session_ms: 50000,
    open_spans: 1,
    open_since: 110000,
  },
  {
    request_id: 'r2',
    created_at: 500,
    channel_id: 'c1',
    assignee_id: null,
    created_by: 'ann',
    status: 'closed',
    ready_at: null,
    denied_at: 1500,
    connected_at: 2000,
    finished_at: 5000,
    session_ms: 3000,
    open_spans: 0,
    open_since: 0,
  },
  {
    request_id: 'r3',
    created_at: 700,
    channel_id: 'c1',
    assignee_id: 'ann',
    created_by: 'ann',
    status: 'open',
    ready_at: null,
    denied_at: null,
    connected_at: null,
    finished_at: null,
    session_ms: 0,
    open_spans: 0,
    open_since: 0,
  },
];

/** PostgreSQL's bigint comes back as text: the rows with their numbers as numbers. */
function numbers(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
      ]),
    ),
  );
}

describe('migration 10 on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-migration-10-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every request its facts, from its events; a deleted request takes them along', () => {
    const file = join(dir, 'sessiondesk.db');
    const raw = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 9)) raw.exec(sql);
    raw.pragma('user_version = 9');
    raw.exec(FIXTURE);
    raw.close();

    const db = openDatabase(file);
    try {
      // Migration 10 and any after it.
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare(FACTS).all()).toEqual(EXPECTED);
      db.exec("DELETE FROM requests WHERE id = 'r2'");
      expect(db.prepare('SELECT request_id FROM request_facts ORDER BY 1').pluck().all()).toEqual([
        'r1',
        'r3',
      ]);
    } finally {
      db.close();
    }
  });
});

describe.skipIf(withoutPostgres('migration 10 on PostgreSQL'))('migration 10 on PostgreSQL', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('gives every request its facts, from its events; a deleted request takes them along', async () => {
    const database = await createTestDatabase({ migrated: false });
    databases.push(database);
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      // The schema as a database migrated to version 9 holds it.
      for (const migration of POSTGRES_MIGRATIONS.filter((m) => m.version <= 9))
        await pool.query(migration.sql);
      await pool.query(
        `CREATE TABLE schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);
         INSERT INTO schema_version (id, version) VALUES (1, 9);`,
      );
      await pool.query(FIXTURE);

      // Migration 10 and any after it.
      const after = POSTGRES_MIGRATIONS.filter((m) => m.version >= 10).map((m) => m.version);
      expect(await migratePostgres(pool, 'db')).toEqual({ version: after.at(-1), applied: after });
      expect(numbers((await pool.query(FACTS)).rows)).toEqual(EXPECTED);
      await pool.query("DELETE FROM requests WHERE id = 'r2'");
      const { rows } = await pool.query('SELECT request_id FROM request_facts ORDER BY 1');
      expect(rows.map((row) => row.request_id)).toEqual(['r1', 'r3']);
    } finally {
      await pool.end();
    }
  });
});
