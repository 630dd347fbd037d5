/**
 * Migration 11 on PostgreSQL (meaning: ../sqlite/0011-report-indexes.ts): the covering indexes of
 * reports, their extra columns as INCLUDE (an index-only scan reads them; they are no part of the order).
 * Released: never edit it; add the next migration.
 */
export default `
  DROP INDEX request_facts_by_channel;
  CREATE INDEX request_facts_report_by_channel ON request_facts (channel_id, created_at)
    INCLUDE (assignee_id, created_by, status, ready_at, denied_at, connected_at, session_ms, open_spans,
      open_since);
  CREATE INDEX request_facts_report_by_assignee ON request_facts (assignee_id, created_at)
    INCLUDE (channel_id, created_by, status, ready_at, denied_at, connected_at, session_ms, open_spans,
      open_since);
  `;
