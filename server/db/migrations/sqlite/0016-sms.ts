/**
 * Migration 16: text messages to the end user (issue 19). The organisation's SMS gateway (one row: Twilio's
 * Messages API or a generic HTTP POST), the end user's phone number on a request, and the SMS outbox, sent
 * by server/sms/sms-worker.ts as the mail outbox is: claimed with a lease, retried with backoff.
 * Released: never edit it; add the next migration.
 */
export default `
  -- E.164 (+ and 8-15 digits), normalised by shared/domain/sms.ts; null when none was given.
  ALTER TABLE requests ADD COLUMN recipient_phone TEXT;

  -- The organisation's gateway; no row: none configured.
  CREATE TABLE sms_gateway (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('twilio', 'http')),
    -- What an admin may read back, a JSON object (Twilio: accountSid, from, messagingServiceSid, baseUrl;
    -- HTTP: url, contentType, bodyTemplate, header names).
    settings TEXT NOT NULL,
    -- Sealed JSON: Twilio's auth token, or the HTTP headers' values by name. Never answered back.
    secrets TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE sms_outbox (
    id INTEGER PRIMARY KEY,
    request_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('invitation', 'message')),
    -- Sealed: the number, and the text (an invitation holds the link and the PIN).
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    -- Pending: when it is due (a claim leases it by moving this on); null once sent or failed.
    next_attempt_at INTEGER,
    last_status_code INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
  ) STRICT;
  CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at) WHERE state = 'pending';
  `;
