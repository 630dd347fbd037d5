/**
 * SQL of the audit log (migration 9): append-only. Entries are inserted, read a page at a time (newest
 * first, the cursor an id), and deleted only by retention — there is no update.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from '../../db/database';
import {
  AUDIT_COLUMNS,
  auditValues,
  auditWhere,
  toAuditRow,
  type AuditFilter,
  type AuditRow,
  type NewAuditRow,
  type RawAuditRow,
} from '../audit-rows';

export class SqliteAuditStore {
  private readonly insertStmt;
  private readonly pruneStmt;
  /** A page's statement per combination of filters (at most 2^6), prepared once. */
  private readonly pages = new Map<string, Database.Statement<(string | number)[], RawAuditRow>>();

  constructor(private readonly db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (at, type, actor_kind, actor_id, actor_name, address, target_kind, target_id,
         target_name, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.pruneStmt = db.prepare('DELETE FROM audit_log WHERE at < ?');
  }

  insert(row: NewAuditRow): void {
    this.insertStmt.run(...auditValues(row));
  }

  /** Up to `limit` entries matching `filter`, newest first. */
  page(filter: AuditFilter, limit: number): AuditRow[] {
    const values: (string | number)[] = [];
    const where = auditWhere(filter, (value) => {
      values.push(value);
      return '?';
    });
    const sql = `SELECT ${AUDIT_COLUMNS} FROM audit_log ${where} ORDER BY id DESC LIMIT ?`;
    let statement = this.pages.get(sql);
    if (!statement) {
      statement = this.db.prepare<(string | number)[], RawAuditRow>(sql);
      this.pages.set(sql, statement);
    }
    return statement.all(...values, limit).map(toAuditRow);
  }

  /** Deletes the entries older than `before` (retention); how many. */
  prune(before: number): number {
    return this.pruneStmt.run(before).changes;
  }
}
