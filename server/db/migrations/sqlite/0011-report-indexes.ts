/**
 * Migration 11: the covering indexes reports read `request_facts` through (server/store/reports-sql.ts,
 * REPORT_INDEX). Every column a summary reads is in them, so SQLite answers from the index alone instead of
 * looking up each of 100,000 table rows (a summary over them took 0.46 s; the lookups were half of it),
 * and a summary's GROUP BY on the channel or the assignee reads them in its order instead of sorting.
 * `request_facts_by_channel` (migration 10) is the first one's prefix: dropped.
 * Released: never edit it; add the next migration.
 */
export default `
  DROP INDEX request_facts_by_channel;
  CREATE INDEX request_facts_report_by_channel ON request_facts (channel_id, created_at, assignee_id,
    created_by, status, ready_at, denied_at, connected_at, session_ms, open_spans, open_since);
  CREATE INDEX request_facts_report_by_assignee ON request_facts (assignee_id, created_at, channel_id,
    created_by, status, ready_at, denied_at, connected_at, session_ms, open_spans, open_since);
  `;
