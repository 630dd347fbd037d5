/**
 * Migration 15 (issue 19) on PostgreSQL: the wrap-up at closing and "How did we do?". The meaning of each
 * change is in ../sqlite/0015-wrap-up.ts. Released: never edit it; add the next migration (to both dialects).
 */
export default `
  ALTER TABLE organisation ADD COLUMN require_close_outcome integer NOT NULL DEFAULT 0
    CHECK (require_close_outcome IN (0, 1));
  ALTER TABLE organisation ADD COLUMN satisfaction_email integer NOT NULL DEFAULT 0
    CHECK (satisfaction_email IN (0, 1));

  CREATE TABLE request_ratings (
    request_id text PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment text NOT NULL,
    rated_at bigint NOT NULL
  );

  ALTER TABLE request_facts ADD COLUMN outcome text;
  ALTER TABLE request_facts ADD COLUMN rating integer;
  DROP INDEX request_facts_report_by_channel;
  CREATE INDEX request_facts_report_by_channel ON request_facts (channel_id, created_at)
    INCLUDE (assignee_id, created_by, status, ready_at, denied_at, connected_at, session_ms, open_spans,
      open_since, outcome, rating);
  `;
