/**
 * Migration 8: webhook endpoints and the webhook outbox (issue 17). A delivery row is written in the same
 * transaction as the change it tells of (server/services/request-writer.ts) and sent by the webhook worker
 * (server/webhooks/), in order per endpoint and request. Signing secrets and payloads are sealed with the
 * service's key (they hold the secret that proves a message is ours, and may hold a request's link and PIN).
 * Released: never edit it; add the next migration.
 */
export default `
  CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    -- The subscribed event types, a JSON array.
    events TEXT NOT NULL,
    enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    disabled_reason TEXT CHECK (disabled_reason IN ('admin', 'failing')),
    include_secrets INTEGER NOT NULL CHECK (include_secrets IN (0, 1)),
    -- Sealed: whsec_<base64>. The previous one keeps signing beside it until its expiry (a rotation's overlap).
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_secret_expires_at INTEGER,
    -- Since when every attempt has failed; null while deliveries succeed.
    failing_since INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE webhook_deliveries (
    -- The order events happened in: a request's deliveries to an endpoint go out in this order.
    id INTEGER PRIMARY KEY,
    -- The webhook-id: the same on every attempt and redelivery.
    message_id TEXT NOT NULL UNIQUE,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    request_id TEXT,
    -- Sealed: the body posted, byte for byte the same on each attempt.
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    -- When this series of attempts began (creation, or a redelivery): it gives up a day later.
    series_started_at INTEGER NOT NULL,
    -- Pending: when it is due (a claim leases it by moving this on); null once delivered or failed.
    next_attempt_at INTEGER,
    last_status_code INTEGER,
    last_error TEXT,
    last_duration_ms INTEGER,
    last_attempt_at INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
  CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, request_id, id)
    WHERE state = 'pending';
  CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, id);
  `;
