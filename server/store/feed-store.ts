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

export class FeedStore {
  private readonly pageStmt;
  private readonly prunedThroughStmt;
  private readonly pruneStmt;
  private readonly setPrunedStmt;
  private readonly countStmt;

  constructor(db: SqliteDatabase) {
    this.pageStmt = db.prepare<
      [{ channels: string; since: number; limit: number }],
      { kind: 'request' | 'tombstone'; request_id: string; seq: number }
    >(
      `SELECT 'request' AS kind, id AS request_id, seq FROM requests
         WHERE channel_id IN (SELECT value FROM json_each(@channels)) AND seq > @since
       UNION ALL
       SELECT 'tombstone' AS kind, request_id, seq FROM tombstones
         WHERE channel_id IN (SELECT value FROM json_each(@channels)) AND seq > @since
       ORDER BY seq
       LIMIT @limit`,
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
