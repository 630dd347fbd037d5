/**
 * The agent's cache: the one door to its SQLite database, the same on each engine (cache-database.ts). Every write is one transaction (rows, timeline and
 * the sync cursor together, so a crash never leaves the cursor ahead of the rows); the SQL itself lives
 * in the modules beside this one and nowhere else in the client.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { CommandError, RequestQuery } from '@shared/ipc/contract';
import type { RequestCounts, RequestDetails, RequestPage, RequestRow } from '@shared/ipc/views';
import type { Agent, Change, Channel, Me } from '@shared/protocol/api';
import type { CannedMessageList } from '@shared/protocol/conversation';
import type { CacheDatabase } from './cache-database';
import {
  REQUEST_COUNTS_FILL,
  REQUEST_COUNTS_TRIGGER_NAMES,
  REQUEST_COUNTS_TRIGGERS,
  REQUEST_INDEX_NAMES,
  REQUEST_INDEXES,
  SEARCH_FILL,
  SEARCH_TRIGGER_NAMES,
  SEARCH_TRIGGERS,
} from './cache-migrations';
import { DisconnectSql, type OwedDisconnect } from './disconnect-sql';
import type { IncomingHead } from './incoming-page';
import { OutboxSql, type OutboxEntry } from './outbox-sql';
import { RequestQueries } from './request-queries';
import { RequestWrites } from './requests-writes';
import { StateSql, type SyncCursor } from './state-sql';

/** Which rows a write touched, for the renderer to re-read. */
export interface CacheChange {
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

export const LOCAL_ID_PREFIX = 'local:';
/** Rows added to the search index per transaction after a full sync. */
const FTS_SLICE = 10_000;

export class CacheStore {
  private readonly writes: RequestWrites;
  private readonly queries: RequestQueries;
  private readonly outbox: OutboxSql;
  private readonly state: StateSql;
  private readonly disconnects: DisconnectSql;

  /** The full sync's page readIncoming parsed, written a chunk at a time by applyIncoming. */
  private incoming: readonly Change[] = [];
  /** The deferred work under way, run a step at a time by deferredStep. */
  private deferred: Generator<void, void, undefined> | null = null;

  private constructor(private readonly db: CacheDatabase) {
    this.writes = new RequestWrites(db);
    this.queries = new RequestQueries(db);
    this.outbox = new OutboxSql(db);
    this.state = new StateSql(db);
    this.disconnects = new DisconnectSql(db);
  }

