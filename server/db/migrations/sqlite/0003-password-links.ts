/** Migration 3: set-password links e-mailed to agents. Released: never edit it; add the next migration. */
export default `
  -- Only the SHA-256 of a link's token is stored. Issuing a link deletes the agent's older ones.
  CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    -- Set when the password was set with it: a link works once.
    used_at INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX password_links_by_agent ON password_links (agent_id);
  `;
