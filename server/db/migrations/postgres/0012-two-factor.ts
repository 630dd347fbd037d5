/**
 * Migration 12 (issue 18) on PostgreSQL: two-factor sign-in. The meaning of each change is in
 * ../sqlite/0012-two-factor.ts. Released: never edit it; add the next migration (to both dialects).
 */
export default `
  ALTER TABLE organisation ADD COLUMN require_two_factor integer NOT NULL DEFAULT 0
    CHECK (require_two_factor IN (0, 1));

  CREATE TABLE two_factor (
    agent_id text PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    secret text NOT NULL,
    confirmed_at bigint,
    last_step bigint,
    created_at bigint NOT NULL
  );

  CREATE TABLE two_factor_recovery_codes (
    agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    code_hash text NOT NULL,
    used_at bigint,
    PRIMARY KEY (agent_id, code_hash)
  );

  CREATE TABLE sign_in_challenges (
    token_hash text PRIMARY KEY,
    agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at bigint NOT NULL,
    used_at bigint,
    created_at bigint NOT NULL
  );
  CREATE INDEX sign_in_challenges_by_agent ON sign_in_challenges (agent_id);
  CREATE INDEX sign_in_challenges_by_expiry ON sign_in_challenges (expires_at);
  `;
