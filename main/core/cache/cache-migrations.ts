/**
 * The cache's schema, as an append-only list: migration N brings user_version N-1 to N. Never edit a
 * released migration; add the next one. Times are epoch milliseconds.
 *
 * The cache holds what one agent may see on one service: requests (each with its JSON as the service
 * sent it, plus the columns the UI filters, sorts and searches on), their timelines, the offline outbox,
 * the sync cursor, the agents and channels last fetched, and the disconnects owed to the service.
 */
import { filterWordsSql, SEARCH_FILTERS } from './search-terms';

/** The lifecycle's order for sorting by status; the index below is on this very expression. */
export const STATUS_ORDER_SQL = `(CASE status WHEN 'open' THEN 0 WHEN 'waiting' THEN 1 WHEN 'ready' THEN 2
    WHEN 'connected' THEN 3 WHEN 'closed' THEN 4 ELSE 5 END)`;

/**
 * The secondary indexes as migration 1 created them: one per sort column of the table, per sidebar view,
 * for the counts, and the timeline's. Kept as they were: a released migration never changes.
 */
const REQUEST_INDEXES_1: readonly string[] = [
  'CREATE INDEX IF NOT EXISTS requests_by_created ON requests (final, created_at)',
  'CREATE INDEX IF NOT EXISTS requests_by_expiry ON requests (final, expires_at)',
  'CREATE INDEX IF NOT EXISTS requests_by_schedule ON requests (final, scheduled_at)',
  'CREATE INDEX IF NOT EXISTS requests_by_name ON requests (final, recipient_name COLLATE NOCASE)',
  'CREATE INDEX IF NOT EXISTS requests_by_email ON requests (final, recipient_email COLLATE NOCASE)',
  `CREATE INDEX IF NOT EXISTS requests_by_status_order ON requests (final, ${STATUS_ORDER_SQL})`,
  'CREATE INDEX IF NOT EXISTS requests_by_status ON requests (final, status)',
  'CREATE INDEX IF NOT EXISTS requests_by_assignee_name ON requests (final, assignee_name COLLATE NOCASE)',
  'CREATE INDEX IF NOT EXISTS requests_by_channel_name ON requests (final, channel_name COLLATE NOCASE)',
  'CREATE INDEX IF NOT EXISTS requests_by_final_channel ON requests (final, channel_id)',
  'CREATE INDEX IF NOT EXISTS requests_by_channel ON requests (channel_id, final, created_at)',
  'CREATE INDEX IF NOT EXISTS requests_by_assignee ON requests (assignee_id, final, created_at)',
  'CREATE INDEX IF NOT EXISTS requests_by_assignee_status ON requests (assignee_id, final, status)',
  // Finding a local row from its outbox entry (the foreign key's cascade).
  'CREATE INDEX IF NOT EXISTS requests_by_outbox ON requests (outbox_id) WHERE outbox_id IS NOT NULL',
  // A request's timeline, in order (and the cascade when the request goes).
  'CREATE INDEX IF NOT EXISTS timeline_by_request ON timeline (request_id, id)',
];

/** Migration 3's indexes: the Upcoming view, and "Ready for me", answered from an index alone. */
const INDEXES_3 = {
  // Sorting by schedule, and the Upcoming view's window with each row's created_at.
  requests_by_schedule:
    'CREATE INDEX IF NOT EXISTS requests_by_schedule_created ON requests (final, scheduled_at, created_at)',
  // Status filters, and who is on each request for "Ready for me".
  requests_by_status:
    'CREATE INDEX IF NOT EXISTS requests_by_status_agents ON requests (final, status, assignee_id, participant_ids)',
} as const satisfies Record<string, string>;

const indexName = (sql: string) => /INDEX IF NOT EXISTS (\w+)/.exec(sql)![1]!;

/**
 * The secondary indexes now: migration 1's, each one migration 3 replaced in its place. A first sync into
 * an empty cache builds them once at the end instead of row by row.
 */