  /**
   * The store over an open, migrated database of either engine (node/node-cache-database.ts,
   * browser/wasm-cache-database.ts); closing the store closes it.
   */
  static over(db: CacheDatabase): CacheStore {
    const store = new CacheStore(db);
    // A full sync's deferred work that a crash cut short, unless the full sync itself starts over.
    if (store.syncState().rebuilding === null) for (const _ of store.deferredWork());
    return store;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- Sync -----------------------------------------------------------------------------------------

  syncState(): SyncCursor {
    return this.state.cursor();
  }

  /** Live changes (from the stream or a catch-up page) and the cursor after them, together. */
  applyLive(changes: readonly Change[], cursor: number): CacheChange {
    return this.tx(() => {
      const { generation } = this.state.cursor();
      const changed: string[] = [];
      const removed: string[] = [];
      for (const change of changes) {
        if (change.type === 'tombstone') {
          if (this.writes.remove(change.requestId)) removed.push(change.requestId);
          continue;
        }
        // Each is run: an echo of a seq the service's answer brought still adds the timeline events.
        const row = this.writes.upsertLive(change.request, generation);
        const events = this.writes.insertEvents(change.events) > 0;
        const landed = this.outbox.landed(change.request.id, change.request.seq) > 0;
        if (row || events || landed) changed.push(change.request.id);
      }
      this.state.setCursor(cursor);
      return { changed: [...new Set(changed)], removed };
    });
  }

  /**
   * Starts a full sync (first run, or a resync): rows already cached stay shown while pages arrive, and
   * those it does not see are removed at the end. A full sync interrupted by a crash starts over.
   *
   * Its writes are made cheap: the search index and the counts table are rebuilt once at the end
   * instead of row by row (their triggers are dropped meanwhile; the counts are read from the rows until
   * then), a first sync into an empty cache builds the other indexes at the end too, and commits skip the
   * fsync (WAL stays consistent; what a power cut takes, the full sync fetches again).
   */
  beginFullSync(): number {
    const generation = this.tx(() => {
      const { generation, rebuilding } = this.state.cursor();
      const next = Math.max(generation, rebuilding ?? 0) + 1;
      this.state.startRebuild(next);
      this.state.setFlag('fts_deferred', true);
      this.state.setFlag('counts_deferred', true);
      for (const name of [...SEARCH_TRIGGER_NAMES, ...REQUEST_COUNTS_TRIGGER_NAMES]) {
        this.db.exec(`DROP TRIGGER IF EXISTS ${name}`);
      }
      if (this.state.flag('indexes_deferred') || this.isEmpty()) {
        this.state.setFlag('indexes_deferred', true);
        for (const name of REQUEST_INDEX_NAMES) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
      }
      return next;
    });
    this.db.pragma('synchronous = NORMAL');
    // Nor checkpoint mid-way: each checkpoint would fsync; the WAL is folded in once at the end.
    this.db.pragma('wal_autocheckpoint = 8000');
    return generation;
  }

  applyFullPage(changes: readonly Change[], generation: number): CacheChange {
    return this.tx(() => {
      const changed: string[] = [];
      const removed: string[] = [];
      for (const change of changes) {
        if (change.type === 'tombstone') {
          if (this.writes.remove(change.requestId)) removed.push(change.requestId);
          continue;
        }
        this.writes.upsertFull(change.request, generation);
        this.writes.insertEvents(change.events);
        this.outbox.landed(change.request.id, change.request.seq);
        changed.push(change.request.id);
      }
      return { changed, removed };
    });
  }

  /**
   * A full sync's page as the service sent it: parsed and checked here, kept for applyIncoming. The
   * parser (the protocol's zod schemas) is loaded with the first page, not when the cache opens: a cold
   * open that finds its cache current never needs it.
   */
  async readIncoming(body: ArrayBuffer): Promise<IncomingHead> {
    const { parseIncomingPage } = await import('./incoming-page');
    const { head, changes } = parseIncomingPage(body);
    this.incoming = changes;
    return head;
  }

  /** Changes [from, to) of the page readIncoming kept, written as applyFullPage writes them. */
  applyIncoming(from: number, to: number, generation: number): CacheChange & { requests: number } {
    const chunk = this.incoming.slice(from, to);
    const requests = chunk.filter((c) => c.type === 'request').length;
    return { ...this.applyFullPage(chunk, generation), requests };
  }

  /** Ends a full sync at `cursor`: what it did not see has left the agent's view. */
  finishFullSync(generation: number, cursor: number): CacheChange {
    return this.tx(() => {
      const removed = this.writes.sweep(generation);
      this.state.finishRebuild(generation, cursor);
      return { changed: [], removed };
    });
  }

  /**
   * What a full sync left to do at its end, one transaction per call (true while steps are left), so
   * that other calls (the renderer's queries) run between them: build the indexes, count the requests,
   * fill the search index in slices of rows, then back to full fsync. Nothing updates a request meanwhile
   * (the sync is not over, so nothing is live); a row created offline in between gets a higher row id and
   * is taken by a later slice (and is counted: the counts are read from the rows until they are filled).
   */
  deferredStep(): boolean {
    this.deferred ??= this.deferredWork();
    if (!this.deferred.next().done) return true;
    this.deferred = null;
    return false;
  }

  private *deferredWork(): Generator<void, void, undefined> {
    if (this.state.flag('indexes_deferred')) {
      for (const sql of REQUEST_INDEXES) {
        this.db.exec(sql);
        yield;
      }
      this.state.setFlag('indexes_deferred', false);
    }
    if (this.state.flag('counts_deferred')) {
      this.tx(() => {
        this.db.exec(`DELETE FROM request_counts; ${REQUEST_COUNTS_FILL}`);
        this.db.exec(REQUEST_COUNTS_TRIGGERS);
        this.state.setFlag('counts_deferred', false);
      });
      yield;
    }
    if (this.state.flag('fts_deferred')) {
      this.db.exec("INSERT INTO request_search (request_search) VALUES ('delete-all')");
      const slice = this.db.prepare<[number, number]>(`${SEARCH_FILL} WHERE rowid > ? AND rowid <= ?`);
      const maxRowid = this.db.prepare<[], number>('SELECT coalesce(max(rowid), 0) FROM requests').pluck();
      let done = 0;
      for (; done < maxRowid.get()!; done += FTS_SLICE) {
        slice.run(done, done + FTS_SLICE);
        yield;
      }
      this.tx(() => {
        // Rows past the last slice (created meanwhile), then the triggers keep it current again.
        slice.run(done, Number.MAX_SAFE_INTEGER);
        this.db.exec(SEARCH_TRIGGERS);
        this.state.setFlag('fts_deferred', false);
      });
      yield;
    }
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.pragma('wal_autocheckpoint = 1000');
    this.db.pragma('synchronous = FULL');
  }

  /** The service's answer to an action: newer than the cache, it is shown at once (the feed follows). */
  applyAnswer(request: SessionRequest): CacheChange {
    return this.tx(() => {
      const changed = this.writes.upsertLive(request, this.state.cursor().generation);
      return { changed: changed ? [request.id] : [], removed: [] };
    });
  }

  /** A request deleted here: gone at once (its tombstone follows in the feed). */
  removeRequest(id: string): CacheChange {
    return { changed: [], removed: this.writes.remove(id) ? [id] : [] };
  }

  private isEmpty(): boolean {
    return this.db.prepare('SELECT NOT EXISTS (SELECT 1 FROM requests) AS empty').pluck().get() === 1;
  }

  // --- Directory ------------------------------------------------------------------------------------

  saveDirectory(update: { me?: Me; agents?: readonly Agent[]; channels?: readonly Channel[] }): number {
    return this.tx(() => {
      if (update.me) this.state.setMe(update.me);
      if (update.agents) this.state.replaceAgents(update.agents);
      if (update.channels) this.state.replaceChannels(update.channels);
      return update.agents || update.channels ? this.writes.refreshNames() : 0;
    });
  }

  me(): Me | null {
    return this.state.me();
  }

  agents(): Agent[] {
    return this.state.agents();
  }

  channels(): Channel[] {
    return this.state.channels();
  }

  cannedMessages(): CannedMessageList | null {
    return this.state.cannedMessages();
  }

  keepCannedMessages(list: CannedMessageList): void {
    this.state.keepCannedMessages(list);
  }

  // --- Reads ----------------------------------------------------------------------------------------

  page(query: RequestQuery, me: string, now: number): RequestPage {
    return this.queries.page(query, me, now, this.state.flag('fts_deferred'));
  }

  counts(me: string, now: number): RequestCounts {
    return this.queries.counts(me, now, this.state.flag('counts_deferred'));
  }

  details(rowId: string, agent: { id: string; name: string }): RequestDetails | null {
    return this.queries.details(rowId, this.outbox.notesOn(rowId), agent.name, agent.id);
  }

  request(rowId: string): RequestRow | null {
    return this.queries.request(rowId);
  }

  // --- Outbox ---------------------------------------------------------------------------------------

  /** A create made here: queued with its key, shown at once as a local row. */
  queueCreate(key: string, input: unknown, provisional: SessionRequest, now: number): number {
    return this.tx(() => {
      const outboxId = this.outbox.add('create', key, null, input, now);
      this.writes.insertLocal(provisional, outboxId);
      return outboxId;
    });
  }

  queueNote(key: string, requestId: string, text: string, now: number): number {
    return this.outbox.add('note', key, requestId, { text }, now);
  }

  /** A chat message to the end user: queued like a note, shown at once in the chat as pending. */
  queueMessage(
    key: string,
    requestId: string,
    message: { readonly text: string; readonly byEmail: boolean; readonly bySms: boolean },
    now: number,
  ): number {
    return this.outbox.add('message', key, requestId, message, now);
  }

  /** The agent read the request's chat: its events so far are read (its unread count is 0). */
  markRead(requestId: string): CacheChange {
    return { changed: this.writes.markRead(requestId) ? [requestId] : [], removed: [] };
  }

  nextOutbox(): OutboxEntry | null {
    return this.outbox.next();
  }

  outboxEntry(id: number): OutboxEntry | null {
    return this.outbox.get(id);
  }

  pendingOutbox(): number {
    return this.outbox.pendingCount();
  }

  /** Recorded before sending: after a crash from here on, the entry is sent again with its key. */
  markSending(id: number): void {
    this.outbox.markSending(id);
  }

  /** Not sent after all (the service could not be reached): queued again, with its key. */
  requeue(id: number): CacheChange {
    const entry = this.outbox.get(id);
    this.outbox.requeue(id);
    return { changed: entry ? [this.rowIdOf(entry)] : [], removed: [] };
  }

  /** The service created it: the local row gives way to the service's. */
  completeCreate(outboxId: number, created: SessionRequest): CacheChange {
    return this.tx(() => {
      const { generation } = this.state.cursor();
      const local = `${LOCAL_ID_PREFIX}${this.outbox.get(outboxId)?.idempotencyKey ?? ''}`;
      this.outbox.remove(outboxId); // cascades to the local row
      this.writes.upsertLive(created, generation);
      return { changed: [created.id], removed: [local] };
    });
  }

  /** The service took the note (or chat message): it stays shown as sent until the feed brings it. */
  completeNote(outboxId: number, requestId: string, ackSeq: number): CacheChange {
    return this.tx(() => {
      const cached = this.queries.request(requestId);
      if (cached && cached.seq >= ackSeq) this.outbox.remove(outboxId);
      else this.outbox.markSent(outboxId, ackSeq);
      return { changed: [requestId], removed: [] };
    });
  }

  rejectOutbox(id: number, error: CommandError): CacheChange {
    return this.tx(() => {
      const entry = this.outbox.get(id);
      this.outbox.reject(id, error);
      return { changed: entry ? [this.rowIdOf(entry)] : [], removed: [] };
    });
  }

  /** Forgets an entry (a rejected one the agent dismissed); a local row goes with it. */
  discardOutbox(id: number): CacheChange | null {
    return this.tx(() => {
      const entry = this.outbox.get(id);
      if (!entry) return null;
      this.outbox.remove(id);
      return entry.kind === 'create'
        ? { changed: [], removed: [this.rowIdOf(entry)] }
        : { changed: [this.rowIdOf(entry)], removed: [] };
    });
  }

  // --- Disconnects owed to the service -------------------------------------------------------------

  /** The client launched for the request exited: its disconnect is owed until said (kept on disk). */
  oweDisconnect(requestId: string, now: number): void {
    this.disconnects.owe(requestId, now);
  }

  owedDisconnect(requestId: string): OwedDisconnect | null {
    return this.disconnects.get(requestId);
  }

  owedDisconnects(): OwedDisconnect[] {
    return this.disconnects.all();
  }

  /** Said, or moot: forgotten. */
  settleDisconnect(requestId: string): void {
    this.disconnects.settle(requestId);
  }

  /** Whether the agent connected to the request again after the disconnect became owed. */
  reconnectedSince(owed: OwedDisconnect, agentId: string): boolean {
    return this.disconnects.reconnectedSince(owed.requestId, owed.seq, agentId);
  }

  private rowIdOf(entry: OutboxEntry): string {
    return entry.kind === 'create' ? `${LOCAL_ID_PREFIX}${entry.idempotencyKey}` : entry.requestId!;
  }

  private tx<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
