/**
 * Migration 13: single sign-on with OpenID Connect (issue 18). Released: never edit it; add the next
 * migration.
 */
export default `
  -- A sign-in under way at the identity provider, found again by the state sent there: whichever instance
  -- takes the provider's redirect finishes it. Lives minutes; taken (deleted) by the redirect.
  CREATE TABLE sso_attempts (
    state TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    -- PKCE towards the provider: the verifier the service made for this attempt.
    pkce_verifier TEXT NOT NULL,
    -- Where the client waits (loopback, sessiondesk://auth/…, the browser shell), its own state, and the
    -- PKCE challenge of the verifier it keeps to exchange the one-time code.
    redirect_uri TEXT NOT NULL,
    client_state TEXT,
    code_challenge TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX sso_attempts_expires ON sso_attempts (expires_at);

  -- The one-time code handed to the client after the provider's sign-in (SHA-256 of it only); it gives
  -- the service's tokens once, to whoever has the verifier of code_challenge.
  CREATE TABLE sso_codes (
    code_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    code_challenge TEXT NOT NULL,
    -- The provider's ID token, kept for the sign-in it opens (sso_sign_ins).
    id_token TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX sso_codes_expires ON sso_codes (expires_at);

  -- A sign-in (refresh family) opened by single sign-on, and the provider's ID token: the hint its
  -- sign-out page wants (RP-initiated logout). Lives as long as the sign-in can.
  CREATE TABLE sso_sign_ins (
    family_id TEXT PRIMARY KEY,
    id_token TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sso_sign_ins_expires ON sso_sign_ins (expires_at);

  -- Group → roles and channels, as admins edit it. roles and channels are JSON arrays
  -- (["admin"], [{"channelId": "…", "canRelease": true}]); position keeps the admin's order.
  CREATE TABLE sso_group_mappings (
    group_name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    roles TEXT NOT NULL,
    channels TEXT NOT NULL
  );

  -- The organisation's single sign-on policy; no row: both off.
  CREATE TABLE sso_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    just_in_time INTEGER NOT NULL CHECK (just_in_time IN (0, 1)),
    sso_only INTEGER NOT NULL CHECK (sso_only IN (0, 1)),
    updated_at INTEGER NOT NULL
  );

  -- Agents created by single sign-on: their roles and mapped channels follow their groups at each sign-in.
  CREATE TABLE sso_agents (
    agent_id TEXT PRIMARY KEY REFERENCES agents (id),
    created_at INTEGER NOT NULL
  );
  `;