export const REQUEST_INDEXES: readonly string[] = REQUEST_INDEXES_1.map(
  (sql) => INDEXES_3[indexName(sql) as keyof typeof INDEXES_3] ?? sql,
);

/** The index names, for dropping them before a first sync. */
export const REQUEST_INDEX_NAMES: readonly string[] = REQUEST_INDEXES.map(indexName);

/** Migration 1's search index kept current row by row, as it was: migration 4 replaced it. */
const FTS_TRIGGERS_1 = `
  CREATE TRIGGER IF NOT EXISTS requests_fts_insert AFTER INSERT ON requests BEGIN
    INSERT INTO requests_fts (rowid, recipient_name, recipient_email, comments, pin)
      VALUES (new.rowid, new.recipient_name, new.recipient_email, new.comments, new.pin);
  END;
  CREATE TRIGGER IF NOT EXISTS requests_fts_delete AFTER DELETE ON requests BEGIN
    INSERT INTO requests_fts (requests_fts, rowid, recipient_name, recipient_email, comments, pin)
      VALUES ('delete', old.rowid, old.recipient_name, old.recipient_email, old.comments, old.pin);
  END;
  CREATE TRIGGER IF NOT EXISTS requests_fts_update AFTER UPDATE OF recipient_name, recipient_email, comments, pin
    ON requests BEGIN
    INSERT INTO requests_fts (requests_fts, rowid, recipient_name, recipient_email, comments, pin)
      VALUES ('delete', old.rowid, old.recipient_name, old.recipient_email, old.comments, old.pin);
    INSERT INTO requests_fts (rowid, recipient_name, recipient_email, comments, pin)
      VALUES (new.rowid, new.recipient_name, new.recipient_email, new.comments, new.pin);
  END;`;

/** The text columns of a request's search document (its filter words follow them). */
const SEARCH_TEXT_4 = ['recipient_name', 'recipient_email', 'comments', 'pin'] as const;
/** Migration 6 added the ticket: its system and id, as the `ticket` column of the document. */
const SEARCH_TEXT = [...SEARCH_TEXT_4, 'ticket'] as const;

/** What fills each text column of the document from a row of `requests` as `row`. */
const searchText = (column: (typeof SEARCH_TEXT)[number], of: (column: string) => string) =>
  column === 'ticket' ? `coalesce(${of('external_system')} || ' ' || ${of('external_id')}, '')` : of(column);

/** The request columns whose change changes its document: its text and its filters. */
const searchSources = (text: readonly string[]) => [
  ...text.flatMap((column) => (column === 'ticket' ? ['external_system', 'external_id'] : [column])),
  ...Object.values(SEARCH_FILTERS).map((filter) => filter.column),
];

/**
 * The search index's fill and triggers for documents of `text`: migration 4's (kept as they were: a
 * released migration never changes) and today's.
 */
function searchSql(text: readonly (typeof SEARCH_TEXT)[number][]) {
  const columns = `rowid, ${text.join(', ')}, filters`;
  const values = (row: string) => {
    const of = (column: string) => (row === '' ? column : `${row}.${column}`);
    return `${of('rowid')}, ${text.map((column) => searchText(column, of)).join(', ')}, ${filterWordsSql(row)}`;
  };
  const sources = searchSources(text);
  return {
    fill: `INSERT INTO request_search (${columns}) SELECT ${values('')} FROM requests`,
    triggers: `
  CREATE TRIGGER IF NOT EXISTS request_search_insert AFTER INSERT ON requests BEGIN
    INSERT INTO request_search (${columns}) VALUES (${values('new')});
  END;
  CREATE TRIGGER IF NOT EXISTS request_search_delete AFTER DELETE ON requests BEGIN
    DELETE FROM request_search WHERE rowid = old.rowid;
  END;
  CREATE TRIGGER IF NOT EXISTS request_search_update AFTER UPDATE OF ${sources.join(', ')} ON requests
    WHEN ${sources.map((column) => `old.${column} IS NOT new.${column}`).join(' OR ')} BEGIN
    DELETE FROM request_search WHERE rowid = old.rowid;
    INSERT INTO request_search (${columns}) VALUES (${values('new')});
  END;`,
  };
}
const SEARCH_4 = searchSql(SEARCH_TEXT_4);
const SEARCH_6 = searchSql(SEARCH_TEXT);

