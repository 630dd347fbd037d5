/** SQL of session requests, their participants and connections, their timeline, and the feed's seq. */
import type { TimelineEventType } from '@shared/protocol/api';
import type { SqliteDatabase } from '../../db/database';
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

/** SQL: the feed JSON of the events of the request `requestId` after the seq `since`, joined by commas. */
export const eventsFeedJson = (requestId: string, since: string): string =>
  `(SELECT group_concat(${EVENT_FEED_JSON}, ',' ORDER BY e.id)
    FROM request_events e WHERE e.request_id = ${requestId} AND e.seq > ${since})`;

function toParams(row: RequestRow) {
  return {
    id: row.id,
    status: row.status,
    consent: row.consent,
    recipientName: row.recipientName,
    recipientEmail: row.recipientEmail,
    comments: row.comments,
    emailLanguage: row.emailLanguage,
    languageChosen: row.languageChosen ? 1 : 0,
    sendInvitation: row.sendInvitation ? 1 : 0,
    scheduledAt: row.scheduledAt,
    reminded: row.reminded ? 1 : 0,
    expiresAt: row.expiresAt,
    channelId: row.channelId,
    assigneeId: row.assigneeId,
    createdBy: row.createdBy,
    linkTokenHash: row.linkTokenHash,
    pin: row.pin,
    sessionCode: row.sessionCode,
    remote: row.remote,
    consentLapsesAt: row.consentLapsesAt,
    externalSystem: row.externalRef?.system ?? null,
    externalId: row.externalRef?.id ?? null,
    externalUrl: row.externalRef?.url ?? null,
    recipientPhone: row.recipientPhone,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    seq: row.seq,
  };
}

/** A JSON array parameter for `IN (SELECT value FROM json_each(?))`. */
const jsonList = (values: readonly string[]) => JSON.stringify(values);

