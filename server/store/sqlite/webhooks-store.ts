/**
 * SQL of webhook endpoints and their deliveries (the webhook outbox, migration 8). Secrets and payloads
 * are sealed with the service's key (webhook-rows.ts).
 *
 * Order: a request's deliveries to one endpoint go out one at a time, in the order they were written. A
 * delivery is claimable only when no earlier delivery of the same endpoint and request is still pending
 * (waiting for a retry, or claimed and being sent: a claim leases it by moving `next_attempt_at` on).
 */
import type { SqliteDatabase } from '../../db/database';
import type { Sealer } from '../rows';
import {
  attemptColumns,
  DELIVERY_COLUMNS,
  ENDPOINT_COLUMNS,
  toRawWebhookEndpoint,
  toWebhookDeliveryRow,
  toWebhookEndpointRow,
  WEBHOOK_SEALED,
  type ClaimedWebhookDelivery,
  type NewWebhookDelivery,
  type RawWebhookDelivery,
  type RawWebhookEndpoint,
  type WebhookAttemptOutcome,
  type WebhookDisabledReason,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from '../webhook-rows';

/** Deliveries that may go now: due, their endpoint enabled (a ping goes regardless), none before them waiting. */
export const CLAIMABLE = `
  d.state = 'pending' AND d.next_attempt_at <= @now
  AND (d.event_type = 'ping' OR EXISTS (
    SELECT 1 FROM webhook_endpoints e WHERE e.id = d.endpoint_id AND e.enabled = 1))
  AND (d.request_id IS NULL OR NOT EXISTS (
    SELECT 1 FROM webhook_deliveries p
    WHERE p.endpoint_id = d.endpoint_id AND p.request_id = d.request_id AND p.state = 'pending' AND p.id < d.id))`;

export class SqliteWebhooksStore {
  private readonly insertEndpointStmt;
  private readonly saveEndpointStmt;
  private readonly endpointStmt;
  private readonly endpointsStmt;
  private readonly enabledStmt;
  private readonly deleteEndpointStmt;
  private readonly failingStmt;
  private readonly enabledSetStmt;
  private readonly insertDeliveryStmt;
  private readonly deliveryStmt;
  private readonly deliveriesStmt;
  private readonly dueStmt;
  private readonly leaseStmt;
  private readonly payloadStmt;
  private readonly claimTransaction;
  private readonly attemptStmt;
  private readonly redeliverStmt;
  private readonly nextDueStmt;

  constructor(
    db: SqliteDatabase,
    private readonly box: Sealer,
  ) {
    this.insertEndpointStmt = db.prepare(
      `INSERT INTO webhook_endpoints (${ENDPOINT_COLUMNS})
       VALUES (@id, @url, @description, @events, @enabled, @disabled_reason, @include_secrets, @secret,
         @previous_secret, @previous_secret_expires_at, @failing_since, @created_at, @updated_at)`,
    );
    this.saveEndpointStmt = db.prepare(
      `UPDATE webhook_endpoints SET url = @url, description = @description, events = @events,
         enabled = @enabled, disabled_reason = @disabled_reason, include_secrets = @include_secrets,
         secret = @secret, previous_secret = @previous_secret,
         previous_secret_expires_at = @previous_secret_expires_at, failing_since = @failing_since,
         updated_at = @updated_at
       WHERE id = @id`,
    );
    this.endpointStmt = db.prepare<[string], RawWebhookEndpoint>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = ?`,
    );
    this.endpointsStmt = db.prepare<[], RawWebhookEndpoint>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at DESC, id DESC`,
    );
    this.enabledStmt = db.prepare<[], { id: string; events: string; include_secrets: number }>(
      'SELECT id, events, include_secrets FROM webhook_endpoints WHERE enabled = 1 ORDER BY id',
    );
    this.deleteEndpointStmt = db.prepare('DELETE FROM webhook_endpoints WHERE id = ?');
    this.failingStmt = db.prepare(
      `UPDATE webhook_endpoints
       SET failing_since = CASE WHEN @succeeded = 1 THEN NULL ELSE coalesce(failing_since, @now) END
       WHERE id = @id`,
    );
    this.enabledSetStmt = db.prepare(
      `UPDATE webhook_endpoints SET enabled = @enabled, disabled_reason = @reason,
         failing_since = CASE WHEN @enabled = 1 THEN NULL ELSE failing_since END, updated_at = @now
       WHERE id = @id`,
    );
    this.insertDeliveryStmt = db.prepare(
      `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, request_id, payload, state,
         attempts, series_started_at, next_attempt_at, created_at)
       VALUES (@messageId, @endpointId, @eventType, @requestId, @payload, 'pending', 0, @now, @now, @now)`,
    );
    this.deliveryStmt = db.prepare<[string, string], RawWebhookDelivery>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = ? AND message_id = ?`,
    );
    this.deliveriesStmt = db.prepare<[string, number, number], RawWebhookDelivery>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = ? AND id < ?
       ORDER BY id DESC LIMIT ?`,
    );
    this.dueStmt = db.prepare<{ now: number }, RawWebhookDelivery>(
      `SELECT ${DELIVERY_COLUMNS.split(', ')
        .map((c) => `d.${c}`)
        .join(', ')} FROM webhook_deliveries d
       WHERE ${CLAIMABLE} ORDER BY d.next_attempt_at, d.id LIMIT 1`,
    );
    this.leaseStmt = db.prepare(
      'UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?',
    );
    this.payloadStmt = db.prepare<[number], { payload: string }>(
      'SELECT payload FROM webhook_deliveries WHERE id = ?',
    );
    this.claimTransaction = db.transaction((now: number, until: number) => {
      const due = this.dueStmt.get({ now });
      if (!due) return undefined;
      this.leaseStmt.run(until, due.id);
      return { ...due, attempts: due.attempts + 1, next_attempt_at: until };
    });
    this.attemptStmt = db.prepare(
      `UPDATE webhook_deliveries SET state = @state, next_attempt_at = @next_attempt_at,
         last_status_code = @last_status_code, last_error = @last_error,
         last_duration_ms = @last_duration_ms, last_attempt_at = @last_attempt_at
       WHERE id = @id`,
    );
    this.redeliverStmt = db.prepare(
      `UPDATE webhook_deliveries SET state = 'pending', attempts = 0, series_started_at = ?,
         next_attempt_at = ? WHERE endpoint_id = ? AND message_id = ?`,
    );
    this.nextDueStmt = db.prepare<[], { at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE state = 'pending'`,
    );
  }

  insertEndpoint(row: WebhookEndpointRow & { secret: string }): void {
    this.insertEndpointStmt.run(toRawWebhookEndpoint(row, this.box));
  }

  /** Writes every field of `row` (read, changed, saved: callers hold the transaction). */
  saveEndpoint(row: WebhookEndpointRow & { secret: string }): void {
    this.saveEndpointStmt.run(toRawWebhookEndpoint(row, this.box));
  }

  endpoint(id: string): WebhookEndpointRow | undefined {
    const raw = this.endpointStmt.get(id);
    return raw && toWebhookEndpointRow(raw, this.box);
  }

  /** Every endpoint, newest first. */
  endpoints(): WebhookEndpointRow[] {
    return this.endpointsStmt.all().map((raw) => toWebhookEndpointRow(raw, this.box));
  }

  /** The enabled endpoints, with what they subscribe to (read at each change to a request). */
  enabledEndpoints(): { id: string; events: string[]; includeSecrets: boolean }[] {
    return this.enabledStmt.all().map((raw) => ({
      id: raw.id,
      events: JSON.parse(raw.events) as string[],
      includeSecrets: raw.include_secrets === 1,
    }));
  }

  /** Deletes the endpoint and its deliveries (the foreign key cascades). */
  deleteEndpoint(id: string): boolean {
    return this.deleteEndpointStmt.run(id).changes > 0;
  }

  /** An attempt succeeded (the endpoint is not failing) or failed (failing since `now`, unless already). */
  noteAttempt(id: string, succeeded: boolean, now: number): void {
    this.failingStmt.run({ id, succeeded: succeeded ? 1 : 0, now });
  }

  /** Enables the endpoint (its failures forgotten) or disables it, saying why. */
  setEnabled(id: string, enabled: boolean, reason: WebhookDisabledReason | null, now: number): void {
    this.enabledSetStmt.run({ id, enabled: enabled ? 1 : 0, reason: enabled ? null : reason, now });
  }

  enqueue(delivery: NewWebhookDelivery): void {
    this.insertDeliveryStmt.run({
      ...delivery,
      payload: this.box.seal(delivery.payload, WEBHOOK_SEALED.payload),
    });
  }

  delivery(endpointId: string, messageId: string): WebhookDeliveryRow | undefined {
    const raw = this.deliveryStmt.get(endpointId, messageId);
    return raw && toWebhookDeliveryRow(raw);
  }

  /** An endpoint's deliveries written before `beforeSeq` (null: the newest), newest first. */
  deliveries(endpointId: string, beforeSeq: number | null, limit: number): WebhookDeliveryRow[] {
    return this.deliveriesStmt
      .all(endpointId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit)
      .map(toWebhookDeliveryRow);
  }

  /**
   * Claims the delivery due longest, if any may go now: counts the attempt and leases it until `until`
   * (it is due again then, should this attempt never be recorded: at least once). One transaction.
   */
  claimDue(now: number, until: number): ClaimedWebhookDelivery | undefined {
    const raw = this.claimTransaction(now, until);
    if (!raw) return undefined;
    const endpoint = this.endpoint(raw.endpoint_id)!;
    let payload: string | null;
    try {
      payload = this.box.open(this.payloadStmt.get(raw.id)!.payload, WEBHOOK_SEALED.payload);
    } catch {
      payload = null;
    }
    return { ...toWebhookDeliveryRow(raw), payload, endpoint };
  }

  recordAttempt(seq: number, outcome: WebhookAttemptOutcome): void {
    this.attemptStmt.run({ id: seq, ...attemptColumns(outcome) });
  }

  /** Sends the delivery again, the same message, as a new series of attempts due at `now`. */
  redeliver(endpointId: string, messageId: string, now: number): void {
    this.redeliverStmt.run(now, now, endpointId, messageId);
  }

  /** When the next pending delivery is due, or null when none is waiting. */
  nextDueAt(): number | null {
    return this.nextDueStmt.get()!.at;
  }
}
