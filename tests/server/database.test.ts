/**
 * The service's SQLite database on a real file: WAL, foreign keys, full fsync, versioned migrations on
 * PRAGMA user_version, and a database written by a newer Sessiondesk refused rather than misread — by
 * openDatabase, by startService, and by the command line.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, openDatabase, type SqliteDatabase } from '../../server/db/database';
import { MIGRATIONS } from '../../server/db/migrations/index';
import { startService } from '../../server/service';
import { testConfig } from '../support/service-harness';
import { runServerCommand } from '../support/service-process';

let dir: string;
let file: string;
const open: SqliteDatabase[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sessiondesk-db-'));
  file = join(dir, 'sessiondesk.db');
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function track(db: SqliteDatabase): SqliteDatabase {
  open.push(db);
  return db;
}

/** The schema as SQLite stores it: every table, index and trigger with its SQL. */
function schemaOf(db: SqliteDatabase): { type: string; name: string; sql: string | null }[] {
  return db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();
}

/** Writes user_version directly, as a newer Sessiondesk would have. */
function stampVersion(path: string, version: number): void {
  const raw = new Database(path);
  raw.pragma(`user_version = ${version}`);
  raw.close();
}

function versionOf(path: string): number {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.pragma('user_version', { simple: true }) as number;
  } finally {
    raw.close();
  }
}

describe('openDatabase', () => {
  it('opens a new file in WAL mode with foreign keys on and full fsync', () => {
    const db = track(openDatabase(file));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // FULL = 2: a committed change survives a power loss.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(existsSync(`${file}-wal`)).toBe(true);
  });

  it('brings a new database to the latest schema: user_version is the number of migrations', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    const db = track(openDatabase(file));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = schemaOf(db)
      .filter((o) => o.type === 'table')
      .map((o) => o.name);
    expect(tables).toEqual(
      expect.arrayContaining(['agents', 'channels', 'requests', 'request_events', 'meta']),
    );
  });

  it('enforces foreign keys', () => {
    const db = track(openDatabase(file));
    expect(() =>
      db
        .prepare(
          `INSERT INTO memberships (channel_id, agent_id, can_release) VALUES ('no-such-channel', 'no-such-agent', 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('changes nothing when it opens a database already at the latest version', () => {
    const first = openDatabase(file);
    first.prepare("UPDATE meta SET value = 42 WHERE key = 'seq'").run();
    const schemaBefore = schemaOf(first);
    first.close();

    const again = track(openDatabase(file));
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(schemaOf(again)).toEqual(schemaBefore);
    // The data is as it was: no migration ran again.
    expect(again.prepare("SELECT value FROM meta WHERE key = 'seq'").pluck().get()).toBe(42);
    expect(migrate(again, file)).toBe(MIGRATIONS.length);
    expect(schemaOf(again)).toEqual(schemaBefore);
  });

  it('applies only the migrations a database has not seen', () => {
    // A database as the first migration left it, at version 1.
    const raw = new Database(file);
    raw.exec(MIGRATIONS[0]!);
    raw.pragma('user_version = 1');
    raw.prepare("UPDATE meta SET value = 7 WHERE key = 'seq'").run();
    raw.close();

    const db = track(openDatabase(file));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'seq'").pluck().get()).toBe(7);
  });

  it('refuses a database written by a newer version, and says what to do', () => {
    openDatabase(file).close();
    const newer = MIGRATIONS.length + 1;
    stampVersion(file, newer);

    let thrown: unknown;
    try {
      track(openDatabase(file));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DatabaseTooNewError);
    const message = (thrown as Error).message;
    expect(message).toContain(file);
    expect(message).toContain(String(newer));
    expect(message).toContain(String(MIGRATIONS.length));
    expect(message).toMatch(/newer Sessiondesk/);
    expect(message).toMatch(/restore a backup/);
    // Nothing was changed, and the file is not left locked.
    expect(versionOf(file)).toBe(newer);
    const other = new Database(file);
    expect(() => other.prepare('BEGIN IMMEDIATE').run()).not.toThrow();
    other.prepare('ROLLBACK').run();
    other.close();
  });

  it('refuses a newer database that this version never saw tables of', () => {
    stampVersion(file, 1_000);
    expect(() => track(openDatabase(file))).toThrow(DatabaseTooNewError);
    expect(versionOf(file)).toBe(1_000);
  });
});

describe('startService on a database from a newer version', () => {
  it('refuses to start, leaving the database as it found it', async () => {
    openDatabase(file).close();
    stampVersion(file, MIGRATIONS.length + 1);
    const before = readdirSync(dir).sort();

    let started: Awaited<ReturnType<typeof startService>> | undefined;
    let thrown: unknown;
    try {
      started = await startService({
        config: testConfig(dir),
        logger: pino({ level: 'silent' }),
        scheduler: false,
      });
    } catch (error) {
      thrown = error;
    } finally {
      await started?.stop();
    }
    expect(started).toBeUndefined();
    expect(thrown).toBeInstanceOf(DatabaseTooNewError);
    expect(versionOf(file)).toBe(MIGRATIONS.length + 1);
    // No secrets, no mail folder: it stopped before touching anything else.
    expect(
      readdirSync(dir)
        .filter((name) => !name.startsWith('sessiondesk.db'))
        .sort(),
    ).toEqual(before.filter((name) => !name.startsWith('sessiondesk.db')));
  });

  it('is reported by the command line as a message and a failing exit code', async () => {
    openDatabase(file).close();
    stampVersion(file, MIGRATIONS.length + 1);
    const result = await runServerCommand(['--port', '0', '--data-dir', dir, '--log-level', 'silent']);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('newer than this Sessiondesk knows');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('listening');
  }, 90_000);
});
