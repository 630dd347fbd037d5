/**
 * Migration 12 (issue 18): two-factor sign-in for password accounts. Released: never edit it; add the next
 * migration (to both dialects).
 */
export default `
  -- Admins may require every password account to sign in with an authenticator code too.
  ALTER TABLE organisation ADD COLUMN require_two_factor INTEGER NOT NULL DEFAULT 0
    CHECK (require_two_factor IN (0, 1));

  -- An agent's authenticator (TOTP) secret, sealed with the service's key. Until a code of it is
  -- confirmed (confirmed_at) it is a set-up in progress and signs nobody in.
  CREATE TABLE two_factor (
    agent_id TEXT PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    confirmed_at INTEGER,
    -- The last time step whose code was accepted: a code is accepted once, and never an older one.
    last_step INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;

  -- Recovery codes, by their SHA-256 only; each works once.
  CREATE TABLE two_factor_recovery_codes (
    agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (agent_id, code_hash)
  ) STRICT;

  -- The step between a right password and its code, by the SHA-256 of its token: any instance can finish
  -- it, once, before it expires.
  CREATE TABLE sign_in_challenges (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sign_in_challenges_by_agent ON sign_in_challenges (agent_id);
  CREATE INDEX sign_in_challenges_by_expiry ON sign_in_challenges (expires_at);
  `;
