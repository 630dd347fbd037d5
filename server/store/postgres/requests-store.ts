/**
 * SQL of session requests, their participants and connections, their timeline, and the feed's seq, on
 * PostgreSQL: the same meaning as sqlite/requests-store.ts (its SQL is the reference), PostgreSQL's way.
 *
 * Row locks. SQLite runs one transaction at a time; here two may act on one request at once (an agent's
 * Connect while the end user clicks Allow access, or two instances). Every read of one request a service
 * then changes — `get`, `getByTokenHash`, `getLiveByPin`, `getLiveBySessionCode` — takes a row lock (row-locks.ts)
 * inside a transaction, so the second transaction waits for the first to commit and then reads what it
 * wrote, as on SQLite, instead of writing over it from a stale read. Outside a transaction they lock
 * nothing. Reads of many requests (`getMany`, `list`, the due lists) and of timelines lock nothing: the
 * services change a request only after reading it through one of the four.
 *
 * The seq (decision 0001 §5, scheme (c)): a sequence, no lock, so writers commit in any order; readers see
 * only up to the instance's watermark (`head`, and feed-store.ts), which the feed pump moves.
 *
 * `missingWireJson`, `eventsMissingWireJson` and `fillEventsJson` fill rows SQLite wrote before its
 * migrations 5 and 6. Every PostgreSQL row is written whole, so they find nothing here; they still run
 * their real query (the baseline keeps the partial indexes that make it free), so a row written without
 * its JSON by a bug would be filled, as on SQLite.
 */
import type { TimelineEventType } from '@shared/protocol/api';
import {
  CONSENT_EVENTS,
  type ConsentEventType,
  type EventRow,
  type ListFilter,
  type ParticipantRow,
  type RequestRow,
} from '../rows';
import {
  EVENT_COLUMNS,
  EVENT_FEED_JSON,
  LIVE,
  REQUEST_COLUMNS,
  actorColumns,
  listSearch,
  toEvent,
  toRequest,
  type RawEvent,
  type RawRequest,
} from '../requests-sql';
import type { RequestsTable } from '../store';
import type { PostgresExecutor, SqlValue } from './executor';
import { lockedInTransaction } from './row-locks';

/** The instance's watermark (the feed pump's FeedPosition): the highest seq it may serve. */
export interface FeedWatermark {
  visibleThrough(): number;
}

/** The channel every instance's feed pump listens on; the payload is the seq. */
export const FEED_CHANNEL = 'sessiondesk_feed';

/** SQL: the feed JSON of the events of the request `requestId` after the seq `since`, joined by commas. */
export const eventsFeedJson = (requestId: string, since: string): string =>
  `(SELECT string_agg(${EVENT_FEED_JSON}, ',' ORDER BY e.id)
    FROM request_events e WHERE e.request_id = ${requestId} AND e.seq > ${since})`;

/**
 * The next seq, and its notification queued for the commit. The writer's transaction id is taken first,
 * then the sequence's value: a reader that has seen every transaction up to an id taken after reading the
 * sequence knows every seq up to that value has ended (FeedStore.settledHead). Each MATERIALIZED CTE is
 * evaluated once, and `seq` reads `writer`'s row before calling nextval(), so the order holds whatever the
 * planner does; pg_notify needs the value, so it runs on `seq`'s row.
 */
const NEXT_SEQ = `WITH writer AS MATERIALIZED (SELECT pg_current_xact_id() AS xid),
  seq AS MATERIALIZED (SELECT nextval('feed_seq') AS value, writer.xid FROM writer)
  SELECT seq.value FROM seq, pg_notify('${FEED_CHANNEL}', seq.value::text)`;

/** The columns insert() writes, in order ($1…$29). */
const INSERT_COLUMNS = `id, status, consent, recipient_name, recipient_email, comments, email_language,
  language_chosen, send_invitation, scheduled_at, reminded, expires_at, channel_id, assignee_id, created_by,
  link_token_hash, pin, session_code, remote, consent_lapses_at, created_at, updated_at, seq, wire_json,
  events_json, external_system, external_id, external_url, recipient_phone`;

const flag = (value: boolean) => (value ? 1 : 0);

/** A row's values for INSERT_COLUMNS. */
function insertValues(row: RequestRow, wireJson: string): SqlValue[] {
  return [
    row.id,
    row.status,
    row.consent,
    row.recipientName,
    row.recipientEmail,
    row.comments,
    row.emailLanguage,
    flag(row.languageChosen),
    flag(row.sendInvitation),
    row.scheduledAt,
    flag(row.reminded),
    row.expiresAt,
    row.channelId,
    row.assigneeId,
    row.createdBy,
    row.linkTokenHash,
    row.pin,
    row.sessionCode,
    row.remote,
    row.consentLapsesAt,
    row.createdAt,
    row.updatedAt,
    row.seq,
    wireJson,
    '',
    row.externalRef?.system ?? null,
    row.externalRef?.id ?? null,
    row.externalRef?.url ?? null,
    row.recipientPhone,
  ];
}

