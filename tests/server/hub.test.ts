/**
 * The live hub's batching, deterministically: a change published while streams are idle is flushed before
 * publish returns; changes published within the window after a flush wait for the next one, together.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '@shared/protocol/api';
import { LiveHub, type FeedSubscriber } from '../../server/live/hub';

/** The other side of the hub's interface: records what it is given, as a stream would send it. */
class RecordingSubscriber implements FeedSubscriber {
  readonly agentId = 'agent';
  readonly familyId = 'family';
  private queued: number[] = [];
  readonly batches: number[][] = [];
  resyncs = 0;

  constructor(private readonly channels: ReadonlySet<string>) {}

  canSee(channelId: string): boolean {
    return this.channels.has(channelId);
  }
  enqueue(change: Change): void {
    this.queued.push(change.seq);
  }
  flush(): void {
    if (this.queued.length > 0) this.batches.push(this.queued);
    this.queued = [];
  }
  invalidate(): void {}
  requireResync(): void {
    this.resyncs++;
  }
  end(): void {}
}

const tombstone = (seq: number): Change => ({ type: 'tombstone', seq, requestId: `r${seq}` });

let hub: LiveHub;
afterEach(() => hub.stop());

describe('LiveHub batching', () => {
  it('flushes a change at once when nothing was sent within the window', () => {
    hub = new LiveHub(1_000);
    const subscriber = new RecordingSubscriber(new Set(['a']));
    hub.subscribe(subscriber);
    hub.publish('a', tombstone(1));
    expect(subscriber.batches).toEqual([[1]]);
  });

  it('holds changes published within the window after a flush, and sends them together', async () => {
    hub = new LiveHub(50);
    const subscriber = new RecordingSubscriber(new Set(['a']));
    hub.subscribe(subscriber);
    hub.publish('a', tombstone(1));
    hub.publish('a', tombstone(2));
    hub.publish('a', tombstone(3));
    expect(subscriber.batches).toEqual([[1]]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(subscriber.batches).toEqual([[1], [2, 3]]);
  });

  it('sends each subscriber only the channels it may see, in one flush', () => {
    hub = new LiveHub(0);
    const onlyA = new RecordingSubscriber(new Set(['a']));
    const both = new RecordingSubscriber(new Set(['a', 'b']));
    hub.subscribe(onlyA);
    hub.subscribe(both);
    hub.publish('b', tombstone(1));
    hub.publish('a', tombstone(2));
    expect(onlyA.batches).toEqual([[2]]);
    expect(both.batches).toEqual([[1], [2]]);
  });

  it('tells a subscriber whose flush fails to resync, and still serves the others', () => {
    hub = new LiveHub(0);
    const broken = new RecordingSubscriber(new Set(['a']));
    broken.flush = () => {
      throw new Error('socket gone');
    };
    const healthy = new RecordingSubscriber(new Set(['a']));
    hub.subscribe(broken);
    hub.subscribe(healthy);
    hub.publish('a', tombstone(1));
    expect(broken.resyncs).toBe(1);
    expect(healthy.batches).toEqual([[1]]);
  });

  it('stops sending to a subscriber once it unsubscribes, even with changes pending', async () => {
    hub = new LiveHub(30);
    const subscriber = new RecordingSubscriber(new Set(['a']));
    const unsubscribe = hub.subscribe(subscriber);
    hub.publish('a', tombstone(1));
    hub.publish('a', tombstone(2));
    unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(subscriber.batches).toEqual([[1]]);
  });
});
