/**
 * Migration 7 (issue 17) on a database at version 6 holding a request and its timeline, on SQLite and on
 * PostgreSQL: every event stays (ids, actors, feed JSON), the timeline now takes an integration as actor,
 * and the request's stored wire JSON says it has no ticket reference, as a request written after does.
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

/** A request with two events, as version 6 wrote them (the wire JSON as services/wire-json.ts does). */
const FIXTURE = `
  INSERT INTO agents (id, email, name, is_admin, is_support_agent, password_hash, created_at, updated_at)
  VALUES ('ann', 'ann@example.com', 'Ann', 1, 1, 'x', 0, 0);
  INSERT INTO channels (id, name, kind, owner_id, default_expiry_minutes, participant_limit, created_at, updated_at)
  VALUES ('c1', 'Support', 'shared', NULL, 60, 3, 0, 0);
  INSERT INTO requests (id, status, consent, recipient_name, recipient_email, comments, email_language,
    send_invitation, expires_at, channel_id, assignee_id, created_by, link_token_hash, pin, session_code,
    created_at, updated_at, seq, wire_json, events_json)
  VALUES ('r1', 'open', 'pending', 'Ana', NULL, '', 'en', 0, 9000, 'c1', 'ann', 'ann', 'h1', '123456789',
    '12345678', 1000, 1000, 1, '{"id":"r1","status":"open"}', '');
  INSERT INTO request_events (id, request_id, seq, at, type, actor_kind, actor_id, actor_name, data, wire_json)
  VALUES (5, 'r1', 1, 1000, 'created', 'agent', 'ann', 'Ann', '{}', '{"type":"created"}'),
         (9, 'r1', 1, 1000, 'email_queued', 'system', NULL, NULL, '{}', '{"type":"email_queued"}');`;

const EVENTS = 'SELECT id, type, actor_kind, actor_id, actor_name FROM request_events ORDER BY id';
const INTEGRATION_EVENT = `INSERT INTO request_events
  (request_id, seq, at, type, actor_kind, actor_id, actor_name, on_behalf_of_id, on_behalf_of_name, data)
  VALUES ('r1', 2, 2000, 'note', 'integration', 't1', 'Desk', 'ann', 'Ann', '{}')`;
/** The same before version 7, which had neither the kind nor the columns of the agent acted for. */
const INTEGRATION_EVENT_BEFORE = `INSERT INTO request_events
  (request_id, seq, at, type, actor_kind, actor_id, actor_name, data)
  VALUES ('r1', 2, 2000, 'note', 'integration', 't1', 'Desk', '{}')`;
const AFTER = {
  events: [
    { id: 5, type: 'created', actor_kind: 'agent', actor_id: 'ann', actor_name: 'Ann' },
    { id: 9, type: 'email_queued', actor_kind: 'system', actor_id: null, actor_name: null },
  ],
  wire: { externalRef: null, id: 'r1', status: 'open' },
};

describe('migration 7 on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-migration-7-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the timeline, takes an integration as actor, and says the request has no ticket', () => {
    const file = join(dir, 'sessiondesk.db');
    const raw = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 6)) raw.exec(sql);
    raw.pragma('user_version = 6');
    raw.exec(FIXTURE);
    expect(() => raw.exec(INTEGRATION_EVENT_BEFORE)).toThrow(/CHECK constraint/);
    raw.close();

    const db = openDatabase(file);
    try {
      // Migrated to the latest version, 7 among them.
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare(EVENTS).all()).toEqual(AFTER.events);
      const wire = db.prepare<[], string>("SELECT wire_json FROM requests WHERE id = 'r1'").pluck().get()!;
      expect(JSON.parse(wire)).toEqual(AFTER.wire);
      db.exec(INTEGRATION_EVENT);
      expect(db.prepare('SELECT count(*) FROM request_events').pluck().get()).toBe(3);
      // The foreign key and its cascade came through the rebuild.
      expect(() =>
        db.exec(
          "INSERT INTO request_events (request_id, seq, at, type, actor_kind, data) VALUES ('nope', 1, 1, 'note', 'system', '{}')",
        ),
      ).toThrow(/FOREIGN KEY/);
      db.exec("DELETE FROM requests WHERE id = 'r1'");
      expect(db.prepare('SELECT count(*) FROM request_events').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe.skipIf(withoutPostgres('migration 7 on PostgreSQL'))('migration 7 on PostgreSQL', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('keeps the timeline, takes an integration as actor, and says the request has no ticket', async () => {
    const database = await createTestDatabase({ migrated: false });
    databases.push(database);
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      // The baseline, as a database migrated before version 7 holds it.
      await pool.query(POSTGRES_MIGRATIONS[0]!.sql);
      await pool.query(
        `CREATE TABLE schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL);
         INSERT INTO schema_version (id, version) VALUES (1, 6);`,
      );
      await pool.query(FIXTURE);
      await expect(pool.query(INTEGRATION_EVENT_BEFORE)).rejects.toThrow(/actor_kind_check/);

      const after = POSTGRES_MIGRATIONS.slice(1).map((m) => m.version);
      expect(await migratePostgres(pool, 'db')).toEqual({ version: after.at(-1), applied: after });
      expect((await pool.query(EVENTS)).rows.map((r) => ({ ...r, id: Number(r.id) }))).toEqual(AFTER.events);
      const { rows } = await pool.query<{ wire_json: string }>(
        "SELECT wire_json FROM requests WHERE id = 'r1'",
      );
      expect(JSON.parse(rows[0]!.wire_json)).toEqual(AFTER.wire);
      await pool.query(INTEGRATION_EVENT);
      expect(Number((await pool.query('SELECT count(*) AS n FROM request_events')).rows[0].n)).toBe(3);
    } finally {
      await pool.end();
    }
  });
});
