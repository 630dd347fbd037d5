/**
 * Pushes committed changes to whoever is listening: agents' change-feed streams (filtered by the channels
 * each may see) and end users' open join pages (by request). Publishing happens after the transaction
 * commits, in the same synchronous turn, so subscribers see changes in seq order.
 *
 * Streams are written in batches (when: ./flush-schedule.ts). A flush serializes each batch once for all
 * the streams that get the same one, those that see the same channels from the same cursor, and encodes it
 * once: the per-stream cost of a flush is one socket write of a shared buffer, as in a plain broadcaster.
 */
import type { Change } from '@shared/protocol/api';
import type { InvalidateKind, STREAM_CLOSE } from '@shared/protocol/stream';
import type { Consent, RequestStatus } from '@shared/domain/status';
import { FlushSchedule, systemFlushTimer, type FlushTimer } from './flush-schedule';

/** The channels a stream may see. Streams whose `key` is the same see the same channels. */
export interface Visibility {
  readonly key: string;
  has(channelId: string): boolean;
}

/** The visibility of `channelIds`, keyed by them in order. */
export function visibilityOf(channelIds: Iterable<string>): Visibility {
  const channels = new Set(channelIds);
  return { key: [...channels].sort().join(','), has: (channelId) => channels.has(channelId) };
}

export interface FeedSubscriber {
  readonly agentId: string;
  /** The sign-in the stream was opened with. */
  readonly familyId: string;
  /** What it may see (the stream replaces it when the channels change). */
  visibility: Visibility;
  /** The seq of the last change sent to it: the next batch's `prev`. The hub advances it as it sends. */
  cursor: number;
  /** Sends a `changes` message (serialized and encoded once for every subscriber that gets the same). */
  send(message: Buffer): void;
  /** Sends a heartbeat (the same for every subscriber), and drops the connection if its peer went quiet. */
  beat(message: Buffer): void;
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

/** The `changes` stream message for changes already serialized (`changesJson`: their JSON, comma-joined). */
export const changesMessage = (prev: number, changesJson: string): string =>
  `{"type":"changes","prev":${prev},"changes":[${changesJson}]}`;

export const DEFAULT_BATCH_WINDOW_MS = 20;
/** How many of the latest changes are kept for streams that subscribe just after reading their backlog. */
const RECENT_KEPT = 2_000;

/** A change waiting for the next flush, serialized once. */
interface Queued {
  readonly channelId: string;
  readonly seq: number;
  readonly json: string;
}

export class LiveHub {
  private readonly subscribers = new Set<FeedSubscriber>();
  private queued: Queued[] = [];
  private recent: Queued[] = [];
  /** The highest seq no longer in `recent`. */
  private forgottenThrough = 0;
  private readonly watchers = new Map<string, Set<(state: RequestWatch) => void>>();
  private readonly schedule: FlushSchedule;

  constructor(batchWindowMs = DEFAULT_BATCH_WINDOW_MS, timer: FlushTimer = systemFlushTimer) {
    this.schedule = new FlushSchedule(() => this.send(), batchWindowMs, timer);
  }

  /**
   * Adds a stream whose client has every change up to `subscriber.cursor`. What was published after that
   * cursor before it subscribed is sent now; if some of it is no longer kept, the stream resyncs.
   */
  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    const unsubscribe = () => void this.subscribers.delete(subscriber);
    if (subscriber.cursor < this.forgottenThrough) {
      subscriber.requireResync();
      return unsubscribe;
    }
    const queued = new Set(this.queued);
    const missed = this.recent.filter(
      (c) => c.seq > subscriber.cursor && !queued.has(c) && subscriber.visibility.has(c.channelId),
    );
    if (missed.length > 0) {
      // Those still queued go out with the next flush, after these.
      const message = Buffer.from(changesMessage(subscriber.cursor, missed.map((c) => c.json).join(',')));
      subscriber.cursor = missed.at(-1)!.seq;
      subscriber.send(message);
    }
    return unsubscribe;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** A change in `channelId` (for a tombstone: the channel the request left). */
  publish(channelId: string, change: Change): void {
    // A tombstone may only mean the request moved to another channel; deletion is told by requestGone.
    const watch =
      change.type === 'request'
        ? {
            requestId: change.request.id,
            state: { status: change.request.status, consent: change.request.consent },
          }
        : undefined;
    this.publishJson(channelId, change.seq, JSON.stringify(change), watch);
  }

