/**
 * How a committed change reaches the live feed, by backend. On SQLite one process writes: each change is
 * published to the hub as its transaction commits, still holding the database (store.onCommit), so in seq
 * order. On PostgreSQL several instances write and commit in any order: nothing is published at commit;
 * the instance's feed pump (feed-pump.ts) publishes every instance's changes in seq order, and a
 * transaction that took a seq returns once the pump has published it here (store/postgres/executor.ts),
 * so a client that syncs right after its own change sees it.
 */
import type { Change } from '@shared/protocol/api';
import type { LiveHub } from './hub';

export interface LiveFeed {
  /** A change committed (called from store.onCommit). */
  committed(channelId: string, change: Change): void;
  /** A request was deleted (its join pages say so). */
  deleted(requestId: string): void;
}

/** SQLite: publish each change as it commits. */
export function publishAtCommit(hub: LiveHub): LiveFeed {
  return {
    committed: (channelId, change) => hub.publish(channelId, change),
    deleted: (requestId) => hub.requestGone(requestId),
  };
}

/** PostgreSQL: the feed pump publishes (and the store's commit waits for its watermark). */
export const PUBLISHED_BY_PUMP: LiveFeed = { committed: () => {}, deleted: () => {} };
