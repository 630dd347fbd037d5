/**
 * SQLite's report reader threads (server/store/sqlite/report-readers.ts) and the covering indexes they read
 * through (migration 11): a summary's groups are answered from the index alone, the channel's and the
 * assignee's in the index's order (no sort of every request); a query's error comes back from the thread
 * with its code and the thread answers the next call; a closed store's readers refuse.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import {
  REPORT_DIMENSIONS,
  REPORT_INDEX,
  summarySql,
  type ReportFilter,
} from '../../server/store/reports-sql';
import { ReportReaders } from '../../server/store/sqlite/report-readers';
import { SQLITE_REPORT_DIALECT } from '../../server/store/sqlite/reports-store';

const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-report-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = Date.UTC(2026, 11, 7, 12);
const FILTER: ReportFilter = {
  from: NOW - 30 * 86_400_000,
  to: NOW,
  channelIds: ['c1', 'c2'],
  assigneeId: null,
  ownWorkOf: null,
  now: NOW,
};

/** A database with the service's schema (every migration applied). */
function database(name: string): string {
  const file = join(dir, name);
  openDatabase(file).close();
  return file;
}

describe('the covering indexes of reports (migration 11)', () => {
  it('answer every group of a summary from the index alone; the channel and the assignee without a sort', () => {
    const db = new Database(database('plans.db'), { readonly: true });
    try {
      for (const dim of REPORT_DIMENSIONS) {
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN ${summarySql(SQLITE_REPORT_DIALECT, dim)}`)
          .all({ ...FILTER, channelIds: JSON.stringify(FILTER.channelIds) })
          .map((row) => (row as { detail: string }).detail)
          .join('\n');
        const index = dim === 'agent' ? REPORT_INDEX.byAssignee : REPORT_INDEX.byChannel;
        expect(plan, dim).toContain(`USING COVERING INDEX ${index}`);
        if (dim === 'channel' || dim === 'agent') expect(plan, dim).not.toContain('TEMP B-TREE');
      }
    } finally {
      db.close();
    }
  });
});

describe('the report reader threads', () => {
  it('answer a summary of the committed facts: every group, the total there for an empty period', async () => {
    const readers = new ReportReaders(database('empty.db'));
    try {
      const rows = await readers.summary(FILTER);
      expect(rows).toEqual([expect.objectContaining({ dim: 'total', key: null, created: 0, session_ms: 0 })]);
    } finally {
      await readers.close();
    }
  });

  it('send back a query’s error with its code, and answer the next call', async () => {
    const file = join(dir, 'no-schema.db');
    new Database(file).close();
    const readers = new ReportReaders(file);
    try {
      await expect(readers.summary(FILTER)).rejects.toMatchObject({
        code: 'SQLITE_ERROR',
        message: expect.stringContaining('no such'),
      });
      await expect(readers.requestPage(FILTER, null, 10)).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
    } finally {
      await readers.close();
    }
  });

  it('refuse once closed', async () => {
    const readers = new ReportReaders(database('closed.db'));
    await readers.summary(FILTER);
    await readers.close();
    await expect(readers.summary(FILTER)).rejects.toMatchObject({ code: 'store_closed' });
  });
});
