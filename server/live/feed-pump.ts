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

export class FeedPump {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly source: FeedSource,
    private readonly hub: LiveHub,
    readonly position: FeedPosition,
    private readonly linkFor: (requestId: string) => string,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  /** Starts at the feed's settled head: what came before is served by /sync, not pushed. */
  async start(): Promise<void> {
    this.position.advance(await this.source.settledHead());
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
    await this.running;
  }

  private async pump(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.round();
      } catch (error) {
        // The database is unreachable: the listener's reconnection wakes the pump again.
        this.log.warn({ err: error }, 'the live feed could not read the latest changes');
        return;
      }
    } while (this.again && !this.stopped);
  }

  private async round(): Promise<void> {
    const settled = await this.source.settledHead();
    let since = this.position.visibleThrough();
    while (since < settled) {
      const rows = await this.source.changesAfter(since, settled, BATCH);
      for (const row of rows) this.publish(row);
      // A short batch reached `settled`: the seqs between the last row and it hold nothing (any more).
      since = rows.length === BATCH ? rows.at(-1)!.seq : settled;
      this.position.advance(since);
    }
  }

  private publish(row: FeedChangeRow): void {
    if (row.kind === 'tombstone') {
      this.hub.publishJson(row.channelId, row.seq, tombstoneChangeJson(row.seq, row.requestId));
      if (row.gone) this.hub.requestGone(row.requestId);
      return;
    }
    const json = requestChangeJson(row.seq, this.linkFor(row.requestId), row.json ?? '{}', row.events);
    this.hub.publishJson(row.channelId, row.seq, json, {
      requestId: row.requestId,
      state: { status: row.status!, consent: row.consent! },
    });
  }
}
