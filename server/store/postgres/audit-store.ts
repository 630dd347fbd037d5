/**
 * PostgreSQL SQL of the audit log (meaning: ../sqlite/audit-store.ts). Types are compared in byte order
 * (COLLATE "C", as the index is built), so a type prefix is a range as on SQLite.
 */
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
import type { AuditTable } from '../store';
import type { PostgresExecutor } from './executor';

export class PostgresAuditStore implements AuditTable {
  constructor(private readonly db: PostgresExecutor) {}

  async insert(row: NewAuditRow): Promise<void> {
    await this.db.exec(
      `INSERT INTO audit_log (at, type, actor_kind, actor_id, actor_name, address, target_kind, target_id,
         target_name, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      auditValues(row),
    );
  }

  async page(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
    const values: (string | number)[] = [];
    const where = auditWhere(
      filter,
      (value) => {
        values.push(value);
        return `$${values.length}`;
      },
      'type COLLATE "C"',
    );
    values.push(limit);
    const rows = await this.db.rows<RawAuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log ${where} ORDER BY id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map(toAuditRow);
  }

  async prune(before: number): Promise<number> {
    return this.db.exec('DELETE FROM audit_log WHERE at < $1', [before]);
  }
}
