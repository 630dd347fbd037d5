/**
 * SQL of the change feed on PostgreSQL: the same compacted feed as sqlite/feed-store.ts (read its header),
 * bounded by the instance's watermark. Writers take seqs from a sequence and commit in any order (decision
 * 0001 §5), so seq 7 may be visible while 6 is still in flight; a client whose cursor passed 7 would miss 6
 * for good. So `page` and `pageRows` serve only `seq <= through`, `through` being the watermark the feed
 * pump (server/live/feed-pump.ts) moves with `settledHead` and `changesAfter` below. No read here locks.
 */
import type { FeedChangeRow, FeedEntry, FeedRow } from '../rows';
import {
  toFeedChange,
  toFeedEntry,
  toFeedRow,
  type RawFeedChange,
  type RawFeedEntry,
  type RawFeedRow,
} from '../requests-sql';
import type { FeedTable } from '../store';
import type { PostgresExecutor } from './executor';
import { EVENT_FEED_JSON } from '../requests-sql';
import { eventsFeedJson, type FeedWatermark } from './requests-store';

/**
 * One page's entries: a walk of the (channel_id, seq) index per channel and kind, each stopping at the
 * page's size, then the first $4 of them in seq order — a sort of at most channels × 2 × $4 narrow rows,
 * never of everything after the cursor (see the SQLite side for what that cost). $1 channels, $2 since,
 * $3 through, $4 limit. The seq bounds are written as row comparisons on (channel_id, seq), which only the
 * (channel_id, seq) index serves: written `seq > $2`, the planner walked the unique index on seq (its heap
 * order matches seq's) and filtered out the other channels' rows — 45,000 per channel for a page from the
 * middle of 100,000 requests in 10 channels, 3.5 times slower.
 */
const PAGE_ENTRIES = `SELECT kind, request_id, seq FROM (
    SELECT 'request' AS kind, r.id AS request_id, r.seq
    FROM unnest($1::text[]) AS c(id) CROSS JOIN LATERAL (
      SELECT id, seq FROM requests
      WHERE channel_id = c.id AND (channel_id, seq) > (c.id, $2) AND (channel_id, seq) <= (c.id, $3)
      ORDER BY channel_id, seq LIMIT $4) AS r
    UNION ALL
    SELECT 'tombstone', t.request_id, t.seq
    FROM unnest($1::text[]) AS c(id) CROSS JOIN LATERAL (
      SELECT request_id, seq FROM tombstones
      WHERE channel_id = c.id AND (channel_id, seq) > (c.id, $2) AND (channel_id, seq) <= (c.id, $3)
      ORDER BY channel_id, seq LIMIT $4) AS t
  ) AS walks
  ORDER BY seq LIMIT $4`;

/**
 * PAGE_ENTRIES with what a sync page sends: each request's stored JSON and its events after $5 — from 0
 * the whole timeline kept on the row, else looked up. Read by primary key for the page's rows only, after
 * the merge (CASE evaluates only the branch taken).
 */
const PAGE_ROWS = `SELECT page.kind, page.request_id, page.seq, r.wire_json AS json,
    CASE WHEN $5::bigint = 0 THEN r.events_json ELSE ${eventsFeedJson('r.id', '$5')} END AS events
  FROM (${PAGE_ENTRIES}) AS page
  LEFT JOIN requests r ON page.kind = 'request' AND r.id = page.request_id
  ORDER BY page.seq`;

/**
 * Every change of every channel with $1 < seq <= $2, in seq order, up to $3 (the feed pump's read): the
 * unique indexes on requests.seq and tombstones.seq walk both. A tombstone's request is gone when it
 * exists no more (deleted, not moved to another channel).
 */
const CHANGES = `SELECT kind, request_id, seq, channel_id, json, events, status, consent, gone FROM (
    SELECT 'request' AS kind, r.id AS request_id, r.seq, r.channel_id, r.wire_json AS json,
      CASE WHEN $1::bigint = 0 THEN r.events_json ELSE ${eventsFeedJson('r.id', '$1')} END AS events,
      r.status, r.consent, false AS gone
    FROM requests r WHERE r.seq > $1 AND r.seq <= $2
    UNION ALL
    SELECT 'tombstone', t.request_id, t.seq, t.channel_id, NULL, NULL, NULL, NULL,
      NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = t.request_id)
    FROM tombstones t WHERE t.seq > $1 AND t.seq <= $2
  ) AS changes
  ORDER BY seq LIMIT $3`;

/** How long settledHead waits between two looks at the oldest running transaction. */
const SETTLE_POLL_MS = 2;
/** How long catchUp waits for this instance's feed pump before the caller judges the cursor as it is. */
const CATCH_UP_LIMIT_MS = 5_000;
/** The last seq the sequence handed out (0 before the first). */
const LAST_SEQ = 'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS value FROM feed_seq';

/** The instance's watermark, and a wait for it to reach a seq. */
export interface FeedPumpWatermark extends FeedWatermark {
  reached(seq: number): Promise<void>;
}

export class PostgresFeedStore implements FeedTable {
  constructor(
    private readonly sql: PostgresExecutor,
    private readonly watermark: FeedPumpWatermark,
  ) {}