interface RawParticipant {
  request_id: string;
  agent_id: string;
  via: 'invited' | 'joined';
  since: number;
}

const toParticipant = (p: RawParticipant): ParticipantRow => ({
  requestId: p.request_id,
  agentId: p.agent_id,
  via: p.via,
  since: p.since,
});

export class PostgresRequestsStore implements RequestsTable {
  constructor(
    private readonly sql: PostgresExecutor,
    private readonly watermark: FeedWatermark,
  ) {}

  /** The next position in the change feed; call inside the transaction that makes the change. */
  async nextSeq(): Promise<number> {
    const seq = (await this.sql.row<{ value: number }>(NEXT_SEQ))!.value;
    this.sql.tookSeq(seq);
    return seq;
  }

  /** The feed's head as this instance may serve it: its watermark. */
  head(): Promise<number> {
    return Promise.resolve(this.watermark.visibleThrough());
  }

  async insert(row: RequestRow, wireJson: string): Promise<void> {
    await this.sql.exec(
      `INSERT INTO requests (${INSERT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
         $22, $23, $24, $25, $26, $27, $28, $29)`,
      insertValues(row, wireJson),
    );
  }

  async update(row: RequestRow, wireJson: string): Promise<void> {
    await this.sql.exec(
      `UPDATE requests SET status = $2, consent = $3, recipient_email = $4, scheduled_at = $5, reminded = $6,
         expires_at = $7, channel_id = $8, assignee_id = $9, remote = $10, consent_lapses_at = $11,
         updated_at = $12, seq = $13, wire_json = $14, external_system = $15, external_id = $16,
         external_url = $17, recipient_phone = $18
       WHERE id = $1`,
      [
        row.id,
        row.status,
        row.consent,
        row.recipientEmail,
        row.scheduledAt,
        flag(row.reminded),
        row.expiresAt,
        row.channelId,
        row.assigneeId,
        row.remote,
        row.consentLapsesAt,
        row.updatedAt,
        row.seq,
        wireJson,
        row.externalRef?.system ?? null,
        row.externalRef?.id ?? null,
        row.externalRef?.url ?? null,
        row.recipientPhone,
      ],
    );
  }