export class SqliteRequestsStore {
  private readonly nextSeqStmt;
  private readonly headStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly byId;
  private readonly byIds;
  private readonly byTokenHash;
  private readonly byLivePin;
  private readonly byLiveCode;
  private readonly participantsStmt;
  private readonly participantsOfMany;
  private readonly addParticipantStmt;
  private readonly removeParticipantStmt;
  private readonly connectionsStmt;
  private readonly connectionsOfMany;
  private readonly addConnectionStmt;
  private readonly removeConnectionStmt;
  private readonly clearConnectionsStmt;
  private readonly insertEventStmt;
  private readonly eventsStmt;
  private readonly eventsOfManySince;
  private readonly eventsAtSeq;
  private readonly everConnectedStmt;
  private readonly insertTombstoneStmt;
  private readonly dueStmt;
  private readonly remindersStmt;
  private readonly lapsesStmt;
  private readonly lastConsentEventStmt;
  private readonly missingWireStmt;
  private readonly setWireStmt;
  private readonly eventsMissingWireStmt;
  private readonly setEventWireStmt;
  private readonly appendEventJsonStmt;
  private readonly fillEventsJsonStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.nextSeqStmt = db.prepare<[], { value: number }>(
      "UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value",
    );
    this.headStmt = db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'");
    this.insertStmt = db.prepare(
      `INSERT INTO requests (id, status, consent, recipient_name, recipient_email, comments, email_language,
         language_chosen, send_invitation, scheduled_at, reminded, expires_at, channel_id, assignee_id, created_by,
         link_token_hash, pin, session_code, remote, consent_lapses_at, created_at, updated_at, seq, wire_json,
         events_json, external_system, external_id, external_url, recipient_phone)
       VALUES (@id, @status, @consent, @recipientName, @recipientEmail, @comments, @emailLanguage,
         @languageChosen, @sendInvitation, @scheduledAt, @reminded, @expiresAt, @channelId, @assigneeId, @createdBy,
         @linkTokenHash, @pin, @sessionCode, @remote, @consentLapsesAt, @createdAt, @updatedAt, @seq, @wireJson, '',
         @externalSystem, @externalId, @externalUrl, @recipientPhone)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE requests SET status = @status, consent = @consent, recipient_email = @recipientEmail,
         scheduled_at = @scheduledAt, reminded = @reminded, expires_at = @expiresAt, channel_id = @channelId,
         assignee_id = @assigneeId, remote = @remote, consent_lapses_at = @consentLapsesAt,
         external_system = @externalSystem, external_id = @externalId, external_url = @externalUrl,
         recipient_phone = @recipientPhone, updated_at = @updatedAt, seq = @seq, wire_json = @wireJson
       WHERE id = @id`,
    );
    this.deleteStmt = db.prepare('DELETE FROM requests WHERE id = ?');
    this.byId = db.prepare<[string], RawRequest>(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE id = ?`);
    this.byIds = db.prepare<[string], RawRequest>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.byTokenHash = db.prepare<[string], RawRequest>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE link_token_hash = ?`,
    );
    this.byLivePin = db.prepare<[string], RawRequest>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE pin = ? AND status IN ${LIVE}`,
    );
    this.byLiveCode = db.prepare<[string], RawRequest>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE session_code = ? AND status IN ${LIVE}`,
    );
    this.participantsStmt = db.prepare<
      [string],
      { request_id: string; agent_id: string; via: 'invited' | 'joined'; since: number }
    >(
      'SELECT request_id, agent_id, via, since FROM participants WHERE request_id = ? ORDER BY since, agent_id',
    );
    this.participantsOfMany = db.prepare<
      [string],
      { request_id: string; agent_id: string; via: 'invited' | 'joined'; since: number }
    >(
      `SELECT request_id, agent_id, via, since FROM participants
       WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY since, agent_id`,
    );
    this.addParticipantStmt = db.prepare(
      'INSERT OR IGNORE INTO participants (request_id, agent_id, via, since) VALUES (?, ?, ?, ?)',
    );
    this.removeParticipantStmt = db.prepare('DELETE FROM participants WHERE request_id = ? AND agent_id = ?');
    this.connectionsStmt = db.prepare<[string], { agent_id: string }>(
      'SELECT agent_id FROM connections WHERE request_id = ? ORDER BY since, agent_id',
    );
    this.connectionsOfMany = db.prepare<[string], { request_id: string; agent_id: string }>(
      `SELECT request_id, agent_id FROM connections
       WHERE request_id IN (SELECT value FROM json_each(?)) ORDER BY since, agent_id`,
    );
    this.addConnectionStmt = db.prepare(
      'INSERT OR IGNORE INTO connections (request_id, agent_id, since) VALUES (?, ?, ?)',
    );
    this.removeConnectionStmt = db.prepare('DELETE FROM connections WHERE request_id = ? AND agent_id = ?');
    this.clearConnectionsStmt = db.prepare('DELETE FROM connections WHERE request_id = ?');
    this.insertEventStmt = db.prepare<unknown[], { id: number }>(
      `INSERT INTO request_events (request_id, seq, at, type, actor_kind, actor_id, actor_name, on_behalf_of_id,
         on_behalf_of_name, data, wire_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    // NULL stays NULL: a request still to fill in (migration 6) gets its whole timeline then.
    this.appendEventJsonStmt = db.prepare<[number, string]>(
      `UPDATE requests SET events_json = events_json || iif(events_json = '', '', ',') ||
         (SELECT ${EVENT_FEED_JSON} FROM request_events e WHERE e.id = ?)
       WHERE id = ?`,
    );
    this.eventsStmt = db.prepare<[string], RawEvent>(
      `SELECT ${EVENT_COLUMNS} FROM request_events WHERE request_id = ? ORDER BY id`,
    );
    this.eventsOfManySince = db.prepare<[string, number], RawEvent>(
      `SELECT ${EVENT_COLUMNS} FROM request_events
       WHERE request_id IN (SELECT value FROM json_each(?)) AND seq > ? ORDER BY id`,
    );
    this.eventsAtSeq = db.prepare<[string, number], RawEvent>(
      `SELECT ${EVENT_COLUMNS} FROM request_events WHERE request_id = ? AND seq = ? ORDER BY id`,
    );
    this.everConnectedStmt = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM request_events WHERE request_id = ? AND type = 'connected'",
    );
    this.insertTombstoneStmt = db.prepare(
      'INSERT INTO tombstones (seq, request_id, channel_id, created_at) VALUES (?, ?, ?, ?)',
    );
    this.dueStmt = db.prepare<[number, number], { id: string }>(
      `SELECT id FROM requests WHERE status IN ('open', 'waiting', 'ready') AND expires_at <= ?
       ORDER BY expires_at LIMIT ?`,
    );
    this.remindersStmt = db.prepare<[number, number], { id: string }>(
      `SELECT id FROM requests
       WHERE reminded = 0 AND scheduled_at IS NOT NULL AND scheduled_at <= ? AND status IN ('open', 'waiting', 'ready')
       ORDER BY scheduled_at LIMIT ?`,
    );
    this.lapsesStmt = db.prepare<[number, number], { id: string }>(
      `SELECT id FROM requests
       WHERE consent_lapses_at IS NOT NULL AND status = 'ready' AND consent_lapses_at <= ?
       ORDER BY consent_lapses_at LIMIT ?`,
    );
    this.lastConsentEventStmt = db.prepare<[string], { type: TimelineEventType }>(
      `SELECT type FROM request_events
       WHERE request_id = ? AND type IN (${CONSENT_EVENTS.map((type) => `'${type}'`).join(', ')})
       ORDER BY id DESC LIMIT 1`,
    );
    this.missingWireStmt = db.prepare<[number], RawRequest>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE wire_json IS NULL LIMIT ?`,
    );
    this.setWireStmt = db.prepare('UPDATE requests SET wire_json = ? WHERE id = ?');
    this.eventsMissingWireStmt = db.prepare<[number], RawEvent>(
      `SELECT ${EVENT_COLUMNS} FROM request_events WHERE wire_json IS NULL LIMIT ?`,
    );
    this.setEventWireStmt = db.prepare('UPDATE request_events SET wire_json = ? WHERE id = ?');
    this.fillEventsJsonStmt = db.prepare<[number]>(
      `UPDATE requests SET events_json = coalesce(${eventsFeedJson('requests.id', '-1')}, '')
       WHERE id IN (SELECT id FROM requests WHERE events_json IS NULL LIMIT ?)`,
    );
  }

  /** The next position in the change feed; call inside the transaction that makes the change. */
  nextSeq(): number {
    return this.nextSeqStmt.get()!.value;
  }

  head(): number {
    return this.headStmt.get()!.value;
  }

  /** Writes a new request with its wire JSON (services/wire-json.ts). */
  insert(row: RequestRow, wireJson: string): void {
    this.insertStmt.run({ ...toParams(row), wireJson });
  }

  /** Writes a request's change with its wire JSON as it is now (services/wire-json.ts). */
  update(row: RequestRow, wireJson: string): void {
    this.updateStmt.run({ ...toParams(row), wireJson });
  }

  /** Requests without their wire JSON (written before migration 5), up to `limit`. */
  missingWireJson(limit: number): RequestRow[] {
    return this.missingWireStmt.all(limit).map(toRequest);
  }

  setWireJson(id: string, wireJson: string): void {
    this.setWireStmt.run(wireJson, id);
  }

  /** Timeline events without their wire JSON (written before migration 5), up to `limit`. */
  eventsMissingWireJson(limit: number): EventRow[] {
    return this.eventsMissingWireStmt.all(limit).map(toEvent);
  }

  setEventWireJson(id: number, wireJson: string): void {
    this.setEventWireStmt.run(wireJson, id);
  }

  /**
   * Fills in the timeline JSON of up to `limit` requests without it (written before migration 6), from
   * their events' wire JSON, which must be there already. Returns how many it filled.
   */
  fillEventsJson(limit: number): number {
    return this.fillEventsJsonStmt.run(limit).changes;
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
  }

  get(id: string): RequestRow | undefined {
    const raw = this.byId.get(id);
    return raw && toRequest(raw);
  }

  getMany(ids: readonly string[]): RequestRow[] {
    return ids.length === 0 ? [] : this.byIds.all(jsonList(ids)).map(toRequest);
  }

  getByTokenHash(hash: string): RequestRow | undefined {
    const raw = this.byTokenHash.get(hash);
    return raw && toRequest(raw);
  }

  getLiveByPin(pin: string): RequestRow | undefined {
    const raw = this.byLivePin.get(pin);
    return raw && toRequest(raw);
  }

  getLiveBySessionCode(code: string): RequestRow | undefined {
    const raw = this.byLiveCode.get(code);
    return raw && toRequest(raw);
  }

  participants(requestId: string): ParticipantRow[] {
    return this.participantsStmt.all(requestId).map((p) => ({
      requestId: p.request_id,
      agentId: p.agent_id,
      via: p.via,
      since: p.since,
    }));
  }

  participantsOf(requestIds: readonly string[]): ParticipantRow[] {
    if (requestIds.length === 0) return [];
    return this.participantsOfMany.all(jsonList(requestIds)).map((p) => ({
      requestId: p.request_id,
      agentId: p.agent_id,
      via: p.via,
      since: p.since,
    }));
  }

  addParticipant(requestId: string, agentId: string, via: 'invited' | 'joined', since: number): void {
    this.addParticipantStmt.run(requestId, agentId, via, since);
  }

  removeParticipant(requestId: string, agentId: string): void {
    this.removeParticipantStmt.run(requestId, agentId);
  }

  connectedAgentIds(requestId: string): string[] {
    return this.connectionsStmt.all(requestId).map((c) => c.agent_id);
  }

  connectionsOf(requestIds: readonly string[]): { requestId: string; agentId: string }[] {
    if (requestIds.length === 0) return [];
    return this.connectionsOfMany
      .all(jsonList(requestIds))
      .map((c) => ({ requestId: c.request_id, agentId: c.agent_id }));
  }

  /** Makes the stored connections equal to `agentIds` (the state machine's connectedAgentIds). */
  setConnections(requestId: string, agentIds: readonly string[], now: number): void {
    const current = new Set(this.connectedAgentIds(requestId));
    if (agentIds.length === 0) {
      if (current.size > 0) this.clearConnectionsStmt.run(requestId);
      return;
    }
    for (const id of current) if (!agentIds.includes(id)) this.removeConnectionStmt.run(requestId, id);
    for (const id of agentIds) if (!current.has(id)) this.addConnectionStmt.run(requestId, id, now);
  }

  /** Writes a timeline event with its wire JSON (services/wire-json.ts). */
  addEvent(event: Omit<EventRow, 'id'>, wireJson: string): EventRow {
    const { id } = this.insertEventStmt.get(
      event.requestId,
      event.seq,
      event.at,
      event.type,
      event.actor.kind,
      ...actorColumns(event.actor),
      JSON.stringify(event.data),
      wireJson,
    )!;
    this.appendEventJsonStmt.run(id, event.requestId);
    return { ...event, id };
  }

  events(requestId: string): EventRow[] {
    return this.eventsStmt.all(requestId).map(toEvent);
  }

  eventsOf(requestIds: readonly string[], sinceSeq: number): EventRow[] {
    if (requestIds.length === 0) return [];
    return this.eventsOfManySince.all(jsonList(requestIds), sinceSeq).map(toEvent);
  }

  eventsAt(requestId: string, seq: number): EventRow[] {
    return this.eventsAtSeq.all(requestId, seq).map(toEvent);
  }

  everConnected(requestId: string): boolean {
    return this.everConnectedStmt.get(requestId)!.n > 0;
  }

  addTombstone(seq: number, requestId: string, channelId: string, now: number): void {
    this.insertTombstoneStmt.run(seq, requestId, channelId, now);
  }

  dueForExpiry(now: number, limit: number): string[] {
    return this.dueStmt.all(now, limit).map((r) => r.id);
  }

  dueReminders(now: number, limit: number): string[] {
    return this.remindersStmt.all(now, limit).map((r) => r.id);
  }

  /** Ready requests whose permission's grace is over. */
  dueConsentLapses(now: number, limit: number): string[] {
    return this.lapsesStmt.all(now, limit).map((r) => r.id);
  }

  /** The latest timeline event that changed the end user's consent, if any. */
  lastConsentEvent(requestId: string): ConsentEventType | null {
    return (this.lastConsentEventStmt.get(requestId)?.type as ConsentEventType | undefined) ?? null;
  }

  /** Requests for GET /requests, newest first. */
  list(filter: ListFilter): RequestRow[] {
    const where = ['channel_id IN (SELECT value FROM json_each(@channelIds))'];
    const params: Record<string, unknown> = {
      channelIds: jsonList(filter.channelIds),
      now: filter.now,
      limit: filter.limit,
    };
    if (filter.statuses?.length) {
      where.push('status IN (SELECT value FROM json_each(@statuses))');
      params['statuses'] = jsonList(filter.statuses);
    }
    if (filter.channelId) {
      where.push('channel_id = @channelId');
      params['channelId'] = filter.channelId;
    }
    if (filter.assignee?.kind === 'unassigned') where.push('assignee_id IS NULL');
    if (filter.assignee?.kind === 'agent') {
      where.push('assignee_id = @assigneeId');
      params['assigneeId'] = filter.assignee.agentId;
    }
    if (filter.view === 'past') where.push("status IN ('closed', 'expired')");
    if (filter.view === 'upcoming') where.push(`scheduled_at > @now AND status IN ${LIVE}`);
    if (filter.externalRef) {
      where.push('external_system = @externalSystem AND external_id = @externalId');
      params['externalSystem'] = filter.externalRef.system;
      params['externalId'] = filter.externalRef.id;
    }
    if (filter.q) {
      where.push(
        `(recipient_name LIKE @like ESCAPE '\\' OR recipient_email LIKE @like ESCAPE '\\'
          OR comments LIKE @like ESCAPE '\\' OR external_id LIKE @like ESCAPE '\\' OR pin = @digits)`,
      );
      Object.assign(params, listSearch(filter.q));
    }
    if (filter.after) {
      where.push('(created_at < @afterCreatedAt OR (created_at = @afterCreatedAt AND id < @afterId))');
      params['afterCreatedAt'] = filter.after.createdAt;
      params['afterId'] = filter.after.id;
    }
    const sql = `SELECT ${REQUEST_COLUMNS} FROM requests WHERE ${where.join(' AND ')}
                 ORDER BY created_at DESC, id DESC LIMIT @limit`;
    return this.db.prepare<[Record<string, unknown>], RawRequest>(sql).all(params).map(toRequest);
  }
}
