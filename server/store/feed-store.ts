/**
 * SQL of the change feed. The feed is compacted: a request appears once, at the seq of its last change,
 * and a request that left a channel leaves a tombstone at the seq it left. Paging by seq over both gives
 * every agent, from any cursor, the current state of everything that changed since, in commit order.
 */
import type { SqliteDatabase } from '../db/database';

export interface FeedEntry {
  readonly kind: 'request' | 'tombstone';
  readonly requestId: string;
  readonly seq: number;
}

/** A feed entry with what a page sends for it, from the rows' stored wire JSON (migration 5). */
export interface FeedRow extends FeedEntry {
  /** A request's stored JSON (services/wire-json.ts); null for a tombstone. */
  readonly json: string | null;
  /** Its timeline events after the cursor, as JSON joined by commas, each with its id; '' for none. */
  readonly events: string;
}

/** The feed after @since in the channels @channels, in seq order, up to @limit. */
const PAGE = `SELECT 'request' AS kind, id AS request_id, seq FROM requests
    WHERE channel_id IN (SELECT value FROM json_each(@channels)) AND seq > @since
  UNION ALL
  SELECT 'tombstone' AS kind, request_id, seq FROM tombstones
    WHERE channel_id IN (SELECT value FROM json_each(@channels)) AND seq > @since
  ORDER BY seq
  LIMIT @limit`;

export class FeedStore {
  private readonly pageStmt;
  private readonly pageRowsStmt;
  private readonly prunedThroughStmt;
  private readonly pruneStmt;
  private readonly setPrunedStmt;
  private readonly countStmt;

  constructor(db: SqliteDatabase) {
    this.pageStmt = db.prepare<
      [{ channels: string; since: number; limit: number }],
      { kind: 'request' | 'tombstone'; request_id: string; seq: number }
    >(PAGE);
    // The page's entries first, then per request its stored JSON and its events': an event's stored JSON
    // lacks its id, which goes first (services/wire-json.ts, storedEventJson).
    this.pageRowsStmt = db.prepare<
      [{ channels: string; since: number; limit: number; eventsSince: number }],
      {
        kind: 'request' | 'tombstone';
        request_id: string;
        seq: number;
        json: string | null;
        events: string | null;
      }
    >(
      `WITH page AS MATERIALIZED (${PAGE})
       SELECT page.kind, page.request_id, page.seq, r.wire_json AS json,
         (SELECT group_concat('{"id":' || e.id || ',' || substr(e.wire_json, 2), ',' ORDER BY e.id)
            FROM request_events e WHERE e.request_id = r.id AND e.seq > @eventsSince) AS events
       FROM page LEFT JOIN requests r ON page.kind = 'request' AND r.id = page.request_id
       ORDER BY page.seq`,
    );
    this.countStmt = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM requests WHERE channel_id IN (SELECT value FROM json_each(?))',
    );
    this.prunedThroughStmt = db.prepare<[], { value: number }>(
      "SELECT value FROM meta WHERE key = 'tombstones_pruned_through'",
    );
    this.pruneStmt = db.prepare<[number], { seq: number }>(
      'DELETE FROM tombstones WHERE created_at < ? RETURNING seq',
    );
    this.setPrunedStmt = db.prepare(
      "UPDATE meta SET value = max(value, ?) WHERE key = 'tombstones_pruned_through'",
    );
  }

  /** Up to `limit` entries after `since`, in the channels given, in seq order. */
  page(channelIds: readonly string[], since: number, limit: number): FeedEntry[] {
    return this.pageStmt
      .all({ channels: JSON.stringify(channelIds), since, limit })
      .map((r) => ({ kind: r.kind, requestId: r.request_id, seq: r.seq }));
  }

  /**
   * page(), with what a sync page sends for each entry: the stored wire JSON, with the request's events
   * after `eventsSince`.
   */
  pageRows(channelIds: readonly string[], since: number, limit: number, eventsSince: number): FeedRow[] {
    const channels = JSON.stringify(channelIds);
    return this.pageRowsStmt.all({ channels, since, limit, eventsSince }).map((r) => ({
      kind: r.kind,
      requestId: r.request_id,
      seq: r.seq,
      json: r.json,
      events: r.events ?? '',
    }));
  }

  /** How many requests the channels hold: the size of a sync from 0. */
  countRequests(channelIds: readonly string[]): number {
    return this.countStmt.get(JSON.stringify(channelIds))!.n;
  }

  /** Tombstones at or below this seq are gone: a sync from before it must start over. */
  prunedThrough(): number {
    return this.prunedThroughStmt.get()!.value;
  }

  /** Drops tombstones older than `before` (epoch ms). Returns how many. */
  pruneTombstones(before: number): number {
    const removed = this.pruneStmt.all(before);
    if (removed.length > 0) this.setPrunedStmt.run(Math.max(...removed.map((r) => r.seq)));
    return removed.length;
  }
}
