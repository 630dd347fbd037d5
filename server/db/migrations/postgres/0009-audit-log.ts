/**
 * Migration 9 on PostgreSQL (meaning: ../sqlite/0009-audit-log.ts): the append-only audit log, and how
 * long the organisation keeps it. Released: never edit it; add the next migration.
 */
export default `
  CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at bigint NOT NULL,
    type text NOT NULL,
    actor_kind text NOT NULL,
    actor_id text,
    actor_name text,
    address text,
    target_kind text,
    target_id text,
    target_name text,
    data text NOT NULL
  );
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE INDEX audit_log_actor ON audit_log (actor_id, id) WHERE actor_id IS NOT NULL;
  -- Byte order ("C"), as SQLite compares: a type prefix is then the range [prefix, next prefix).
  CREATE INDEX audit_log_type ON audit_log (type COLLATE "C", id);

  ALTER TABLE organisation ADD COLUMN audit_retention_days integer NOT NULL DEFAULT 365
    CHECK (audit_retention_days BETWEEN 1 AND 3650);
  `;
