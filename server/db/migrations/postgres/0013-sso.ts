/**
 * Migration 13 on PostgreSQL (meaning: ../sqlite/0013-sso.ts): single sign-on's attempts, one-time codes,
 * sign-ins, group mapping, policy and just-in-time agents. Released: never edit it; add the next migration.
 */
export default `
  CREATE TABLE sso_attempts (
    state text PRIMARY KEY,
    nonce text NOT NULL,
    pkce_verifier text NOT NULL,
    redirect_uri text NOT NULL,
    client_state text,
    code_challenge text NOT NULL,
    expires_at bigint NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE INDEX sso_attempts_expires ON sso_attempts (expires_at);

  CREATE TABLE sso_codes (
    code_hash text PRIMARY KEY,
    agent_id text NOT NULL REFERENCES agents (id),
    code_challenge text NOT NULL,
    id_token text NOT NULL,
    expires_at bigint NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE INDEX sso_codes_expires ON sso_codes (expires_at);

  CREATE TABLE sso_sign_ins (
    family_id text PRIMARY KEY,
    id_token text NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX sso_sign_ins_expires ON sso_sign_ins (expires_at);

  CREATE TABLE sso_group_mappings (
    group_name text PRIMARY KEY,
    position integer NOT NULL,
    roles text NOT NULL,
    channels text NOT NULL
  );

  CREATE TABLE sso_policy (
    id integer PRIMARY KEY CHECK (id = 1),
    just_in_time integer NOT NULL CHECK (just_in_time IN (0, 1)),
    sso_only integer NOT NULL CHECK (sso_only IN (0, 1)),
    updated_at bigint NOT NULL
  );

  CREATE TABLE sso_agents (
    agent_id text PRIMARY KEY REFERENCES agents (id),
    created_at bigint NOT NULL
  );
  `;
