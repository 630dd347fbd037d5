/**
 * PostgreSQL SQL of webhook endpoints and their deliveries (meaning: ../sqlite/webhooks-store.ts).
 *
 * Claims are race-free across instances as the mail outbox's are: `claimDue` picks and leases the delivery
 * in one statement that skips rows another claim has locked (`FOR UPDATE SKIP LOCKED`); no lock is held
 * while the receiver answers. A request's later delivery stays unclaimable while an earlier one is pending,
 * leased or not, so instances never send a request's events out of order.
 */
import type { Sealer } from '../rows';
import type { WebhooksTable } from '../store';
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
import type { PostgresExecutor } from './executor';

const RAW_ENDPOINT_FIELDS = ENDPOINT_COLUMNS.split(', ') as (keyof RawWebhookEndpoint)[];

export class PostgresWebhooksStore implements WebhooksTable {
  constructor(
    private readonly db: PostgresExecutor,
    private readonly box: Sealer,
  ) {}

  async insertEndpoint(row: WebhookEndpointRow & { secret: string }): Promise<void> {
    const raw = toRawWebhookEndpoint(row, this.box);
    await this.db.exec(
      `INSERT INTO webhook_endpoints (${ENDPOINT_COLUMNS})
       VALUES (${RAW_ENDPOINT_FIELDS.map((_, i) => `$${i + 1}`).join(', ')})`,
      RAW_ENDPOINT_FIELDS.map((field) => raw[field]),
    );
  }

  async saveEndpoint(row: WebhookEndpointRow & { secret: string }): Promise<void> {
    const raw = toRawWebhookEndpoint(row, this.box);
    const fields = RAW_ENDPOINT_FIELDS.filter((f) => f !== 'id' && f !== 'created_at');
    await this.db.exec(
      `UPDATE webhook_endpoints SET ${fields.map((f, i) => `${f} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [raw.id, ...fields.map((field) => raw[field])],
    );
  }

  async endpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    const raw = await this.db.row<RawWebhookEndpoint>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`,
      [id],
    );
    return raw && toWebhookEndpointRow(raw, this.box);
  }

  async endpoints(): Promise<WebhookEndpointRow[]> {
    const rows = await this.db.rows<RawWebhookEndpoint>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at DESC, id DESC`,
    );
    return rows.map((raw) => toWebhookEndpointRow(raw, this.box));
  }

  async enabledEndpoints(): Promise<{ id: string; events: string[]; includeSecrets: boolean }[]> {
    const rows = await this.db.rows<{ id: string; events: string; include_secrets: number }>(
      'SELECT id, events, include_secrets FROM webhook_endpoints WHERE enabled = 1 ORDER BY id',
    );
    return rows.map((raw) => ({
      id: raw.id,
      events: JSON.parse(raw.events) as string[],
      includeSecrets: raw.include_secrets === 1,
    }));
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    return (await this.db.exec('DELETE FROM webhook_endpoints WHERE id = $1', [id])) > 0;
  }

  async noteAttempt(id: string, succeeded: boolean, now: number): Promise<void> {
    await this.db.exec(
      `UPDATE webhook_endpoints
       SET failing_since = CASE WHEN $2 THEN NULL ELSE coalesce(failing_since, $3) END
       WHERE id = $1`,
      [id, succeeded, now],
    );
  }

  async setEnabled(
    id: string,
    enabled: boolean,
    reason: WebhookDisabledReason | null,
    now: number,
  ): Promise<void> {
    await this.db.exec(
      `UPDATE webhook_endpoints SET enabled = $2, disabled_reason = $3,
         failing_since = CASE WHEN $2 = 1 THEN NULL ELSE failing_since END, updated_at = $4
       WHERE id = $1`,
      [id, enabled ? 1 : 0, enabled ? null : reason, now],
    );
  }

  async enqueue(delivery: NewWebhookDelivery): Promise<void> {
    await this.db.exec(
      `INSERT INTO webhook_deliveries (message_id, endpoint_id, event_type, request_id, payload, state,
         attempts, series_started_at, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6, $6)`,
      [
        delivery.messageId,
        delivery.endpointId,
        delivery.eventType,
        delivery.requestId,
        this.box.seal(delivery.payload, WEBHOOK_SEALED.payload),
        delivery.now,
      ],
    );
  }

  async delivery(endpointId: string, messageId: string): Promise<WebhookDeliveryRow | undefined> {
    const raw = await this.db.row<RawWebhookDelivery>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = $1 AND message_id = $2`,
      [endpointId, messageId],
    );
    return raw && toWebhookDeliveryRow(raw);
  }

  async deliveries(
    endpointId: string,
    beforeSeq: number | null,
    limit: number,
  ): Promise<WebhookDeliveryRow[]> {
    const rows = await this.db.rows<RawWebhookDelivery>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = $1 AND id < $2
       ORDER BY id DESC LIMIT $3`,
      [endpointId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map(toWebhookDeliveryRow);
  }

  /** (A CTE with FOR UPDATE is never inlined: the due row is chosen and locked once.) */
  async claimDue(now: number, until: number): Promise<ClaimedWebhookDelivery | undefined> {
    const claimed = await this.db.row<RawWebhookDelivery & { payload: string }>(
      `WITH due AS MATERIALIZED (
         SELECT d.id FROM webhook_deliveries d
         WHERE d.state = 'pending' AND d.next_attempt_at <= $1
           AND (d.event_type = 'ping' OR EXISTS (
             SELECT 1 FROM webhook_endpoints e WHERE e.id = d.endpoint_id AND e.enabled = 1))
           AND (d.request_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM webhook_deliveries p
             WHERE p.endpoint_id = d.endpoint_id AND p.request_id = d.request_id
               AND p.state = 'pending' AND p.id < d.id))
         ORDER BY d.next_attempt_at, d.id LIMIT 1
         FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries SET attempts = webhook_deliveries.attempts + 1, next_attempt_at = $2
       FROM due WHERE webhook_deliveries.id = due.id
       RETURNING ${DELIVERY_COLUMNS.split(', ')
         .map((c) => `webhook_deliveries.${c}`)
         .join(', ')}, webhook_deliveries.payload`,
      [now, until],
    );
    if (!claimed) return undefined;
    const endpoint = (await this.endpoint(claimed.endpoint_id))!;
    let payload: string | null;
    try {
      payload = this.box.open(claimed.payload, WEBHOOK_SEALED.payload);
    } catch {
      payload = null;
    }
    return { ...toWebhookDeliveryRow(claimed), payload, endpoint };
  }

  async recordAttempt(seq: number, outcome: WebhookAttemptOutcome): Promise<void> {
    const c = attemptColumns(outcome);
    await this.db.exec(
      `UPDATE webhook_deliveries SET state = $2, next_attempt_at = $3, last_status_code = $4,
         last_error = $5, last_duration_ms = $6, last_attempt_at = $7
       WHERE id = $1`,
      [
        seq,
        c.state,
        c.next_attempt_at,
        c.last_status_code,
        c.last_error,
        c.last_duration_ms,
        c.last_attempt_at,
      ],
    );
  }

  async redeliver(endpointId: string, messageId: string, now: number): Promise<void> {
    await this.db.exec(
      `UPDATE webhook_deliveries SET state = 'pending', attempts = 0, series_started_at = $1,
         next_attempt_at = $1 WHERE endpoint_id = $2 AND message_id = $3`,
      [now, endpointId, messageId],
    );
  }

  async nextDueAt(): Promise<number | null> {
    return (await this.db.row<{ at: number | null }>(
      `SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE state = 'pending'`,
    ))!.at;
  }
}
