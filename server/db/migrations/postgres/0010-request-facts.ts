/**
 * Migration 10 on PostgreSQL (meaning: ../sqlite/0010-request-facts.ts): one row of facts per request,
 * what reports add up, filled from the events. Released: never edit it; add the next migration.
 */
export default `
  CREATE TABLE request_facts (
    request_id text PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    channel_id text NOT NULL,
    assignee_id text,
    created_by text NOT NULL,
    status text NOT NULL,
    ready_at bigint,
    denied_at bigint,
    connected_at bigint,
    finished_at bigint,
    session_ms bigint NOT NULL,
    open_spans integer NOT NULL,
    open_since bigint NOT NULL
  );
  CREATE INDEX request_facts_by_created ON request_facts (created_at, request_id);
  CREATE INDEX request_facts_by_channel ON request_facts (channel_id, created_at);

  INSERT INTO request_facts (request_id, created_at, channel_id, assignee_id, created_by, status,
    ready_at, denied_at, connected_at, finished_at, session_ms, open_spans, open_since)
  SELECT r.id, r.created_at, r.channel_id, r.assignee_id, r.created_by, r.status,
    MIN(CASE WHEN e.type = 'allowed' THEN e.at END),
    MIN(CASE WHEN e.type = 'denied' THEN e.at END),
    MIN(CASE WHEN e.type = 'connected' THEN e.at END),
    MAX(CASE WHEN e.type IN ('closed', 'ended', 'expired') THEN e.at END),
    COALESCE(SUM(CASE WHEN e.type = 'connected' AND e.span_end IS NOT NULL THEN e.span_end - e.at END), 0),
    COALESCE(SUM(CASE WHEN e.type = 'connected' AND e.span_end IS NULL THEN 1 END), 0),
    COALESCE(SUM(CASE WHEN e.type = 'connected' AND e.span_end IS NULL THEN e.at END), 0)
  FROM requests r
  LEFT JOIN (
    SELECT e.request_id, e.type, e.at, CASE WHEN e.type = 'connected' THEN (
      SELECT MIN(x.at) FROM request_events x
      WHERE x.request_id = e.request_id AND x.id > e.id
        AND (x.type IN ('access_ended', 'closed', 'ended', 'expired')
          OR (x.type = 'disconnected' AND x.actor_kind = e.actor_kind
            AND x.actor_id IS NOT DISTINCT FROM e.actor_id))
    ) END AS span_end
    FROM request_events e
    WHERE e.type IN ('allowed', 'denied', 'connected', 'closed', 'ended', 'expired')
  ) e ON e.request_id = r.id
  GROUP BY r.id;
  `;
