/**
 * The live feed of an instance on PostgreSQL, where several instances write (decision record 0001, §5–6).
 * Writers there take a seq from a sequence and commit in any order, so a change at seq 7 may commit before
 * one at seq 6: publishing each change after its own commit, as one SQLite process does, would let a
 * client's cursor pass 6 before 6 exists. Instead one pump per instance publishes every change, its own
 * instance's and the others', in seq order: woken by a notification (each writing transaction sends one
 * at commit), it waits until every transaction that took a seq up to the sequence's current value has
 * ended (`settledHead`), reads the changes up to there and hands them to the hub, then moves the
 * instance's watermark. Sync pages, the stream's backlog and `head` serve nothing above the watermark.
 *
 * Wake-ups coalesce: under load one round reads the changes of many commits.
 */
import type { Logger } from 'pino';
import type { FeedChangeRow } from '../store/rows';
import { requestChangeJson, tombstoneChangeJson } from '../services/wire-json';
import type { LiveHub } from './hub';

/** Where the feed is read from. */
export interface FeedSource {
  /** A seq S such that every transaction that took a seq up to S has ended. */
  settledHead(): Promise<number>;
  /** Every change of every channel with since < seq <= through, in seq order, up to `limit`. */
  changesAfter(since: number, through: number, limit: number): Promise<FeedChangeRow[]>;
  /** Each request's timeline events with after < seq <= through, as feed JSON. */
  eventsBetween(
    floors: readonly { requestId: string; after: number }[],
    through: number,
  ): Promise<Map<string, string>>;
}

/** The instance's watermark: the highest seq its live feed has published, and so may serve. */
export class FeedPosition {
  private through = 0;
  private waiters: { seq: number; resolve: () => void }[] = [];

  visibleThrough(): number {
    return this.through;
  }

  /** Resolves once every change up to `seq` is published here (read-your-writes after a commit). */
  reached(seq: number): Promise<void> {
    if (seq <= this.through) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  advance(through: number): void {
    if (through <= this.through) return;
    this.through = through;
    const ready = this.waiters.filter((w) => w.seq <= through);
    this.waiters = this.waiters.filter((w) => w.seq > through);
    for (const waiter of ready) waiter.resolve();
  }
}

/** Changes read per query while catching up. */
const BATCH = 1_000;
/** How long after a failed round the pump tries again (a notification may wake it sooner). */
const RETRY_MS = 1_000;
/** Requests whose last published seq is remembered (beyond: the oldest are forgotten, see eventFloor). */
const REMEMBERED = 200_000;

export class FeedPump {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  /** Where the pump started: nothing before it was published by this pump. */
  private startedAt = 0;
  /** The seq at which each request was last published here, oldest first. */
  private readonly published = new Map<string, number>();

  constructor(
    private readonly source: FeedSource,
    private readonly hub: LiveHub,
    readonly position: FeedPosition,
    private readonly linkFor: (requestId: string) => string,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  /** Starts at the feed's settled head: what came before is served by /sync, not pushed. */
  async start(): Promise<void> {
    this.startedAt = await this.source.settledHead();
    this.position.advance(this.startedAt);
  }

  /** Something may have committed: publish it. A round already running runs once more after. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pump().finally(() => {
      this.running = undefined;
      if (this.again) this.wake();
    });
  }

  /** Stops waking; resolves when a round in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.running;
  }

  private async pump(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.round();
      } catch (error) {
        // The database is unreachable, or a query failed: try again in a moment, whether or not a
        // notification comes (the listener may have stayed connected while the pool's connection broke).
        this.log.warn({ err: error }, 'the live feed could not read the latest changes; trying again');
        if (!this.stopped) this.retry = setTimeout(() => this.wake(), RETRY_MS);
        return;
      }
    } while (this.again && !this.stopped);
  }

  private async round(): Promise<void> {
    const settled = await this.source.settledHead();
    let since = this.position.visibleThrough();
    while (since < settled) {
      const rows = await this.source.changesAfter(since, settled, BATCH);
      const earlier = await this.earlierEvents(rows, since);
      for (const row of rows) this.publish(row, earlier.get(row.requestId));
      // A short batch reached `settled`: the seqs between the last row and it hold nothing (any more).
      since = rows.length === BATCH ? rows.at(-1)!.seq : settled;
      this.position.advance(since);
    }
  }

  /**
   * A request may change twice between two rounds, its second change committing before the first round
   * read it: the first change was never published here (the compacted row had moved past that round), and
   * its timeline events are not after this round's `since`. So a request's events are sent from where it
   * was last published here (or from the pump's start), not from `since`: what a stream may already have
   * (from its backlog) comes again, and the client keeps each event once, by id.
   */
  private async earlierEvents(rows: readonly FeedChangeRow[], since: number): Promise<Map<string, string>> {
    const floors = rows
      .filter((row) => row.kind === 'request')
      .map((row) => ({
        requestId: row.requestId,
        after: this.published.get(row.requestId) ?? this.startedAt,
      }))
      .filter((floor) => floor.after < since);
    return this.source.eventsBetween(floors, since);
  }

  private remember(requestId: string, seq: number): void {
    this.published.delete(requestId);
    this.published.set(requestId, seq);
    if (this.published.size > REMEMBERED) {
      // A forgotten request's next change sends its events since the pump started: more than needed, never less.
      this.published.delete(this.published.keys().next().value!);
    }
  }

  private publish(row: FeedChangeRow, earlierEvents: string | undefined): void {
    if (row.kind === 'tombstone') {
      this.hub.publishJson(row.channelId, row.seq, tombstoneChangeJson(row.seq, row.requestId));
      if (row.gone) this.hub.requestGone(row.requestId);
      return;
    }
    this.remember(row.requestId, row.seq);
    const events = earlierEvents
      ? row.events
        ? `${earlierEvents},${row.events}`
        : earlierEvents
      : row.events;
    const json = requestChangeJson(row.seq, this.linkFor(row.requestId), row.json ?? '{}', events);
    this.hub.publishJson(row.channelId, row.seq, json, {
      requestId: row.requestId,
      state: { status: row.status!, consent: row.consent! },
    });
  }
}
