/**
 * The live hub's batching, on a timer the test moves by hand (no sleeps): a change published while the
 * streams are idle goes out at the end of the same turn of the event loop, with any other change of that
 * turn; changes published within the window after a flush
 * wait for the next one and go out together; each stream's batches name the seq sent before them; a batch
 * is serialized once for all the streams that get the same one.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '@shared/protocol/api';
import { streamMessageSchema, type InvalidateKind } from '@shared/protocol/stream';
import type { FlushTimer } from '../../server/live/flush-schedule';
import { LiveHub, visibilityOf, type FeedSubscriber } from '../../server/live/hub';

/** Timers that fire only when the test ends the turn or advances the time. */
class ManualTimer implements FlushTimer {
  private current = 0;
  private timers: { at: number; run: () => void }[] = [];
  private turnEnd: (() => void)[] = [];

  now(): number {
    return this.current;
  }

  after(ms: number, run: () => void): () => void {
    const timer = { at: this.current + ms, run };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  endOfTurn(run: () => void): () => void {
    this.turnEnd.push(run);
    return () => (this.turnEnd = this.turnEnd.filter((r) => r !== run));
  }

  /** The current turn of the event loop ends: what waited for its end runs. */
  endTurn(): void {
    const due = this.turnEnd;
    this.turnEnd = [];
    for (const run of due) run();
  }

  /** Ends the turn, then moves the time on by `ms`, running each timer that comes due on the way. */
  advance(ms: number): void {
    this.endTurn();
    const end = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = due.at;
      due.run();
      this.endTurn();
    }
    this.current = end;
  }
}

/** The other side of the hub's interface: records what it is sent, as its client would read it. */
class RecordingSubscriber implements FeedSubscriber {
  readonly agentId = 'agent';
  readonly familyId = 'family';
  visibility;
  /** Each `changes` message as sent, and parsed. */
  readonly sent: Buffer[] = [];
  readonly received: { prev: number; seqs: number[] }[] = [];
  readonly invalidated: InvalidateKind[] = [];
  resyncs = 0;

  constructor(
    channels: readonly string[],
    public cursor = 0,
  ) {
    this.visibility = visibilityOf(channels);
  }

  send(message: Buffer): void {
    this.sent.push(message);
    const parsed = streamMessageSchema.parse(JSON.parse(message.toString('utf8')));
    if (parsed.type !== 'changes') throw new Error(`expected changes, got ${parsed.type}`);
    this.received.push({ prev: parsed.prev, seqs: parsed.changes.map((c) => c.seq) });
  }
  beat(): void {}
  invalidate(what: InvalidateKind): void {
    this.invalidated.push(what);
  }
  requireResync(): void {
    this.resyncs++;
  }
  end(): void {}

  /** The seqs of every batch received. */
  get batches(): number[][] {
    return this.received.map((batch) => batch.seqs);
  }
}

const tombstone = (seq: number): Change => ({ type: 'tombstone', seq, requestId: `r${seq}` });

/** A hub with a 20 ms window on a manual timer, `subscribers` subscribed. */
function hubWith(...subscribers: RecordingSubscriber[]) {
  const timer = new ManualTimer();
  const hub = new LiveHub(20, timer);
  for (const subscriber of subscribers) hub.subscribe(subscriber);
  return { hub, timer };
}