/**
 * Filling the search index from the rows, all of them or those with rowid in (?, ?]: at migration 6, and
 * in slices at the end of a full sync.
 */
export const SEARCH_FILL = SEARCH_6.fill;

/**
 * Keeping the search index current row by row: a request's document changes with its text and with its
 * filters (a status change re-indexes it). A full sync drops these and rebuilds the index once at the
 * end, which is several times faster than updating it per row.
 */
export const SEARCH_TRIGGERS = SEARCH_6.triggers;
/** Their names, read from the SQL above. */
export const SEARCH_TRIGGER_NAMES: readonly string[] = [
  ...SEARCH_TRIGGERS.matchAll(/CREATE TRIGGER IF NOT EXISTS (\w+)/g),
].map((match) => match[1]!);

/** The sidebar's groups of requests by (final, channel, assignee), counted from the rows themselves. */
export const REQUEST_GROUPS_SQL = `SELECT final, channel_id, coalesce(assignee_id, ''), count(*) FROM requests GROUP BY 1, 2, 3`;

/** The counts table filled from the rows in one pass: at migration 3, and at the end of a full sync. */
export const REQUEST_COUNTS_FILL = `INSERT INTO request_counts (final, channel_id, assignee_id, n)
    ${REQUEST_GROUPS_SQL}`;

/**
 * The sidebar's counts kept current by the requests' own writes: requests by (final, channel, assignee),
 * a few hundred rows at most however many requests, so the counts read them instead of the table. A full
 * sync drops these and fills the table once at the end (REQUEST_COUNTS_FILL) instead of row by row.
 */
export const REQUEST_COUNTS_TRIGGERS = `
  CREATE TRIGGER request_counts_insert AFTER INSERT ON requests BEGIN
    INSERT INTO request_counts (final, channel_id, assignee_id, n)
      VALUES (new.final, new.channel_id, coalesce(new.assignee_id, ''), 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER request_counts_delete AFTER DELETE ON requests BEGIN
    UPDATE request_counts SET n = n - 1
      WHERE final = old.final AND channel_id = old.channel_id AND assignee_id = coalesce(old.assignee_id, '');
  END;
  CREATE TRIGGER request_counts_update AFTER UPDATE OF final, channel_id, assignee_id ON requests
    WHEN old.final IS NOT new.final OR old.channel_id IS NOT new.channel_id
      OR old.assignee_id IS NOT new.assignee_id BEGIN
    UPDATE request_counts SET n = n - 1
      WHERE final = old.final AND channel_id = old.channel_id AND assignee_id = coalesce(old.assignee_id, '');
    INSERT INTO request_counts (final, channel_id, assignee_id, n)
      VALUES (new.final, new.channel_id, coalesce(new.assignee_id, ''), 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
  END;`;
/** Their names, read from the SQL above. */
export const REQUEST_COUNTS_TRIGGER_NAMES: readonly string[] = [
  ...REQUEST_COUNTS_TRIGGERS.matchAll(/CREATE TRIGGER (\w+)/g),
].map((match) => match[1]!);