  /**
   * Returns once this instance serves the feed up to `seq` (a client's cursor), if the feed has reached
   * it. A client that moved here from another instance carries a cursor that instance had published and
   * this one's pump may not have yet — its listener still connecting again after PostgreSQL restarted, or
   * the notification on its way — and a cursor past the head is told to resync from 0. A seq the sequence
   * never handed out (a restored backup, a forged cursor) returns at once; a pump that has not reached it
   * within CATCH_UP_LIMIT_MS returns too, and the cursor is judged as it stands.
   */
  async catchUp(seq: number): Promise<void> {
    if (seq <= this.watermark.visibleThrough()) return;
    const issued = await this.sql.row<{ value: number }>(LAST_SEQ);
    if (seq > issued!.value) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.watermark.reached(seq),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CATCH_UP_LIMIT_MS))),
    ]);
    clearTimeout(timer);
  }

  /** Up to `limit` entries after `since` and up to the watermark, in the channels given, in seq order. */
  async page(channelIds: readonly string[], since: number, limit: number): Promise<FeedEntry[]> {
    const rows = await this.sql.rows<RawFeedEntry>(PAGE_ENTRIES, [
      channelIds,
      since,
      this.watermark.visibleThrough(),
      limit,
    ]);
    return rows.map(toFeedEntry);
  }

  /** page(), with each entry's stored wire JSON and the request's events after `eventsSince`. */
  async pageRows(
    channelIds: readonly string[],
    since: number,
    limit: number,
    eventsSince: number,
  ): Promise<FeedRow[]> {
    const rows = await this.sql.rows<RawFeedRow>(PAGE_ROWS, [
      channelIds,
      since,
      this.watermark.visibleThrough(),
      limit,
      eventsSince,
    ]);
    return rows.map(toFeedRow);
  }

  /**
   * A seq S such that every transaction that took a seq up to S has ended (committed or rolled back).
   * The order is what makes it true: the sequence's value L is read first, then a transaction id R of our
   * own is taken. A writer takes its transaction id before its seq (requests-store.ts, NEXT_SEQ), so a
   * writer with a seq ≤ L took its id before L was read, hence before R: its id is below R. Once the
   * oldest transaction still running is above R, every such writer has ended. Call outside a transaction
   * (inside one, R would be that transaction's own id, which never ends while it waits).
   */
  async settledHead(): Promise<number> {
    if (this.sql.inTransaction())
      throw new Error('settledHead() waits for transactions: call it outside one.');
    const last = await this.sql.row<{ value: number }>(LAST_SEQ);
    const own = await this.sql.row<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    for (;;) {
      const settled = await this.sql.row<{ settled: boolean }>(
        'SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS settled',
        [own!.xid],
      );
      if (settled!.settled) return last!.value;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  }

  /** Every change of every channel with since < seq <= through, in seq order, up to `limit`. */
  /**
   * The timeline JSON (comma-joined, as `events` of a page) of each request with seq in (after, through]:
   * what the feed pump adds to a change whose earlier change it never published (the request had moved
   * on by the time its round read it). One query for a round's requests.
   */
  async eventsBetween(
    floors: readonly { requestId: string; after: number }[],
    through: number,
  ): Promise<Map<string, string>> {
    if (floors.length === 0) return new Map();
    const rows = await this.sql.rows<{ request_id: string; events: string }>(
      `SELECT f.id AS request_id, string_agg(${EVENT_FEED_JSON}, ',' ORDER BY e.id) AS events
       FROM unnest($1::text[], $2::bigint[]) AS f(id, after)
       JOIN request_events e ON e.request_id = f.id AND e.seq > f.after AND e.seq <= $3
       GROUP BY f.id`,
      [floors.map((f) => f.requestId), floors.map((f) => f.after), through],
    );
    return new Map(rows.map((r) => [r.request_id, r.events]));
  }

  async changesAfter(since: number, through: number, limit: number): Promise<FeedChangeRow[]> {
    const rows = await this.sql.rows<RawFeedChange>(CHANGES, [since, through, limit]);
    return rows.map(toFeedChange);
  }

  /** How many requests the channels hold: the size of a sync from 0. */
  async countRequests(channelIds: readonly string[]): Promise<number> {
    const row = await this.sql.row<{ n: number }>(
      'SELECT count(*) AS n FROM requests WHERE channel_id = ANY($1::text[])',
      [channelIds],
    );
    return row!.n;
  }

  /** Tombstones at or below this seq are gone: a sync from before it must start over. */
  async prunedThrough(): Promise<number> {
    const row = await this.sql.row<{ value: number }>(
      "SELECT value FROM meta WHERE key = 'tombstones_pruned_through'",
    );
    return row!.value;
  }

  /** Drops tombstones older than `before` (epoch ms), in one statement. Returns how many. */
  async pruneTombstones(before: number): Promise<number> {
    const row = await this.sql.row<{ removed: number }>(
      `WITH removed AS (DELETE FROM tombstones WHERE created_at < $1 RETURNING seq),
         marked AS (
           UPDATE meta SET value = GREATEST(value, (SELECT max(seq) FROM removed))
           WHERE key = 'tombstones_pruned_through' AND EXISTS (SELECT 1 FROM removed)
         )
       SELECT count(*) AS removed FROM removed`,
      [before],
    );
    return row!.removed;
  }
}
