/** Migration 2: the organisation settings an admin edits; the service fills the row from its configuration once. Released: never edit it; add the next migration. */
export default `
  CREATE TABLE organisation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    remote_app_name TEXT NOT NULL,
    remote_app_url TEXT NOT NULL,
    remote_id_required INTEGER NOT NULL CHECK (remote_id_required IN (0, 1)),
    -- Free text for the end user, several lines.
    remote_app_instructions TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  `;