export const CACHE_MIGRATIONS: readonly string[] = [
  /* 1 */ `
  CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  -- Creates and notes made here, in the order made, until the service has them.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('create', 'note')),
    idempotency_key TEXT NOT NULL UNIQUE,
    -- For a note: the request it is on.
    request_id TEXT,
    payload TEXT NOT NULL,
    -- queued: not sent yet. sending: sent, answer not seen (a crash here replays with the same key).
    -- rejected: the service refused it (error_*). sent: a note accepted, waiting for its event in the feed.
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'rejected', 'sent')),
    attempts INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    error_message TEXT,
    -- For a sent note: the request's seq in the answer; the feed reaching it carries the note.
    ack_seq INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    consent TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    recipient_email TEXT,
    comments TEXT NOT NULL,
    pin TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    channel_name TEXT NOT NULL DEFAULT '',
    assignee_id TEXT,
    assignee_name TEXT NOT NULL DEFAULT '',
    -- ' id1 id2 ': agents on the request besides the assignee, for "may I connect".
    participant_ids TEXT NOT NULL,
    scheduled_at INTEGER,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    final INTEGER NOT NULL CHECK (final IN (0, 1)),
    body TEXT NOT NULL,
    -- Set on a request created offline (id 'local:…') until the service has it.
    outbox_id INTEGER REFERENCES outbox (id) ON DELETE CASCADE,
    -- Which full sync last saw it: a resync removes what it did not see.
    sync_gen INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  -- Search over name, e-mail, comments and PIN; words match as prefixes.
  CREATE VIRTUAL TABLE requests_fts USING fts5 (
    recipient_name, recipient_email, comments, pin,
    content = 'requests', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    -- Short prefixes ("a", "jo") are what a search box sees first, keystroke by keystroke.
    prefix = '1 2 3'
  );
  ${FTS_TRIGGERS_1}

  CREATE TABLE timeline (
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL
  ) STRICT;

  -- The agents and channels last fetched, so names and the sidebar are there offline.
  CREATE TABLE directory (
    kind TEXT NOT NULL CHECK (kind IN ('agent', 'channel')),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  ) STRICT, WITHOUT ROWID;

  ${REQUEST_INDEXES_1.join(';\n  ')};
  `,
  /* 2 */ `
  -- Disconnects this agent owes the service: a remote-control client it launched exited while the
  -- service could not be told. Kept across restarts; said once the connection is back, unless moot
  -- by then (the request closed, or the service no longer counts this agent connected).
  CREATE TABLE owed_disconnects (
    request_id TEXT PRIMARY KEY,
    -- The request's seq when the client exited: a 'connected' of this agent after it starts a newer
    -- session, which this disconnect must not end.
    seq INTEGER NOT NULL,
    owed_at INTEGER NOT NULL
  ) STRICT;
  `,
  /* 3 */ `
  -- Issue 14: queries and counts over 100,000 requests answered from indexes and a counts table.
  ${Object.entries(INDEXES_3)
    .map(([replaced, sql]) => `DROP INDEX IF EXISTS ${replaced};\n  ${sql};`)
    .join('\n  ')}
  CREATE TABLE request_counts (
    final INTEGER NOT NULL,
    channel_id TEXT NOT NULL,
    -- '' for a request assigned to no one.
    assignee_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (final, channel_id, assignee_id)
  ) STRICT, WITHOUT ROWID;
  ${REQUEST_COUNTS_FILL};
  ${REQUEST_COUNTS_TRIGGERS}
  `,
  /* 4 */ `
  -- Issue 14: a search over 100,000 requests filtered and counted by one MATCH. The index keeps no
  -- positions (detail = none: a search is words as prefixes, never a phrase) and no copy of the text
  -- (contentless, its rows deleted by rowid), and each document carries its request's filter words.
  DROP TRIGGER IF EXISTS requests_fts_insert;
  DROP TRIGGER IF EXISTS requests_fts_delete;
  DROP TRIGGER IF EXISTS requests_fts_update;
  DROP TABLE IF EXISTS requests_fts;
  CREATE VIRTUAL TABLE request_search USING fts5 (
    recipient_name, recipient_email, comments, pin, filters,
    content = '', contentless_delete = 1, detail = none,
    tokenize = 'unicode61 remove_diacritics 2',
    -- Short prefixes ("a", "jo") are what a search box sees first, keystroke by keystroke.
    prefix = '1 2 3'
  );
  ${SEARCH_4.fill};
  ${SEARCH_4.triggers}
  `,
  /* 5 */ `
  -- Issue 16: a refusal is worded by the agent's client from its code, the values of its sentence and
  -- the fields at fault, each with its own code ({"params", "fields"} as JSON), beside the English.
  ALTER TABLE outbox ADD COLUMN error_details TEXT;
  `,
  /* 6 */ `
  -- Issue 17: the ticket a request belongs to (externalRef), found by the search as its system and id.
  -- The address stays in the body alone: nothing filters, sorts or searches on it.
  ALTER TABLE requests ADD COLUMN external_system TEXT;
  ALTER TABLE requests ADD COLUMN external_id TEXT;
  UPDATE requests SET external_system = body ->> '$.externalRef.system',
    external_id = body ->> '$.externalRef.id'
    WHERE body ->> '$.externalRef.id' IS NOT NULL;
  -- An FTS5 table takes no new column: the index is made again with one and filled from the rows
  -- (about 1 s for 100,000, as at migration 4). A full sync under way drops the triggers again when it
  -- starts over, and fills the index at its end.
  DROP TRIGGER IF EXISTS request_search_insert;
  DROP TRIGGER IF EXISTS request_search_delete;
  DROP TRIGGER IF EXISTS request_search_update;
  DROP TABLE IF EXISTS request_search;
  CREATE VIRTUAL TABLE request_search USING fts5 (
    recipient_name, recipient_email, comments, pin, ticket, filters,
    content = '', contentless_delete = 1, detail = none,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
  );
  ${SEARCH_6.fill};
  ${SEARCH_6.triggers}
  `,
  /* 7 */ `
  -- Issue 19: a chat message to the end user goes through the outbox like a note (kind 'message'). A
  -- CHECK cannot be altered: the outbox is made again with the new kind. Migrations run with foreign
  -- keys on, and dropping the outbox would cascade to the rows created offline: their link is set
  -- aside, the entries copied (same ids, same AUTOINCREMENT high-water mark), then the link restored.
  CREATE TEMP TABLE outbox_7 AS SELECT * FROM outbox;
  CREATE TEMP TABLE local_rows_7 AS SELECT id, outbox_id FROM requests WHERE outbox_id IS NOT NULL;
  CREATE TEMP TABLE outbox_seq_7 AS SELECT seq FROM sqlite_sequence WHERE name = 'outbox';
  UPDATE requests SET outbox_id = NULL WHERE outbox_id IS NOT NULL;
  DROP TABLE outbox;
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('create', 'note', 'message')),
    idempotency_key TEXT NOT NULL UNIQUE,
    -- For a note or a message: the request it is on.
    request_id TEXT,
    -- A message's: {text, byEmail, bySms}.
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'rejected', 'sent')),
    attempts INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    error_message TEXT,
    -- For a sent note or message: the request's seq in the answer; the feed reaching it carries it.
    ack_seq INTEGER,
    created_at INTEGER NOT NULL,
    error_details TEXT
  ) STRICT;
  INSERT INTO outbox (id, kind, idempotency_key, request_id, payload, state, attempts, error_code,
      error_message, ack_seq, created_at, error_details)
    SELECT id, kind, idempotency_key, request_id, payload, state, attempts, error_code, error_message,
      ack_seq, created_at, error_details FROM outbox_7;
  UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM outbox_seq_7), 0))
    WHERE name = 'outbox';
  INSERT INTO sqlite_sequence (name, seq)
    SELECT 'outbox', seq FROM outbox_seq_7 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox');
  UPDATE requests SET outbox_id = (SELECT l.outbox_id FROM local_rows_7 l WHERE l.id = requests.id)
    WHERE id IN (SELECT id FROM local_rows_7);
  DROP TABLE outbox_7;
  DROP TABLE local_rows_7;
  DROP TABLE outbox_seq_7;

  -- Issue 19: where the agent last read each request's chat: the timeline event id seen last. A row's
  -- unread count is the end user's messages after it (request-columns.ts).
  CREATE TABLE read_markers (
    request_id TEXT PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
];
