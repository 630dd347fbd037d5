/**
 * Migration 10: one row of facts per request (`request_facts`), what reports add up
 * (server/store/reports-sql.ts): the request's creation, channel, assignee, creator and status, when it was
 * first allowed, denied and connected, when it finished, and its session time — the spans that ended, and
 * those still open as a count and the sum of their starts (their time is `open_spans × now − open_since`).
 * The request writer rewrites a request's row in the transaction of each of its changes, so a report reads
 * this one small row per request instead of every request's events (over 100,000 requests that took seconds).
 * Filled here from the events as they are, by the rules the reports computed them by until now:
 *
 * - ready_at, denied_at, connected_at: the first `allowed`, `denied`, `connected` event.
 * - finished_at: the last `closed`, `ended` or `expired` event.
 * - each `connected` event opens its actor's span; it ends at that actor's next `disconnected` or when
 *   access ends for everyone (`access_ended`, `closed`, `ended`, `expired`), whichever comes first.
 *
 * A request's facts go with it (ON DELETE CASCADE). Released: never edit it; add the next migration.
 */
export default `
  CREATE TABLE request_facts (
    request_id TEXT PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    channel_id TEXT NOT NULL,
    assignee_id TEXT,
    created_by TEXT NOT NULL,
    status TEXT NOT NULL,
    ready_at INTEGER,
    denied_at INTEGER,
    connected_at INTEGER,
    finished_at INTEGER,
    -- The sessions' spans that ended, in milliseconds.
    session_ms INTEGER NOT NULL,
    -- The spans still open: how many, and the sum of their starts (epoch ms).
    open_spans INTEGER NOT NULL,
    open_since INTEGER NOT NULL
  ) STRICT;
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
          OR (x.type = 'disconnected' AND x.actor_kind = e.actor_kind AND x.actor_id IS e.actor_id))
    ) END AS span_end
    FROM request_events e
    WHERE e.type IN ('allowed', 'denied', 'connected', 'closed', 'ended', 'expired')
  ) e ON e.request_id = r.id
  GROUP BY r.id;
  `;
