/**
 * SQL of the change feed. The feed is compacted: a request appears once, at the seq of its last change,
 * and a request that left a channel leaves a tombstone at the seq it left. Paging by seq over both gives
 * every agent, from any cursor, the current state of everything that changed since, in commit order.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../db/database';
import type { FeedChangeRow, FeedEntry, FeedRow } from '../rows';
import {
  toFeedChange,
  toFeedEntry,
  toFeedRow,
  type RawFeedChange,
  type RawFeedEntry,
  type RawFeedRow,
} from '../requests-sql';
import { eventsFeedJson } from './requests-store';

/**
 * One channel's part of the feed after @since, in seq order: its requests, or its tombstones. Each is a
 * walk of the (channel_id, seq) index with nothing to sort; a page merges one walk per channel and kind
 * (merged), so it reads as many rows as it sends, however many came after the cursor. (One query over
 * all the channels, `channel_id IN (...) ORDER BY seq LIMIT n`, sorts every row after the cursor on every
 * page: a sync from 0 of 100,000 requests sorted about a million rows in its 21 pages.)
 */
const REQUEST_ENTRIES = `SELECT 'request' AS kind, id AS request_id, seq FROM requests
  WHERE channel_id = @channel AND seq > @since ORDER BY seq`;
const TOMBSTONE_ENTRIES = `SELECT 'tombstone' AS kind, request_id, seq FROM tombstones
  WHERE channel_id = @channel AND seq > @since ORDER BY seq`;
/**
 * REQUEST_ENTRIES with what a page sends: the stored JSON, and the events after @eventsSince — from 0 the
 * whole timeline kept on the row (migration 6), else looked up. iif() evaluates only the branch taken.
 */
const REQUEST_ROWS = `SELECT 'request' AS kind, id AS request_id, seq, wire_json AS json,
    iif(@eventsSince = 0, events_json, ${eventsFeedJson('requests.id', '@eventsSince')}) AS events
  FROM requests WHERE channel_id = @channel AND seq > @since ORDER BY seq`;
const TOMBSTONE_ROWS = `SELECT 'tombstone' AS kind, request_id, seq, NULL AS json, NULL AS events FROM tombstones
  WHERE channel_id = @channel AND seq > @since ORDER BY seq`;

/**
 * Every change of every channel with @since < seq <= @through, in seq order (the live feed's read, on
 * PostgreSQL; here for the same interface): the unique indexes on requests.seq and tombstones.seq walk
 * both. A tombstone's request is gone when it exists no more (deleted, not moved to another channel).
 */
const CHANGES = `SELECT 'request' AS kind, id AS request_id, seq, channel_id, wire_json AS json,
    iif(@since = 0, events_json, ${eventsFeedJson('requests.id', '@since')}) AS events, status, consent,
    0 AS gone
  FROM requests WHERE seq > @since AND seq <= @through
  UNION ALL
  SELECT 'tombstone', request_id, seq, channel_id, NULL, NULL, NULL, NULL,
    NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = tombstones.request_id)
  FROM tombstones WHERE seq > @since AND seq <= @through
  ORDER BY seq LIMIT @limit`;

export class SqliteFeedStore {
  /**
   * Prepared walks by SQL, one per channel of the page: a better-sqlite3 statement runs one query at a
   * time, and a page has a walk per channel open at once.
   */
  private readonly walks = new Map<string, Statement[]>();
  private readonly prunedThroughStmt;
  private readonly pruneStmt;
  private readonly setPrunedStmt;
  private readonly countStmt;
  private readonly headStmt;
  private readonly changesStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.headStmt = db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'");
    this.changesStmt = db.prepare<[{ since: number; through: number; limit: number }], RawFeedChange>(
      CHANGES,
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
    const walks = this.open<RawFeedEntry>(channelIds, [REQUEST_ENTRIES, TOMBSTONE_ENTRIES], { since });
    return merged(walks, limit).map(toFeedEntry);
  }

  /**
   * page(), with what a sync page sends for each entry: the stored wire JSON, with the request's events
   * after `eventsSince`.
   */
  pageRows(channelIds: readonly string[], since: number, limit: number, eventsSince: number): FeedRow[] {
    const walks = [
      ...this.open<RawFeedRow>(channelIds, [REQUEST_ROWS], { since, eventsSince }),
      ...this.open<RawFeedRow>(channelIds, [TOMBSTONE_ROWS], { since }),
    ];
    return merged(walks, limit).map(toFeedRow);
  }

  /** One walk per channel and query, with the channel and `params` bound. */
  private open<Row>(
    channelIds: readonly string[],
    queries: readonly string[],
    params: Record<string, number>,
  ): IterableIterator<Row>[] {
    return queries.flatMap((sql) => {
      const pool = this.walks.get(sql) ?? [];
      this.walks.set(sql, pool);
      while (pool.length < channelIds.length) pool.push(this.db.prepare(sql));
      return channelIds.map(
        (channel, i) => pool[i]!.iterate({ ...params, channel }) as IterableIterator<Row>,
      );
    });
  }

  /**
   * Returns once this process serves the feed up to `seq` (a client's cursor), if the feed has reached it:
   * at once here, where the one process publishes each change as it commits.
   */
  catchUp(_seq: number): void {}

  /**
   * A seq S such that every transaction that took a seq up to S has ended: the head, since one
   * connection writes one transaction at a time and seqs are taken in commit order.
   */
  settledHead(): number {
    return this.headStmt.get()!.value;
  }

  /** Every change of every channel with since < seq <= through, in seq order, up to `limit`. */
  changesAfter(since: number, through: number, limit: number): FeedChangeRow[] {
    return this.changesStmt.all({ since, through, limit }).map(toFeedChange);
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

/**
 * The first `limit` rows of walks each in seq order, in seq order; every walk is closed after, so its
 * statement can run again. A linear scan for the smallest head: a page merges one walk per channel.
 */
function merged<Row extends { seq: number }>(walks: IterableIterator<Row>[], limit: number): Row[] {
  const heads: { walk: IterableIterator<Row>; row: Row }[] = [];
  const out: Row[] = [];
  try {
    for (const walk of walks) {
      const first = walk.next();
      if (first.done) walk.return?.();
      else heads.push({ walk, row: first.value });
    }
    while (out.length < limit && heads.length > 0) {
      let min = 0;
      for (let i = 1; i < heads.length; i++) if (heads[i]!.row.seq < heads[min]!.row.seq) min = i;
      const head = heads[min]!;
      out.push(head.row);
      const next = head.walk.next();
      if (next.done) heads.splice(min, 1);
      else head.row = next.value;
    }
    return out;
  } finally {
    for (const walk of walks) walk.return?.();
  }
}
