/**
 * Pushes committed changes to whoever is listening: agents' change-feed streams (filtered by the channels
 * each may see) and end users' open join pages (by request). Publishing happens after the transaction
 * commits, in the same synchronous turn, so subscribers see changes in seq order.
 */
import type { Change } from '@shared/protocol/api';
import type { Consent, RequestStatus } from '@shared/domain/status';

export interface FeedSubscriber {
  readonly agentId: string;
  /** The sign-in the stream was opened with. */
  readonly familyId: string;
  canSee(channelId: string): boolean;
  /** `json` is the change serialized once for every subscriber. */
  deliver(change: Change, json: string): void;
  /** Agents, channels or this agent's own access changed. */
  invalidate(what: 'agents' | 'channels' | 'me'): void;
  /** What this agent may see changed: it has to start its sync over. */
  requireResync(): void;
  /** The sign-in ended (sign-out): close. */
  end(): void;
}

/** What an open join page needs to know: the request's state, or that it is gone. */
export type RequestWatch =
  { readonly status: RequestStatus; readonly consent: Consent } | { readonly gone: true };

export class LiveHub {
  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly watchers = new Map<string, Set<(state: RequestWatch) => void>>();

  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** A change in `channelId` (for a tombstone: the channel the request left). */
  publish(channelId: string, change: Change): void {
    const json = JSON.stringify(change);
    for (const subscriber of this.subscribers) {
      if (!subscriber.canSee(channelId)) continue;
      try {
        subscriber.deliver(change, json);
      } catch {
        // One broken connection must not keep the change from the others; it resyncs when it reconnects.
        subscriber.requireResync();
      }
    }
    // A tombstone may only mean the request moved to another channel; deletion is told by requestGone.
    if (change.type === 'request') {
      this.tellWatchers(change.request.id, {
        status: change.request.status,
        consent: change.request.consent,
      });
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

  invalidate(what: 'agents' | 'channels'): void {
    for (const subscriber of this.subscribers) subscriber.invalidate(what);
  }

  /** A sign-in ended: its streams close. */
  endSession(familyId: string): void {
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.familyId === familyId) subscriber.end();
    }
  }

  /** What `agentId` may see changed (roles, memberships, disabled): their streams must resync. */
  accessChanged(agentId: string): void {
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.agentId === agentId) subscriber.requireResync();
    }
  }
}
