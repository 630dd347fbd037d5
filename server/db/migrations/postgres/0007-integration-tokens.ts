/**
 * Migration 7 (issue 17) on PostgreSQL: integration tokens, the integration as a timeline actor, and a
 * request's ticket reference. The meaning of each change is in ../sqlite/0007-integration-tokens.ts.
 * Released: never edit it; add the next migration (to both dialects).
 */
export default `
  CREATE TABLE integration_tokens (
    id text PRIMARY KEY,
    name text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    hint text NOT NULL,
    scopes text NOT NULL,
    created_at bigint NOT NULL,
    created_by text NOT NULL REFERENCES agents (id),
    expires_at bigint,
    last_used_at bigint
  );

  ALTER TABLE request_events DROP CONSTRAINT request_events_actor_kind_check;
  ALTER TABLE request_events ADD CONSTRAINT request_events_actor_kind_check
    CHECK (actor_kind IN ('agent', 'end_user', 'system', 'integration'));
  ALTER TABLE request_events ADD COLUMN on_behalf_of_id text;
  ALTER TABLE request_events ADD COLUMN on_behalf_of_name text;

  ALTER TABLE requests ADD COLUMN external_system text;
  ALTER TABLE requests ADD COLUMN external_id text;
  ALTER TABLE requests ADD COLUMN external_url text;
  CREATE INDEX requests_by_external_ref ON requests (external_system, external_id)
    WHERE external_system IS NOT NULL;

  UPDATE requests SET wire_json = '{"externalRef":null,' || substr(wire_json, 2) WHERE wire_json IS NOT NULL;
  `;
