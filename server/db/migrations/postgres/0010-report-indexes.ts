/**
 * Migration 10 on PostgreSQL (meaning: ../sqlite/0010-report-indexes.ts): the indexes reports read, their
 * extra columns as INCLUDE, so that a report's requests and events come from index-only scans.
 * Released: never edit it; add the next migration.
 */
export default `
  CREATE INDEX requests_report ON requests (created_at, id) INCLUDE (channel_id, assignee_id, status, created_by);
  CREATE INDEX request_events_report ON request_events (request_id, id) INCLUDE (type, at, actor_kind, actor_id)
    WHERE type IN ('allowed', 'denied', 'connected', 'disconnected', 'access_ended', 'closed', 'ended', 'expired');
  `;
