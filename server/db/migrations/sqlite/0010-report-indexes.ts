/**
 * Migration 10: the indexes reports read (server/store/reports-sql.ts). A report reads, for every request
 * created in its period, a few columns of the request and the few events that count (allowed, denied,
 * connected…): without these it read each request's and each event's whole row, their stored JSON
 * included, and sorted them to group them. With them both come from the indexes alone, in order; the events
 * by request and id, so that a session's end (the events after its `connected`) is one range of the index.
 * Released: never edit it; add the next migration.
 */
export default `
  CREATE INDEX requests_report ON requests (created_at, id, channel_id, assignee_id, status, created_by);
  CREATE INDEX request_events_report ON request_events (request_id, id, type, at, actor_kind, actor_id)
    WHERE type IN ('allowed', 'denied', 'connected', 'disconnected', 'access_ended', 'closed', 'ended', 'expired');
  `;
