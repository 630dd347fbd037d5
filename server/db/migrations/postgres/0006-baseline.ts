/**
 * PostgreSQL's baseline: SQLite's schema at version 6 (`../sqlite/0001`–`0006`), written PostgreSQL's way,
 * plus what only several instances on one database need (the feed's sequence, the shared secrets, the shared
 * rate limits). No PostgreSQL database was ever at versions 1–5: a new one starts here, at 6.
 * Released: never edit it; add the next migration (to both dialects).
 *
 * Choices for the store written on it (server/store/postgres/):
 * - Same tables, columns (in the same order), constraints, defaults and index names as SQLite's version 6,
 *   so that one row type and one mapping per table (`RequestRow`, `toRequest` …) serve both stores.
 * - Times (epoch milliseconds), seqs and row ids are `bigint`. `openPostgres` makes the pool read `bigint`
 *   (and `count(*)`) as a JavaScript number, as better-sqlite3 does, rather than pg's default string.
 * - Flags stay `integer` 0/1 with the same CHECK as SQLite, not `boolean`: the shared row mapping compares
 *   them with `=== 1`, and the SQL of both stores says `reminded = 0` alike. Counts are `integer`.
 * - The wire JSON the feed concatenates (`wire_json`, `events_json`) and the other JSON kept as written
 *   (`data`, `response`, `payload`) are `text`: stored and returned byte for byte, never re-serialised.
 * - Agents' e-mail is unique whatever its case through a unique index on `lower(email)` (SQLite: COLLATE
 *   NOCASE). Look one up with `lower(email) = lower($1)`, which that index serves. (lower() folds every
 *   letter, NOCASE only ASCII ones: PostgreSQL is the stricter of the two.)
 * - The feed's seq comes from `nextval('feed_seq')` (decision 0001 §5), so `meta` has no 'seq' row here;
 *   it keeps 'tombstones_pruned_through'. Seqs are unique but not contiguous (rollbacks leave holes).
 * - `request_events.id` and `outbox.id` are identity columns: insert without an id, read it back with
 *   RETURNING id.
 */
