/**
 * Migration 6: each request also keeps its whole timeline as the feed sends it (its events' JSON, ids
 * included, joined by commas), appended to as each event is written, so that a page of a full sync reads
 * one row per request instead of looking up its events. Requests written before are filled in by the
 * service at its start (fillWireJson), after their events' own JSON.
 * Released: never edit it; add the next migration.
 */
export default `
  -- NULL: still to fill in at the next start; '' for a request without events.
  ALTER TABLE requests ADD COLUMN events_json TEXT;
  CREATE INDEX requests_events_json_missing ON requests (id) WHERE events_json IS NULL;
  `;