  async missingWireJson(limit: number): Promise<RequestRow[]> {
    const rows = await this.sql.rows<RawRequest>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE wire_json IS NULL LIMIT $1`,
      [limit],
    );
    return rows.map(toRequest);
  }

  async setWireJson(id: string, wireJson: string): Promise<void> {
    await this.sql.exec('UPDATE requests SET wire_json = $1 WHERE id = $2', [wireJson, id]);
  }

  async eventsMissingWireJson(limit: number): Promise<EventRow[]> {
    const rows = await this.sql.rows<RawEvent>(
      `SELECT ${EVENT_COLUMNS} FROM request_events WHERE wire_json IS NULL LIMIT $1`,
      [limit],
    );
    return rows.map(toEvent);
  }

  async setEventWireJson(id: number, wireJson: string): Promise<void> {
    await this.sql.exec('UPDATE request_events SET wire_json = $1 WHERE id = $2', [wireJson, id]);
  }

  fillEventsJson(limit: number): Promise<number> {
    return this.sql.exec(
      `UPDATE requests SET events_json = coalesce(${eventsFeedJson('requests.id', '-1')}, '')
       WHERE id IN (SELECT id FROM requests WHERE events_json IS NULL LIMIT $1)`,
      [limit],
    );
  }

  async delete(id: string): Promise<void> {
    await this.sql.exec('DELETE FROM requests WHERE id = $1', [id]);
  }

  /** The one request `where` finds with `value`, locked for the transaction if there is one. */
  private async one(where: string, value: string): Promise<RequestRow | undefined> {
    const raw = await this.sql.row<RawRequest>(
      lockedInTransaction(this.sql, `SELECT ${REQUEST_COLUMNS} FROM requests WHERE ${where}`),
      [value],
    );
    return raw && toRequest(raw);
  }

  get(id: string): Promise<RequestRow | undefined> {
    return this.one('id = $1', id);
  }

  async getMany(ids: readonly string[]): Promise<RequestRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.rows<RawRequest>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE id = ANY($1::text[])`,
      [ids],
    );
    return rows.map(toRequest);
  }

  getByTokenHash(hash: string): Promise<RequestRow | undefined> {
    return this.one('link_token_hash = $1', hash);
  }

  getLiveByPin(pin: string): Promise<RequestRow | undefined> {
    return this.one(`pin = $1 AND status IN ${LIVE}`, pin);
  }

  getLiveBySessionCode(code: string): Promise<RequestRow | undefined> {
    return this.one(`session_code = $1 AND status IN ${LIVE}`, code);
  }

  async participants(requestId: string): Promise<ParticipantRow[]> {
    const rows = await this.sql.rows<RawParticipant>(
      'SELECT request_id, agent_id, via, since FROM participants WHERE request_id = $1 ORDER BY since, agent_id',
      [requestId],
    );
    return rows.map(toParticipant);
  }

  async participantsOf(requestIds: readonly string[]): Promise<ParticipantRow[]> {
    if (requestIds.length === 0) return [];
    const rows = await this.sql.rows<RawParticipant>(
      `SELECT request_id, agent_id, via, since FROM participants
       WHERE request_id = ANY($1::text[]) ORDER BY since, agent_id`,
      [requestIds],
    );
    return rows.map(toParticipant);
  }

  async addParticipant(
    requestId: string,
    agentId: string,
    via: 'invited' | 'joined',
    since: number,
  ): Promise<void> {
    await this.sql.exec(
      `INSERT INTO participants (request_id, agent_id, via, since) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [requestId, agentId, via, since],
    );
  }

  async removeParticipant(requestId: string, agentId: string): Promise<void> {
    await this.sql.exec('DELETE FROM participants WHERE request_id = $1 AND agent_id = $2', [
      requestId,
      agentId,
    ]);
  }

  async connectedAgentIds(requestId: string): Promise<string[]> {
    const rows = await this.sql.rows<{ agent_id: string }>(
      'SELECT agent_id FROM connections WHERE request_id = $1 ORDER BY since, agent_id',
      [requestId],
    );
    return rows.map((c) => c.agent_id);
  }

  async connectionsOf(requestIds: readonly string[]): Promise<{ requestId: string; agentId: string }[]> {
    if (requestIds.length === 0) return [];
    const rows = await this.sql.rows<{ request_id: string; agent_id: string }>(
      `SELECT request_id, agent_id FROM connections
       WHERE request_id = ANY($1::text[]) ORDER BY since, agent_id`,
      [requestIds],
    );
    return rows.map((c) => ({ requestId: c.request_id, agentId: c.agent_id }));
  }

  /** Makes the stored connections equal to `agentIds` (the state machine's connectedAgentIds). */
  async setConnections(requestId: string, agentIds: readonly string[], now: number): Promise<void> {
    const current = new Set(await this.connectedAgentIds(requestId));
    if (agentIds.length === 0) {
      if (current.size > 0) await this.sql.exec('DELETE FROM connections WHERE request_id = $1', [requestId]);
      return;
    }
    for (const id of current) {
      if (!agentIds.includes(id)) {
        await this.sql.exec('DELETE FROM connections WHERE request_id = $1 AND agent_id = $2', [
          requestId,
          id,
        ]);
      }
    }
    for (const id of agentIds) {
      if (!current.has(id)) {
        await this.sql.exec(
          'INSERT INTO connections (request_id, agent_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [requestId, id, now],
        );
      }
    }
  }

  /**
   * Writes a timeline event and appends its feed JSON to the request's timeline (events_json), in one
   * statement: the UPDATE reads the inserted row from the INSERT's RETURNING.
   */
  async addEvent(event: Omit<EventRow, 'id'>, wireJson: string): Promise<EventRow> {
    const inserted = await this.sql.row<{ id: number }>(
      `WITH e AS (
         INSERT INTO request_events (request_id, seq, at, type, actor_kind, actor_id, actor_name, on_behalf_of_id,
           on_behalf_of_name, data, wire_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, wire_json
       ), appended AS (
         UPDATE requests SET events_json = events_json || CASE WHEN events_json = '' THEN '' ELSE ',' END ||
           (SELECT ${EVENT_FEED_JSON} FROM e)
         WHERE id = $1
       )
       SELECT id FROM e`,
      [
        event.requestId,
        event.seq,
        event.at,
        event.type,
        event.actor.kind,
        ...actorColumns(event.actor),
        JSON.stringify(event.data),
        wireJson,
      ],
    );
    return { ...event, id: inserted!.id };
  }

  async events(requestId: string): Promise<EventRow[]> {
    const rows = await this.sql.rows<RawEvent>(
      `SELECT ${EVENT_COLUMNS} FROM request_events WHERE request_id = $1 ORDER BY id`,
      [requestId],
    );
    return rows.map(toEvent);
  }

  async eventsOf(requestIds: readonly string[], sinceSeq: number): Promise<EventRow[]> {
    if (requestIds.length === 0) return [];
    const rows = await this.sql.rows<RawEvent>(
      `SELECT ${EVENT_COLUMNS} FROM request_events
       WHERE request_id = ANY($1::text[]) AND seq > $2 ORDER BY id`,
      [requestIds, sinceSeq],
    );
    return rows.map(toEvent);
  }

  async eventsAt(requestId: string, seq: number): Promise<EventRow[]> {
    const rows = await this.sql.rows<RawEvent>(
      `SELECT ${EVENT_COLUMNS} FROM request_events WHERE request_id = $1 AND seq = $2 ORDER BY id`,
      [requestId, seq],
    );
    return rows.map(toEvent);
  }

  async everConnected(requestId: string): Promise<boolean> {
    const row = await this.sql.row<{ n: number }>(
      "SELECT count(*) AS n FROM request_events WHERE request_id = $1 AND type = 'connected'",
      [requestId],
    );
    return row!.n > 0;
  }

  async addTombstone(seq: number, requestId: string, channelId: string, now: number): Promise<void> {
    await this.sql.exec(
      'INSERT INTO tombstones (seq, request_id, channel_id, created_at) VALUES ($1, $2, $3, $4)',
      [seq, requestId, channelId, now],
    );
  }

  private async ids(sql: string, now: number, limit: number): Promise<string[]> {
    return (await this.sql.rows<{ id: string }>(sql, [now, limit])).map((r) => r.id);
  }

  dueForExpiry(now: number, limit: number): Promise<string[]> {
    return this.ids(
      `SELECT id FROM requests WHERE status IN ('open', 'waiting', 'ready') AND expires_at <= $1
       ORDER BY expires_at LIMIT $2`,
      now,
      limit,
    );
  }

  dueReminders(now: number, limit: number): Promise<string[]> {
    return this.ids(
      `SELECT id FROM requests
       WHERE reminded = 0 AND scheduled_at IS NOT NULL AND scheduled_at <= $1
         AND status IN ('open', 'waiting', 'ready')
       ORDER BY scheduled_at LIMIT $2`,
      now,
      limit,
    );
  }

  dueConsentLapses(now: number, limit: number): Promise<string[]> {
    return this.ids(
      `SELECT id FROM requests
       WHERE consent_lapses_at IS NOT NULL AND status = 'ready' AND consent_lapses_at <= $1
       ORDER BY consent_lapses_at LIMIT $2`,
      now,
      limit,
    );
  }

  async lastConsentEvent(requestId: string): Promise<ConsentEventType | null> {
    const row = await this.sql.row<{ type: TimelineEventType }>(
      `SELECT type FROM request_events WHERE request_id = $1 AND type = ANY($2::text[])
       ORDER BY id DESC LIMIT 1`,
      [requestId, CONSENT_EVENTS],
    );
    return (row?.type as ConsentEventType | undefined) ?? null;
  }

  /** Requests for GET /requests, newest first. The SQL varies with the filter; every value is a parameter. */
  async list(filter: ListFilter): Promise<RequestRow[]> {
    const values: SqlValue[] = [];
    const param = (value: SqlValue) => `$${values.push(value)}`;
    const where = [`channel_id = ANY(${param(filter.channelIds)}::text[])`];
    if (filter.statuses?.length) where.push(`status = ANY(${param(filter.statuses)}::text[])`);
    if (filter.channelId) where.push(`channel_id = ${param(filter.channelId)}`);
    if (filter.assignee?.kind === 'unassigned') where.push('assignee_id IS NULL');
    if (filter.assignee?.kind === 'agent') where.push(`assignee_id = ${param(filter.assignee.agentId)}`);
    if (filter.view === 'past') where.push("status IN ('closed', 'expired')");
    if (filter.view === 'upcoming') where.push(`scheduled_at > ${param(filter.now)} AND status IN ${LIVE}`);
    if (filter.externalRef) {
      where.push(
        `external_system = ${param(filter.externalRef.system)} AND external_id = ${param(filter.externalRef.id)}`,
      );
    }
    if (filter.q) {
      const { like, digits } = listSearch(filter.q);
      const pattern = param(like);
      // SQLite's LIKE ignores case (of ASCII letters): ILIKE, with the same escape.
      where.push(
        `(recipient_name ILIKE ${pattern} ESCAPE '\\' OR recipient_email ILIKE ${pattern} ESCAPE '\\'
          OR comments ILIKE ${pattern} ESCAPE '\\' OR external_id ILIKE ${pattern} ESCAPE '\\'
          OR pin = ${param(digits)})`,
      );
    }
    if (filter.after) {
      const createdAt = param(filter.after.createdAt);
      where.push(
        `(created_at < ${createdAt} OR (created_at = ${createdAt} AND id < ${param(filter.after.id)}))`,
      );
    }
    const sql = `SELECT ${REQUEST_COLUMNS} FROM requests WHERE ${where.join(' AND ')}
                 ORDER BY created_at DESC, id DESC LIMIT ${param(filter.limit)}`;
    return (await this.sql.rows<RawRequest>(sql, values)).map(toRequest);
  }
}
