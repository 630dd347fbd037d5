/**
 * GET /sync pages and the stream's backlog: every change an agent may see after a cursor, from the
 * compacted feed (see store/feed-store.ts). A cursor the feed can no longer serve answers 410
 * `resync_required`: the client starts over from 0.
 */
import type { Change, SyncPage } from '@shared/protocol/api';
import type { AgentRow } from '../store/agents-store';
import { agentAccess, visibleChannelIds } from './access';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { loadWireRequests } from './request-view';

export class FeedService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Why the feed cannot serve from `since` for this agent, or null when it can. */
  resyncReason(agent: AgentRow, since: number): string | null {
    if (since === 0) return null;
    const { store } = this.ctx;
    if (since > store.requests.head()) {
      return 'The service has no changes up to your cursor (it may have been restored from a backup).';
    }
    if (since < agent.resyncFromSeq) return 'What you may see changed since your cursor.';
    if (since < store.feed.prunedThrough()) return 'Your cursor is older than the changes the service keeps.';
    return null;
  }

  page(agent: AgentRow, since: number, limit: number): SyncPage {
    const { store } = this.ctx;
    return store.transaction(() => {
      const reason = this.resyncReason(agent, since);
      if (reason) throw new ServiceError(410, 'resync_required', `${reason} Sync again from 0.`);
      const channelIds = visibleChannelIds(store, agentAccess(store, agent));
      const entries = store.feed.page(channelIds, since, limit);
      const requestIds = entries.filter((e) => e.kind === 'request').map((e) => e.requestId);
      const loaded = loadWireRequests(store, requestIds, since, this.ctx.links);
      const changes: Change[] = entries.map((entry) => {
        const found = entry.kind === 'request' ? loaded.get(entry.requestId) : undefined;
        return found
          ? { type: 'request', seq: entry.seq, request: found.request, events: found.events }
          : { type: 'tombstone', seq: entry.seq, requestId: entry.requestId };
      });
      const hasMore = entries.length === limit;
      const head = store.requests.head();
      return {
        changes,
        // On the last page the agent has everything up to head: the cursor moves past changes it
        // may not see too, and past a resync point.
        next: hasMore ? entries.at(-1)!.seq : Math.max(head, since),
        hasMore,
        head,
        ...(since === 0 ? { total: store.feed.countRequests(channelIds) } : {}),
      };
    });
  }
}
