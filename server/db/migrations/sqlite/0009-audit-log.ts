/**
 * Migration 9: the append-only audit log (issue 17), and how long the organisation keeps it.
 * Released: never edit it; add the next migration.
 */
export default `
  -- Who did what, when, from where, to what. Rows are only ever inserted, and deleted by retention;
  -- nothing refers to another table, so deleting a request or an agent leaves its entries as they were.
  CREATE TABLE audit_log (
    -- Increasing and never reused (AUTOINCREMENT): the order of entries and the cursor of pages.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    -- sign_in.succeeded, agent.updated, request.status_changed…
    type TEXT NOT NULL,
    -- agent, integration, end_user, system, anonymous; its id (agent or token id) and name (for anonymous:
    -- the e-mail address tried, if any).
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    -- The client's IP address, when the change came over HTTP.
    address TEXT,
    target_kind TEXT,
    target_id TEXT,
    target_name TEXT,
    -- A JSON object: the fields changed, the timeline event's data.
    data TEXT NOT NULL
  );
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE INDEX audit_log_actor ON audit_log (actor_id, id) WHERE actor_id IS NOT NULL;
  CREATE INDEX audit_log_type ON audit_log (type, id);

  -- How many days audit entries are kept; older ones are pruned daily.
  ALTER TABLE organisation ADD COLUMN audit_retention_days INTEGER NOT NULL DEFAULT 365
    CHECK (audit_retention_days BETWEEN 1 AND 3650);
  `;
