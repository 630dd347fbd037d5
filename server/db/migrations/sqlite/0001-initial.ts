/** Migration 1: agents, channels, tokens, requests and their timeline, the change feed, the outbox. Released: never edit it; add the next migration. */
export default `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  ) STRICT;
  -- seq: the last change's position in the feed. tombstones_pruned_through: tombstones up to it are gone,
  -- so a sync from before it must start over.
  INSERT INTO meta (key, value) VALUES ('seq', 0), ('tombstones_pruned_through', 0);

  CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name TEXT NOT NULL,
    is_admin INTEGER NOT NULL CHECK (is_admin IN (0, 1)),
    is_support_agent INTEGER NOT NULL CHECK (is_support_agent IN (0, 1)),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    -- What the agent may see changed at this seq: a sync from before it must start over.
    resync_from_seq INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE channels (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('shared', 'private')),
    owner_id TEXT REFERENCES agents (id),
    default_expiry_minutes INTEGER NOT NULL,
    participant_limit INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((kind = 'private') = (owner_id IS NOT NULL))
  ) STRICT;
  CREATE UNIQUE INDEX channels_one_private_each ON channels (owner_id) WHERE kind = 'private';

  CREATE TABLE memberships (
    channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    can_release INTEGER NOT NULL CHECK (can_release IN (0, 1)),
    PRIMARY KEY (channel_id, agent_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX memberships_by_agent ON memberships (agent_id);

  -- Only hashes of tokens are stored. A family is one sign-in; rotating a refresh token keeps the family.
  CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    -- Set when the token was exchanged: presenting it again is reuse, and revokes the family.
    used_at INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
  CREATE INDEX refresh_tokens_by_agent ON refresh_tokens (agent_id);

  CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX access_tokens_by_family ON access_tokens (family_id);
  CREATE INDEX access_tokens_by_agent ON access_tokens (agent_id);

  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('open', 'waiting', 'ready', 'connected', 'closed', 'expired')),
    consent TEXT NOT NULL CHECK (consent IN ('pending', 'granted', 'denied')),
    recipient_name TEXT NOT NULL,
    recipient_email TEXT,
    comments TEXT NOT NULL,
    email_language TEXT NOT NULL,
    send_invitation INTEGER NOT NULL CHECK (send_invitation IN (0, 1)),
    scheduled_at INTEGER,
    reminded INTEGER NOT NULL DEFAULT 0 CHECK (reminded IN (0, 1)),
    expires_at INTEGER NOT NULL,
    channel_id TEXT NOT NULL REFERENCES channels (id),
    assignee_id TEXT REFERENCES agents (id),
    created_by TEXT NOT NULL REFERENCES agents (id),
    -- SHA-256 of the link's token; the token itself is derived from the id with the service's key.
    link_token_hash TEXT NOT NULL UNIQUE,
    pin TEXT NOT NULL,
    session_code TEXT NOT NULL,
    remote TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    seq INTEGER NOT NULL UNIQUE
  ) STRICT;
  CREATE UNIQUE INDEX requests_live_pin ON requests (pin)
    WHERE status IN ('open', 'waiting', 'ready', 'connected');
  CREATE UNIQUE INDEX requests_live_session_code ON requests (session_code)
    WHERE status IN ('open', 'waiting', 'ready', 'connected');
  CREATE INDEX requests_by_channel ON requests (channel_id, seq);
  CREATE INDEX requests_by_created ON requests (created_at, id);
  CREATE INDEX requests_due ON requests (expires_at) WHERE status IN ('open', 'waiting', 'ready');
  CREATE INDEX requests_reminders ON requests (scheduled_at)
    WHERE reminded = 0 AND scheduled_at IS NOT NULL AND status IN ('open', 'waiting', 'ready');

  -- Agents on a request besides its assignee.
  CREATE TABLE participants (
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    via TEXT NOT NULL CHECK (via IN ('invited', 'joined')),
    since INTEGER NOT NULL,
    PRIMARY KEY (request_id, agent_id)
  ) STRICT, WITHOUT ROWID;

  -- Agents whose remote-control client is running for the request now.
  CREATE TABLE connections (
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    agent_id TEXT NOT NULL REFERENCES agents (id),
    since INTEGER NOT NULL,
    PRIMARY KEY (request_id, agent_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE request_events (
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('agent', 'end_user', 'system')),
    actor_id TEXT,
    actor_name TEXT,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX request_events_by_request ON request_events (request_id, seq);

  -- A request left a channel (deleted, or moved to another): agents who see that channel drop it.
  CREATE TABLE tombstones (
    seq INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX tombstones_by_channel ON tombstones (channel_id, seq);

  -- POST /requests with an Idempotency-Key: a replay answers the first result.
  CREATE TABLE idempotency_keys (
    agent_id TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (agent_id, key)
  ) STRICT, WITHOUT ROWID;

  -- E-mail written in the same transaction as the change that causes it, sent by the outbox worker.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    request_id TEXT,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    payload TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at INTEGER,
    failed_at INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
  `;
