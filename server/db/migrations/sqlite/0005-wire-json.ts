/**
 * Migration 5: each request and each timeline event keeps the JSON the change feed sends for it, written
 * in the same transaction as the row (server/services/wire-json.ts says what is in it), so that a sync page
 * is the stored JSON concatenated rather than every request re-built. Rows written before are filled in
 * by the service at its start (fillWireJson), from the same code that writes new ones.
 * Released: never edit it; add the next migration.
 */
export default `
  -- The request as the feed sends it, without its link (the link follows the public URL, set at start).
  ALTER TABLE requests ADD COLUMN wire_json TEXT;
  -- The event as the feed sends it, without its id (the id is the row's, known once it is inserted).
  ALTER TABLE request_events ADD COLUMN wire_json TEXT;
  -- Rows still to fill in at the next start; empty once they are.
  CREATE INDEX requests_wire_missing ON requests (id) WHERE wire_json IS NULL;
  CREATE INDEX request_events_wire_missing ON request_events (id) WHERE wire_json IS NULL;
  `;
