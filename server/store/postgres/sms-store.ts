/**
 * PostgreSQL SQL of the SMS gateway and the SMS outbox (meaning: ../sqlite/sms-store.ts). Claims are
 * race-free across instances as the mail outbox's are: `claimDue` picks and leases a message in one
 * statement that skips rows another claim has locked (`FOR UPDATE SKIP LOCKED`); no lock is held while
 * the gateway answers.
 */
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
import { recordParams } from '../sqlite/sms-store';
import type { SmsTable } from '../store';
import type { PostgresExecutor } from './executor';

export class PostgresSmsStore implements SmsTable {
  constructor(
    private readonly db: PostgresExecutor,
    private readonly box: Sealer,
  ) {}

  async gateway(): Promise<SmsGatewayRow | undefined> {
    const raw = await this.db.row<RawSmsGateway & { updated_at: string | number }>(
      'SELECT kind, settings, secrets, updated_at FROM sms_gateway WHERE id = 1',
    );
    return raw ? toSmsGatewayRow({ ...raw, updated_at: Number(raw.updated_at) }, this.box) : undefined;
  }

  async saveGateway(row: SmsGatewayRow & { secrets: SmsGatewaySecrets }): Promise<void> {
    const raw = toRawSmsGateway(row, this.box);
    await this.db.exec(
      `INSERT INTO sms_gateway (id, kind, settings, secrets, updated_at) VALUES (1, $1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, settings = excluded.settings,
         secrets = excluded.secrets, updated_at = excluded.updated_at`,
      [raw.kind, raw.settings, raw.secrets, raw.updated_at],
    );
  }

  async deleteGateway(): Promise<boolean> {
    return (await this.db.exec('DELETE FROM sms_gateway WHERE id = 1')) > 0;
  }

  async enqueue(sms: NewSms): Promise<void> {
    const raw = sealedSms(sms, this.box);
    await this.db.exec(
      `INSERT INTO sms_outbox (request_id, kind, recipient, body, state, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)`,
      [raw.request_id, raw.kind, raw.recipient, raw.body, raw.now],
    );
  }

  async claimDue(now: number, until: number): Promise<ClaimedSms | undefined> {
    const claimed = await this.db.row<RawSms>(
      `WITH due AS MATERIALIZED (
         SELECT id FROM sms_outbox WHERE state = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT 1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE sms_outbox SET attempts = sms_outbox.attempts + 1, next_attempt_at = $2
       FROM due WHERE sms_outbox.id = due.id
       RETURNING ${SMS_COLUMNS.split(', ')
         .map((c) => `sms_outbox.${c}`)
         .join(', ')}`,
      [now, until],
    );
    return claimed ? toClaimedSms(claimed, this.box) : undefined;
  }

  async record(id: number, outcome: SmsOutcome): Promise<void> {
    const p = recordParams(id, outcome);
    await this.db.exec(
      `UPDATE sms_outbox SET state = $2, next_attempt_at = $3, last_status_code = $4, last_error = $5,
         finished_at = $6
       WHERE id = $1`,
      [p.id, p.state, p.next_attempt_at, p.status_code, p.error, p.finished_at],
    );
  }

  async nextDueAt(): Promise<number | null> {
    const row = await this.db.row<{ at: string | null }>(
      `SELECT min(next_attempt_at) AS at FROM sms_outbox WHERE state = 'pending'`,
    );
    return row?.at === undefined || row.at === null ? null : Number(row.at);
  }

  async cancelForRequest(requestId: string, now: number, reason: string): Promise<void> {
    await this.db.exec(
      `UPDATE sms_outbox SET state = 'failed', next_attempt_at = NULL, last_error = $1, finished_at = $2
       WHERE request_id = $3 AND state = 'pending'`,
      [reason, now, requestId],
    );
  }
}