export default `
  CREATE SEQUENCE feed_seq AS bigint;

  CREATE TABLE meta (
    key text PRIMARY KEY,
    value bigint NOT NULL
  );
  -- tombstones_pruned_through: tombstones up to it are gone, so a sync from before it must start over.
  INSERT INTO meta (key, value) VALUES ('tombstones_pruned_through', 0);

  CREATE TABLE agents (
    id text PRIMARY KEY,
    email text NOT NULL,
    name text NOT NULL,
    is_admin integer NOT NULL CHECK (is_admin IN (0, 1)),
    is_support_agent integer NOT NULL CHECK (is_support_agent IN (0, 1)),
    password_hash text NOT NULL,
    disabled integer NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    -- What the agent may see changed at this seq: a sync from before it must start over.
    resync_from_seq bigint NOT NULL DEFAULT 0,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
  );
  CREATE UNIQUE INDEX agents_email_unique ON agents (lower(email));

  CREATE TABLE channels (
    id text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('shared', 'private')),
    owner_id text REFERENCES agents (id),
    default_expiry_minutes integer NOT NULL,
    participant_limit integer NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    CHECK ((kind = 'private') = (owner_id IS NOT NULL))
  );
  CREATE UNIQUE INDEX channels_one_private_each ON channels (owner_id) WHERE kind = 'private';

  CREATE TABLE memberships (
    channel_id text NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    can_release integer NOT NULL CHECK (can_release IN (0, 1)),
    PRIMARY KEY (channel_id, agent_id)
  );
  CREATE INDEX memberships_by_agent ON memberships (agent_id);

  -- Only hashes of tokens are stored. A family is one sign-in; rotating a refresh token keeps the family.
  CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    family_id text NOT NULL,
    agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at bigint NOT NULL,
    -- Set when the token was exchanged: presenting it again is reuse, and revokes the family.
    used_at bigint,
    created_at bigint NOT NULL
  );
  CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
  CREATE INDEX refresh_tokens_by_agent ON refresh_tokens (agent_id);

  CREATE TABLE access_tokens (
    token_hash text PRIMARY KEY,
    family_id text NOT NULL,
    agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at bigint NOT NULL
  );
  CREATE INDEX access_tokens_by_family ON access_tokens (family_id);
  CREATE INDEX access_tokens_by_agent ON access_tokens (agent_id);

  CREATE TABLE requests (
    id text PRIMARY KEY,
    status text NOT NULL CHECK (status IN ('open', 'waiting', 'ready', 'connected', 'closed', 'expired')),
    consent text NOT NULL CHECK (consent IN ('pending', 'granted', 'denied')),
    recipient_name text NOT NULL,
    recipient_email text,
    comments text NOT NULL,
    email_language text NOT NULL,
    send_invitation integer NOT NULL CHECK (send_invitation IN (0, 1)),
    scheduled_at bigint,
    reminded integer NOT NULL DEFAULT 0 CHECK (reminded IN (0, 1)),
    expires_at bigint NOT NULL,
    channel_id text NOT NULL REFERENCES channels (id),
    assignee_id text REFERENCES agents (id),
    created_by text NOT NULL REFERENCES agents (id),
    -- SHA-256 of the link's token; the token itself is derived from the id with the service's key.
    link_token_hash text NOT NULL UNIQUE,
    pin text NOT NULL,
    session_code text NOT NULL,
    remote text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    seq bigint NOT NULL UNIQUE,
    -- When a Ready request's permission lapses (set by the last disconnect); NULL otherwise.
    consent_lapses_at bigint,
    -- Whether the request's creator chose its language (email_language); when not, the join page follows
    -- the browser.
    language_chosen integer NOT NULL DEFAULT 0 CHECK (language_chosen IN (0, 1)),
    -- The request as the feed sends it, without its link (the link follows the public URL, set at start).
    wire_json text,
    -- Its whole timeline as the feed sends it (its events' JSON, ids included, joined by commas); '' for a
    -- request without events.
    events_json text
  );
  CREATE UNIQUE INDEX requests_live_pin ON requests (pin)
    WHERE status IN ('open', 'waiting', 'ready', 'connected');
  CREATE UNIQUE INDEX requests_live_session_code ON requests (session_code)
    WHERE status IN ('open', 'waiting', 'ready', 'connected');
  CREATE INDEX requests_by_channel ON requests (channel_id, seq);
  CREATE INDEX requests_by_created ON requests (created_at, id);
  CREATE INDEX requests_due ON requests (expires_at) WHERE status IN ('open', 'waiting', 'ready');
  CREATE INDEX requests_reminders ON requests (scheduled_at)
    WHERE reminded = 0 AND scheduled_at IS NOT NULL AND status IN ('open', 'waiting', 'ready');
  CREATE INDEX requests_consent_lapses ON requests (consent_lapses_at)
    WHERE consent_lapses_at IS NOT NULL AND status = 'ready';
  -- SQLite fills rows written before its versions 5 and 6 at start; on PostgreSQL every row is written
  -- whole, but the same look-ups must find none.
  CREATE INDEX requests_wire_missing ON requests (id) WHERE wire_json IS NULL;
  CREATE INDEX requests_events_json_missing ON requests (id) WHERE events_json IS NULL;

  -- Agents on a request besides its assignee.
  CREATE TABLE participants (
    request_id text NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    agent_id text NOT NULL REFERENCES agents (id),
    via text NOT NULL CHECK (via IN ('invited', 'joined')),
    since bigint NOT NULL,
    PRIMARY KEY (request_id, agent_id)
  );

  -- Agents whose remote-control client is running for the request now.
  CREATE TABLE connections (
    request_id text NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    agent_id text NOT NULL REFERENCES agents (id),
    since bigint NOT NULL,
    PRIMARY KEY (request_id, agent_id)
  );

  CREATE TABLE request_events (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    request_id text NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    at bigint NOT NULL,
    type text NOT NULL,
    actor_kind text NOT NULL CHECK (actor_kind IN ('agent', 'end_user', 'system')),
    actor_id text,
    actor_name text,
    data text NOT NULL,
    -- The event as the feed sends it, without its id (the id is the row's, known once it is inserted).
    wire_json text
  );
  CREATE INDEX request_events_by_request ON request_events (request_id, seq);
  CREATE INDEX request_events_wire_missing ON request_events (id) WHERE wire_json IS NULL;

  -- A request left a channel (deleted, or moved to another): agents who see that channel drop it.
  CREATE TABLE tombstones (
    seq bigint PRIMARY KEY,
    request_id text NOT NULL,
    channel_id text NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE INDEX tombstones_by_channel ON tombstones (channel_id, seq);

  -- POST /requests with an Idempotency-Key: a replay answers the first result.
  CREATE TABLE idempotency_keys (
    agent_id text NOT NULL,
    key text NOT NULL,
    fingerprint text NOT NULL,
    status integer NOT NULL,
    response text NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (agent_id, key)
  );

  -- E-mail written in the same transaction as the change that causes it, sent by the outbox worker.
  CREATE TABLE outbox (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    request_id text,
    kind text NOT NULL,
    recipient text NOT NULL,
    language text NOT NULL,
    payload text NOT NULL,
    message_id text NOT NULL UNIQUE,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    sent_at bigint,
    failed_at bigint,
    last_error text,
    created_at bigint NOT NULL
  );
  CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

  -- The organisation settings an admin edits; the service fills the row from its configuration once.
  CREATE TABLE organisation (
    id integer PRIMARY KEY CHECK (id = 1),
    name text NOT NULL,
    remote_app_name text NOT NULL,
    remote_app_url text NOT NULL,
    remote_id_required integer NOT NULL CHECK (remote_id_required IN (0, 1)),
    -- Free text for the end user, several lines.
    remote_app_instructions text NOT NULL,
    updated_at bigint NOT NULL,
    -- How long an end user's Allow access lasts after the last agent disconnects; 0: it ends with the session.
    consent_grace_minutes integer NOT NULL DEFAULT 10 CHECK (consent_grace_minutes BETWEEN 0 AND 1440)
  );

  -- Set-password links e-mailed to agents. Only the SHA-256 of a link's token is stored. Issuing a link
  -- deletes the agent's older ones.
  CREATE TABLE password_links (
    token_hash text PRIMARY KEY,
    agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at bigint NOT NULL,
    -- Set when the password was set with it: a link works once.
    used_at bigint,
    created_at bigint NOT NULL
  );
  CREATE INDEX password_links_by_agent ON password_links (agent_id);

  -- PostgreSQL only: the service's secrets, shared by every instance (SQLite keeps them in the data folder's
  -- secrets.json). One row, created by the first start: the link-token key, base64url as in secrets.json.
  CREATE TABLE service_secrets (
    id integer PRIMARY KEY CHECK (id = 1),
    link_key text NOT NULL,
    created_at bigint NOT NULL
  );

  -- PostgreSQL only: the rate limits every instance counts in, in rate-limiter-flexible's
  -- RateLimiterPostgres layout (its _getCreateTableStmt), which is given tableName 'rate_limits' and
  -- tableCreated: true; each limiter's keys carry its keyPrefix. expire: epoch ms, NULL for never.
  CREATE TABLE rate_limits (
    key varchar(255) PRIMARY KEY,
    points integer NOT NULL DEFAULT 0,
    expire bigint
  );
  `;
