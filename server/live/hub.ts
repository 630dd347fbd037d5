/**
 * Pushes committed changes to whoever is listening: agents' change-feed streams (filtered by the channels
 * each may see) and end users' open join pages (by request). Publishing happens after the transaction
 * commits, in the same synchronous turn, so subscribers see changes in seq order.
 *
 * Streams are written in batches: after a flush, changes published within `batchWindowMs` wait for the
 * next one, so under load each socket gets one write per window instead of one per change (a write per
 * socket per change is what limits fan-out to many agents). When changes are rare, each goes out at once.
 */
import { performance } from 'node:perf_hooks';
import type { Change } from '@shared/protocol/api';
import type { InvalidateKind, STREAM_CLOSE } from '@shared/protocol/stream';
import type { Consent, RequestStatus } from '@shared/domain/status';

export interface FeedSubscriber {
  readonly agentId: string;
  /** The sign-in the stream was opened with. */
  readonly familyId: string;
  canSee(channelId: string): boolean;
  /** Queues a change for the next flush; `json` is the change serialized once for every subscriber. */
  enqueue(change: Change, json: string): void;
  /** Sends what is queued. */
  flush(): void;
  /** Agents, channels, this agent's own access or the organisation settings changed. */
  invalidate(what: InvalidateKind): void;
  /** What this agent may see changed: it has to start its sync over. */
  requireResync(): void;
  /** Close: the sign-in ended (sign-out, a reused refresh token), or the service is shutting down. */
  end(why: StreamEnd): void;
}

/** Why the hub closes a stream: the sign-in ended, or the service is shutting down (STREAM_CLOSE). */
export type StreamEnd = Exclude<keyof typeof STREAM_CLOSE, 'resyncRequired'>;

/** What an open join page needs to know: the request's state, or that it is gone. */
export type RequestWatch =
  { readonly status: RequestStatus; readonly consent: Consent } | { readonly gone: true };

export const DEFAULT_BATCH_WINDOW_MS = 20;

export class LiveHub {
  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly pending = new Set<FeedSubscriber>();
  private readonly watchers = new Map<string, Set<(state: RequestWatch) => void>>();
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(private readonly batchWindowMs = DEFAULT_BATCH_WINDOW_MS) {}

  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
      this.pending.delete(subscriber);
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** A change in `channelId` (for a tombstone: the channel the request left). */
  publish(channelId: string, change: Change): void {
    const json = JSON.stringify(change);
    for (const subscriber of this.subscribers) {
      if (!subscriber.canSee(channelId)) continue;
      subscriber.enqueue(change, json);
      this.pending.add(subscriber);
    }
    // A tombstone may only mean the request moved to another channel; deletion is told by requestGone.
    if (change.type === 'request') {
      this.tellWatchers(change.request.id, {
        status: change.request.status,
        consent: change.request.consent,
      });
    }
    this.scheduleFlush();
  }

  /** Sends every queued change now. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.lastFlush = performance.now();
    for (const subscriber of this.pending) {
      try {
        subscriber.flush();
      } catch {
        // One broken connection must not keep the changes from the others; it resyncs when it reconnects.
        subscriber.requireResync();
      }
    }
    this.pending.clear();
  }

  /** Stops the batching timer. */
  stop(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  /** The service stops: what is queued goes out, then every stream closes, telling its client why. */
  shutDown(): void {
    this.flush();
    this.stop();
    for (const subscriber of [...this.subscribers]) subscriber.end('shuttingDown');
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.pending.size === 0) return;
    const wait = this.lastFlush + this.batchWindowMs - performance.now();
    if (wait <= 0) this.flush();
    else this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /** The request was deleted: its open join pages say so. */
  requestGone(requestId: string): void {
    this.tellWatchers(requestId, { gone: true });
  }

  private tellWatchers(requestId: string, state: RequestWatch): void {
    const watchers = this.watchers.get(requestId);
    if (watchers) for (const watcher of [...watchers]) watcher(state);
  }

  /** The end user's page: told of every change of one request. */
  watchRequest(requestId: string, watcher: (state: RequestWatch) => void): () => void {
    let set = this.watchers.get(requestId);
    if (!set) this.watchers.set(requestId, (set = new Set()));
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0) this.watchers.delete(requestId);
    };
  }

  /** Something every agent sees changed: each stream tells its client to fetch it again. */
  invalidate(what: Exclude<InvalidateKind, 'me'>): void {
    for (const subscriber of this.subscribers) subscriber.invalidate(what);
  }

  /** A sign-in ended: its streams close. */
  endSession(familyId: string): void {
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.familyId === familyId) subscriber.end('unauthorized');
    }
  }

  /** Every sign-in of the agent ended (a new password): all their streams close. */
  endAgentSessions(agentId: string): void {
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.agentId === agentId) subscriber.end('unauthorized');
    }
  }

  /** What `agentId` may see changed (roles, memberships, disabled): their streams must resync. */
  accessChanged(agentId: string): void {
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.agentId === agentId) subscriber.requireResync();
    }
  }
}
