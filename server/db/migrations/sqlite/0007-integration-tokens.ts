/**
 * Migration 7 (issue 17): integration tokens, the integration as a timeline actor, and a request's ticket
 * reference. PostgreSQL's ../postgres/0007-integration-tokens.ts is the same change in its dialect.
 * Released: never edit it; add the next migration.
 */
export default `
  -- Named tokens integrations (ticketing systems, scripts) sign in with. Only the SHA-256 of the secret is
  -- stored; a revoked token is deleted (the audit log keeps its trace).
  CREATE TABLE integration_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    -- The token's first characters, shown to admins to tell tokens apart.
    hint TEXT NOT NULL,
    -- The scopes granted, as a JSON array of strings.
    scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- The admin who created it: requests an integration creates unassigned are created in their name.
    created_by TEXT NOT NULL REFERENCES agents (id),
    expires_at INTEGER,
    -- Written at most once a minute per token, not on every call.
    last_used_at INTEGER
  ) STRICT;

  -- An integration can cause timeline events: actor_kind 'integration' (actor_id: the token's id,
  -- actor_name: its name), on behalf of an agent when the action needed one. SQLite cannot change a CHECK
  -- in place, so the table is rebuilt (its rows and ids kept, new columns last as on PostgreSQL).
  CREATE TABLE request_events_v7 (
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('agent', 'end_user', 'system', 'integration')),
    actor_id TEXT,
    actor_name TEXT,
    data TEXT NOT NULL,
    wire_json TEXT,
    -- For an integration acting for an agent: that agent's id and name (as actor_id/actor_name for agents).
    on_behalf_of_id TEXT,
    on_behalf_of_name TEXT
  ) STRICT;
  INSERT INTO request_events_v7 (id, request_id, seq, at, type, actor_kind, actor_id, actor_name, data, wire_json)
    SELECT id, request_id, seq, at, type, actor_kind, actor_id, actor_name, data, wire_json FROM request_events;
  DROP TABLE request_events;
  ALTER TABLE request_events_v7 RENAME TO request_events;
  CREATE INDEX request_events_by_request ON request_events (request_id, seq);
  CREATE INDEX request_events_wire_missing ON request_events (id) WHERE wire_json IS NULL;

  -- The ticket a request belongs to in a ticketing system: all three NULL, or system and id set.
  ALTER TABLE requests ADD COLUMN external_system TEXT;
  ALTER TABLE requests ADD COLUMN external_id TEXT;
  ALTER TABLE requests ADD COLUMN external_url TEXT;
  CREATE INDEX requests_by_external_ref ON requests (external_system, external_id)
    WHERE external_system IS NOT NULL;

  -- The stored wire JSON always carries externalRef (null when none): say so in what is stored already.
  UPDATE requests SET wire_json = '{"externalRef":null,' || substr(wire_json, 2) WHERE wire_json IS NOT NULL;
  `;
