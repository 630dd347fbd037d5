/**
 * Migration 17 on PostgreSQL (meaning: ../sqlite/0017-stream-tickets.ts): one-use tickets for opening the
 * change stream from a browser. Released: never edit it; add the next migration.
 */
export default `
  CREATE TABLE stream_tickets (
    ticket_hash text PRIMARY KEY,
    agent_id text NOT NULL,
    access_hash text NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX stream_tickets_expiry ON stream_tickets (expires_at);
`;
