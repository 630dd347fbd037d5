/**
 * Migration 17: one-use tickets for opening the change stream from a browser (issue 20, the web console),
 * whose WebSocket cannot send an Authorization header. A ticket names the agent and the access token it
 * was made with (so a sign-out, which deletes that token, ends it too); it is kept hashed, lives seconds
 * and is deleted when used. In the database, so that a ticket made through one instance opens a stream on
 * another. Released: never edit it; add the next migration.
 */
export default `
  CREATE TABLE stream_tickets (
    ticket_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL,
    -- The hash of the access token it was made with (access_tokens.token_hash).
    access_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX stream_tickets_expiry ON stream_tickets (expires_at);
`;