  /**
   * A change already serialized (the feed pump's, read from the database), with what its request's open
   * join pages are told.
   */
  publishJson(
    channelId: string,
    seq: number,
    json: string,
    watch?: { readonly requestId: string; readonly state: RequestWatch },
  ): void {
    const change = { channelId, seq, json };
    this.queued.push(change);
    this.remember(change);
    if (watch) this.tellWatchers(watch.requestId, watch.state);
    this.schedule.queued();
  }

  /**
   * The latest changes published, kept so that a stream subscribing with a cursor from a backlog read a
   * moment ago gets what was published in between (reading the backlog is asynchronous). A cursor older
   * than what is kept resyncs: nothing is ever skipped in silence.
   */
  private remember(change: Queued): void {
    this.recent.push(change);
    if (this.recent.length > RECENT_KEPT * 2) {
      const dropped = this.recent.splice(0, this.recent.length - RECENT_KEPT);
      this.forgottenThrough = dropped.at(-1)!.seq;
    }
  }

  /** Sends every queued change now. */
  flush(): void {
    if (this.queued.length > 0) this.schedule.flushNow();
  }

  /** Stops the batching timer. */
  stop(): void {
    this.schedule.stop();
  }

  /** The service stops: what is queued goes out, then every stream closes, telling its client why. */
  shutDown(): void {
    this.flush();
    this.stop();
    for (const subscriber of [...this.subscribers]) subscriber.end('shuttingDown');
  }

  /**
   * Every stream closes as at a shutdown, and its client reconnects from its cursor (after a break in
   * what this instance hears of the others: a sign-in they ended may be among what it missed).
   */
  reconnectAll(): void {
    this.flush();
    for (const subscriber of [...this.subscribers]) subscriber.end('shuttingDown');
  }

  /** A heartbeat to every stream. */
  heartbeat(message: string): void {
    const encoded = Buffer.from(message);
    for (const subscriber of [...this.subscribers]) subscriber.beat(encoded);
  }

  /**
   * Sends the queued changes: each subscriber those after its cursor in the channels it may see. The
   * subscribers are grouped by visibility and cursor; each group's message is built and encoded once.
   */
  private send(): void {
    const queued = this.queued;
    if (queued.length === 0) return;
    this.queued = [];
    const groups = new Map<string, Map<number, FeedSubscriber[]>>();
    for (const subscriber of this.subscribers) {
      let byCursor = groups.get(subscriber.visibility.key);
      if (!byCursor) groups.set(subscriber.visibility.key, (byCursor = new Map<number, FeedSubscriber[]>()));
      const group = byCursor.get(subscriber.cursor);
      if (group) group.push(subscriber);
      else byCursor.set(subscriber.cursor, [subscriber]);
    }
    for (const byCursor of groups.values()) {
      for (const [cursor, group] of byCursor) {
        const visibility = group[0]!.visibility;
        const changes = queued.filter((c) => c.seq > cursor && visibility.has(c.channelId));
        if (changes.length === 0) continue;
        const message = Buffer.from(changesMessage(cursor, changes.map((c) => c.json).join(',')));
        const last = changes.at(-1)!.seq;
        for (const subscriber of group) {
          subscriber.cursor = last;
          try {
            subscriber.send(message);
          } catch {
            // One broken connection must not keep the changes from the others; it resyncs when it reconnects.
            subscriber.requireResync();
          }
        }
      }
    }
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
    this.flush(); // the changes queued before it go out first
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