describe('LiveHub batching', () => {
  it('sends a change at the end of the same turn, with the others of that turn, when the streams are idle', () => {
    const subscriber = new RecordingSubscriber(['a']);
    const { hub, timer } = hubWith(subscriber);
    hub.publish('a', tombstone(1));
    hub.publish('a', tombstone(2));
    expect(subscriber.received).toEqual([]); // not inside the handler that committed it
    timer.endTurn();
    expect(subscriber.received).toEqual([{ prev: 0, seqs: [1, 2] }]);
  });

  it('holds a burst published within the window after a flush, and sends it together at the window', () => {
    const subscriber = new RecordingSubscriber(['a']);
    const { hub, timer } = hubWith(subscriber);
    hub.publish('a', tombstone(1));
    timer.advance(5);
    hub.publish('a', tombstone(2));
    timer.advance(5);
    hub.publish('a', tombstone(3));
    timer.advance(9); // 19 ms after the first flush
    expect(subscriber.batches).toEqual([[1]]);
    timer.advance(1);
    expect(subscriber.received).toEqual([
      { prev: 0, seqs: [1] },
      { prev: 1, seqs: [2, 3] },
    ]);
  });

  it('under a steady stream of changes sends a batch per window, in order, each naming the seq before it', () => {
    const subscriber = new RecordingSubscriber(['a']);
    const { hub, timer } = hubWith(subscriber);
    for (let seq = 1; seq <= 40; seq++) {
      hub.publish('a', tombstone(seq));
      timer.advance(3);
    }
    timer.advance(20);
    // 40 changes over 120 ms: the first at once, then one batch per 20 ms window.
    expect(subscriber.batches.length).toBe(7);
    expect(subscriber.batches.flat()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    let cursor = 0;
    for (const batch of subscriber.received) {
      expect(batch.prev).toBe(cursor);
      cursor = batch.seqs.at(-1)!;
    }
  });

  it('sends a change at once again after a quiet window', () => {
    const subscriber = new RecordingSubscriber(['a']);
    const { hub, timer } = hubWith(subscriber);
    hub.publish('a', tombstone(1));
    timer.endTurn();
    hub.publish('a', tombstone(2));
    timer.advance(20);
    expect(subscriber.batches).toEqual([[1], [2]]);
    timer.advance(20);
    hub.publish('a', tombstone(3));
    timer.endTurn();
    expect(subscriber.batches).toEqual([[1], [2], [3]]);
  });

  it('sends each subscriber only the channels it may see, chaining prev over what it was sent', () => {
    const onlyA = new RecordingSubscriber(['a']);
    const both = new RecordingSubscriber(['b', 'a']);
    const { hub, timer } = hubWith(onlyA, both);
    hub.publish('b', tombstone(1));
    timer.endTurn();
    hub.publish('a', tombstone(2));
    hub.publish('b', tombstone(3));
    timer.advance(20);
    expect(onlyA.received).toEqual([{ prev: 0, seqs: [2] }]);
    expect(both.received).toEqual([
      { prev: 0, seqs: [1] },
      { prev: 1, seqs: [2, 3] },
    ]);
  });

  it('serializes a batch once for the streams that see the same channels from the same cursor', () => {
    const first = new RecordingSubscriber(['a', 'b']);
    const sameChannels = new RecordingSubscriber(['b', 'a']);
    const aheadOfIt = new RecordingSubscriber(['a', 'b'], 5);
    const { hub, timer } = hubWith(first, sameChannels, aheadOfIt);
    hub.publish('a', tombstone(6));
    timer.endTurn();
    expect(sameChannels.sent[0]).toBe(first.sent[0]);
    expect(aheadOfIt.received).toEqual([{ prev: 5, seqs: [6] }]);
    expect(first.received).toEqual([{ prev: 0, seqs: [6] }]);
  });

  it('does not send a stream the changes at or before its cursor (those its backlog held)', () => {
    const early = new RecordingSubscriber(['a']);
    const { hub, timer } = hubWith(early);
    hub.publish('a', tombstone(1));
    timer.endTurn();
    hub.publish('a', tombstone(2));
    const late = new RecordingSubscriber(['a'], 2); // opened after seq 2 committed: its backlog had it
    hub.subscribe(late);
    hub.publish('a', tombstone(3));
    timer.advance(20);
    expect(early.received).toEqual([
      { prev: 0, seqs: [1] },
      { prev: 1, seqs: [2, 3] },
    ]);
    expect(late.received).toEqual([{ prev: 2, seqs: [3] }]);
  });

  it('tells a subscriber whose send fails to resync, and still serves the others', () => {
    const broken = new RecordingSubscriber(['a']);
    broken.send = () => {
      throw new Error('socket gone');
    };
    const healthy = new RecordingSubscriber(['a']);
    const { hub, timer } = hubWith(broken, healthy);
    hub.publish('a', tombstone(1));
    timer.endTurn();
    expect(broken.resyncs).toBe(1);
    expect(healthy.batches).toEqual([[1]]);
  });

  it('stops sending to a subscriber once it unsubscribes, even with changes queued', () => {
    const { hub, timer } = hubWith();
    const subscriber = new RecordingSubscriber(['a']);
    const unsubscribe = hub.subscribe(subscriber);
    hub.publish('a', tombstone(1));
    timer.endTurn();
    hub.publish('a', tombstone(2));
    unsubscribe();
    timer.advance(20);
    expect(subscriber.batches).toEqual([[1]]);
  });

  it('sends the queued changes before an invalidate', () => {
    const subscriber = new RecordingSubscriber(['a']);
    const { hub, timer } = hubWith(subscriber);
    hub.publish('a', tombstone(1));
    timer.endTurn();
    hub.publish('a', tombstone(2));
    expect(subscriber.batches).toEqual([[1]]);
    hub.invalidate('channels');
    expect(subscriber.batches).toEqual([[1], [2]]);
    expect(subscriber.invalidated).toEqual(['channels']);
  });
});

describe('LiveHub: a stream that subscribes after reading its backlog', () => {
  it('gets at once what was published after its cursor and before it subscribed, in its channels only', () => {
    const { hub, timer } = hubWith();
    hub.publish('a', tombstone(1));
    hub.publish('b', tombstone(2));
    timer.endTurn(); // flushed to nobody
    hub.publish('a', tombstone(3)); // still queued when the stream subscribes
    const late = new RecordingSubscriber(['a'], 0);
    hub.subscribe(late);
    expect(late.received).toEqual([{ prev: 0, seqs: [1] }]);
    timer.advance(20);
    expect(late.received).toEqual([
      { prev: 0, seqs: [1] },
      { prev: 1, seqs: [3] },
    ]);
  });

  it('gets nothing twice: changes up to its cursor came with its backlog', () => {
    const { hub, timer } = hubWith();
    for (let seq = 1; seq <= 5; seq++) hub.publish('a', tombstone(seq));
    timer.endTurn();
    const late = new RecordingSubscriber(['a'], 4);
    hub.subscribe(late);
    expect(late.received).toEqual([{ prev: 4, seqs: [5] }]);
  });

  it('resyncs when what it missed is older than the changes the hub keeps', () => {
    const { hub, timer } = hubWith();
    for (let seq = 1; seq <= 5_000; seq++) hub.publish('a', tombstone(seq));
    timer.endTurn();
    const late = new RecordingSubscriber(['a'], 10);
    hub.subscribe(late);
    expect(late.resyncs).toBe(1);
    expect(late.received).toEqual([]);
    const recent = new RecordingSubscriber(['a'], 4_999);
    hub.subscribe(recent);
    expect(recent.resyncs).toBe(0);
    expect(recent.received).toEqual([{ prev: 4_999, seqs: [5_000] }]);
  });
});
