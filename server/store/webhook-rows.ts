/**
 * Rows of the webhook tables (migration 8), shared by the SQLite and PostgreSQL stores: one mapping per
 * table. The signing secrets and payloads are sealed at rest; a row hands them back opened, or null when
 * they cannot be opened (secrets.json is not the one they were sealed with).
 */
import type { WebhookEventType } from '@shared/domain/integrations';
import type { Sealer } from './rows';

export const WEBHOOK_SEALED = { secret: 'webhook secret', payload: 'webhook payload' } as const;

export type WebhookDisabledReason = 'admin' | 'failing';
export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed';

export interface WebhookEndpointRow {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly events: readonly WebhookEventType[];
  readonly enabled: boolean;
  readonly disabledReason: WebhookDisabledReason | null;
  readonly includeSecrets: boolean;
  /** whsec_<base64>; null when it cannot be opened. */
  readonly secret: string | null;
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: number | null;
  readonly failingSince: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface RawWebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: string;
  enabled: number;
  disabled_reason: WebhookDisabledReason | null;
  include_secrets: number;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: number | null;
  failing_since: number | null;
  created_at: number;
  updated_at: number;
}

export const ENDPOINT_COLUMNS =
  'id, url, description, events, enabled, disabled_reason, include_secrets, secret, previous_secret, ' +
  'previous_secret_expires_at, failing_since, created_at, updated_at';

function opened(box: Sealer, sealed: string | null, purpose: string): string | null {
  if (sealed === null) return null;
  try {
    return box.open(sealed, purpose);
  } catch {
    return null;
  }
}

export function toWebhookEndpointRow(raw: RawWebhookEndpoint, box: Sealer): WebhookEndpointRow {
  return {
    id: raw.id,
    url: raw.url,
    description: raw.description,
    events: JSON.parse(raw.events) as WebhookEventType[],
    enabled: raw.enabled === 1,
    disabledReason: raw.disabled_reason,
    includeSecrets: raw.include_secrets === 1,
    secret: opened(box, raw.secret, WEBHOOK_SEALED.secret),
    previousSecret: opened(box, raw.previous_secret, WEBHOOK_SEALED.secret),
    previousSecretExpiresAt: raw.previous_secret_expires_at,
    failingSince: raw.failing_since,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}

/** An endpoint's row as written: its secrets sealed. */
export function toRawWebhookEndpoint(
  row: WebhookEndpointRow & { secret: string },
  box: Sealer,
): RawWebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.stringify(row.events),
    enabled: row.enabled ? 1 : 0,
    disabled_reason: row.disabledReason,
    include_secrets: row.includeSecrets ? 1 : 0,
    secret: box.seal(row.secret, WEBHOOK_SEALED.secret),
    previous_secret: row.previousSecret === null ? null : box.seal(row.previousSecret, WEBHOOK_SEALED.secret),
    previous_secret_expires_at: row.previousSecretExpiresAt,
    failing_since: row.failingSince,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export interface WebhookDeliveryRow {
  /** The row's id: the order deliveries were written in; a page cursor. */
  readonly seq: number;
  readonly messageId: string;
  readonly endpointId: string;
  readonly eventType: string;
  readonly requestId: string | null;
  readonly state: WebhookDeliveryState;
  readonly attempts: number;
  readonly seriesStartedAt: number;
  readonly nextAttemptAt: number | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly lastDurationMs: number | null;
  readonly lastAttemptAt: number | null;
  readonly createdAt: number;
}

export interface RawWebhookDelivery {
  id: number;
  message_id: string;
  endpoint_id: string;
  event_type: string;
  request_id: string | null;
  state: WebhookDeliveryState;
  attempts: number;
  series_started_at: number;
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  last_attempt_at: number | null;
  created_at: number;
}

export const DELIVERY_COLUMNS =
  'id, message_id, endpoint_id, event_type, request_id, state, attempts, series_started_at, ' +
  'next_attempt_at, last_status_code, last_error, last_duration_ms, last_attempt_at, created_at';

export function toWebhookDeliveryRow(raw: RawWebhookDelivery): WebhookDeliveryRow {
  return {
    seq: raw.id,
    messageId: raw.message_id,
    endpointId: raw.endpoint_id,
    eventType: raw.event_type,
    requestId: raw.request_id,
    state: raw.state,
    attempts: raw.attempts,
    seriesStartedAt: raw.series_started_at,
    nextAttemptAt: raw.next_attempt_at,
    lastStatusCode: raw.last_status_code,
    lastError: raw.last_error,
    lastDurationMs: raw.last_duration_ms,
    lastAttemptAt: raw.last_attempt_at,
    createdAt: raw.created_at,
  };
}

/** A delivery claimed to be sent, with what sending needs: its body and its endpoint's address and secrets. */
export interface ClaimedWebhookDelivery extends WebhookDeliveryRow {
  /** The body to post; null when it cannot be opened. */
  readonly payload: string | null;
  readonly endpoint: WebhookEndpointRow;
}

export interface NewWebhookDelivery {
  readonly messageId: string;
  readonly endpointId: string;
  readonly eventType: string;
  readonly requestId: string | null;
  readonly payload: string;
  readonly now: number;
}

/** What one attempt came to. `nextAttemptAt` null on a failure: the delivery has failed for good. */
export type WebhookAttemptOutcome =
  | {
      readonly delivered: true;
      readonly statusCode: number;
      readonly durationMs: number;
      readonly at: number;
    }
  | {
      readonly delivered: false;
      readonly statusCode: number | null;
      readonly error: string | null;
      readonly durationMs: number | null;
      readonly at: number;
      readonly nextAttemptAt: number | null;
    };

/** The column values one attempt's outcome writes. */
export function attemptColumns(outcome: WebhookAttemptOutcome) {
  return outcome.delivered
    ? {
        state: 'delivered' as const,
        next_attempt_at: null,
        last_status_code: outcome.statusCode,
        last_error: null,
        last_duration_ms: outcome.durationMs,
        last_attempt_at: outcome.at,
      }
    : {
        state: outcome.nextAttemptAt === null ? ('failed' as const) : ('pending' as const),
        next_attempt_at: outcome.nextAttemptAt,
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        last_duration_ms: outcome.durationMs,
        last_attempt_at: outcome.at,
      };
}
