/**
 * Migration 14 on PostgreSQL (meaning: ../sqlite/0014-canned-messages.ts): the organisation's canned
 * messages. Released: never edit it; add the next migration.
 */
export default `
  CREATE TABLE canned_messages (
    id text PRIMARY KEY,
    name text NOT NULL,
    name_key text NOT NULL UNIQUE,
    texts text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
  );
  `;
