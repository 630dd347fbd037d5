/**
 * SQL of the SMS gateway and the SMS outbox (migration 16; rows: ../sms-rows.ts). A claim leases a message
 * by moving `next_attempt_at` on, in one transaction: on SQLite every transaction runs alone.
 */
import type { SqliteDatabase } from '../../db/database';
import type { Sealer } from '../rows';
import {
  SMS_COLUMNS,
  sealedSms,
  toClaimedSms,
  toRawSmsGateway,
  toSmsGatewayRow,
  type ClaimedSms,
  type NewSms,
  type RawSms,
  type RawSmsGateway,
  type SmsGatewayRow,
  type SmsGatewaySecrets,
  type SmsOutcome,
} from '../sms-rows';

export class SqliteSmsStore {
  private readonly gatewayStmt;
  private readonly saveGatewayStmt;
  private readonly deleteGatewayStmt;
  private readonly enqueueStmt;
  private readonly dueStmt;
  private readonly leaseStmt;
  private readonly claimTransaction;
  private readonly recordStmt;
  private readonly nextDueStmt;
  private readonly cancelStmt;

  constructor(
    db: SqliteDatabase,
    private readonly box: Sealer,
  ) {
    this.gatewayStmt = db.prepare<[], RawSmsGateway>(
      'SELECT kind, settings, secrets, updated_at FROM sms_gateway WHERE id = 1',
    );
    this.saveGatewayStmt = db.prepare(
      `INSERT INTO sms_gateway (id, kind, settings, secrets, updated_at)
       VALUES (1, @kind, @settings, @secrets, @updated_at)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, settings = excluded.settings,
         secrets = excluded.secrets, updated_at = excluded.updated_at`,
    );
    this.deleteGatewayStmt = db.prepare('DELETE FROM sms_gateway WHERE id = 1');
    this.enqueueStmt = db.prepare(
      `INSERT INTO sms_outbox (request_id, kind, recipient, body, state, attempts, next_attempt_at, created_at)
       VALUES (@request_id, @kind, @recipient, @body, 'pending', 0, @now, @now)`,
    );
    this.dueStmt = db.prepare<[number], RawSms>(
      `SELECT ${SMS_COLUMNS} FROM sms_outbox WHERE state = 'pending' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT 1`,
    );
    this.leaseStmt = db.prepare(
      'UPDATE sms_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?',
    );
    this.claimTransaction = db.transaction((now: number, until: number) => {
      const due = this.dueStmt.get(now);
      if (!due) return undefined;
      this.leaseStmt.run(until, due.id);
      return { ...due, attempts: due.attempts + 1 };
    });
    this.recordStmt = db.prepare(
      `UPDATE sms_outbox SET state = @state, next_attempt_at = @next_attempt_at,
         last_status_code = @status_code, last_error = @error, finished_at = @finished_at
       WHERE id = @id`,
    );
    this.nextDueStmt = db.prepare<[], { at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM sms_outbox WHERE state = 'pending'`,
    );
    this.cancelStmt = db.prepare(
      `UPDATE sms_outbox SET state = 'failed', next_attempt_at = NULL, last_error = ?, finished_at = ?
       WHERE request_id = ? AND state = 'pending'`,
    );
  }

  gateway(): SmsGatewayRow | undefined {
    const raw = this.gatewayStmt.get();
    return raw && toSmsGatewayRow(raw, this.box);
  }

  saveGateway(row: SmsGatewayRow & { secrets: SmsGatewaySecrets }): void {
    this.saveGatewayStmt.run(toRawSmsGateway(row, this.box));
  }

  deleteGateway(): boolean {
    return this.deleteGatewayStmt.run().changes > 0;
  }

  enqueue(sms: NewSms): void {
    this.enqueueStmt.run(sealedSms(sms, this.box));
  }

  /** Claims the message due longest, if any: counts the attempt and leases it until `until`. */
  claimDue(now: number, until: number): ClaimedSms | undefined {
    const raw = this.claimTransaction(now, until);
    return raw && toClaimedSms(raw, this.box);
  }

  record(id: number, outcome: SmsOutcome): void {
    this.recordStmt.run(recordParams(id, outcome));
  }

  /** When the next pending message is due, or null when none is waiting. */
  nextDueAt(): number | null {
    return this.nextDueStmt.get()!.at;
  }

  /** The request was deleted: what was not sent yet is not sent. */
  cancelForRequest(requestId: string, now: number, reason: string): void {
    this.cancelStmt.run(reason, now, requestId);
  }
}

/** The columns an attempt's outcome writes. */
export function recordParams(id: number, outcome: SmsOutcome) {
  return {
    id,
    state: outcome.state,
    next_attempt_at: outcome.state === 'pending' ? (outcome.nextAttemptAt ?? outcome.at) : null,
    status_code: outcome.statusCode,
    error: outcome.state === 'sent' ? null : outcome.error,
    finished_at: outcome.state === 'pending' ? null : outcome.at,
  };
}
