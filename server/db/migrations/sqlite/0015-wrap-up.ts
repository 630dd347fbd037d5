/**
 * Migration 15 (issue 19): the wrap-up at closing and the end user's "How did we do?".
 *
 * - Two organisation settings: closing asks for an outcome and a wrap-up note, both required
 *   (`require_close_outcome`); closing e-mails the end user the survey (`satisfaction_email`).
 * - `request_ratings`: one answer per request. Its primary key is what makes it "once per request" on any
 *   number of instances (a second insert finds the row); a table of its own rather than columns on
 *   `requests` keeps the request's row — read and rewritten by every change — as it was.
 * - `request_facts` gains the outcome (from the last `closed` event's data) and the rating, which reports
 *   count; the channel's covering index (migration 11) gains them too, since the summary's total reads
 *   through it and must not look up table rows. No request was closed with an outcome or rated before:
 *   both start null.
 *
 * Released: never edit it; add the next migration (to both dialects).
 */
export default `
  ALTER TABLE organisation ADD COLUMN require_close_outcome INTEGER NOT NULL DEFAULT 0
    CHECK (require_close_outcome IN (0, 1));
  ALTER TABLE organisation ADD COLUMN satisfaction_email INTEGER NOT NULL DEFAULT 0
    CHECK (satisfaction_email IN (0, 1));

  CREATE TABLE request_ratings (
    request_id TEXT PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL,
    rated_at INTEGER NOT NULL
  ) STRICT;

  ALTER TABLE request_facts ADD COLUMN outcome TEXT;
  ALTER TABLE request_facts ADD COLUMN rating INTEGER;
  DROP INDEX request_facts_report_by_channel;
  CREATE INDEX request_facts_report_by_channel ON request_facts (channel_id, created_at, assignee_id,
    created_by, status, ready_at, denied_at, connected_at, session_ms, open_spans, open_since, outcome,
    rating);
  `;
