/**
 * GET /sync pages and the stream's backlog: every change an agent may see after a cursor, from the
 * compacted feed (see store/feed-store.ts). A cursor the feed can no longer serve answers 410
 * `resync_required`: the client starts over from 0.
 */
import type { Change, SyncPage } from '@shared/protocol/api';
import type { AgentRow } from '../store/agents-store';
import type { FeedEntry } from '../store/feed-store';
import { agentAccess, visibleChannelIds } from './access';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { loadWireRequests } from './request-view';
import { requestChangeJson, tombstoneChangeJson } from './wire-json';

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

  /** The stream's backlog: page() as objects, each request built from its rows. */
  page(agent: AgentRow, since: number, limit: number): SyncPage {
    const { store } = this.ctx;
    return store.transaction(() => {
      const channelIds = this.pageChannels(agent, since);
      const entries = store.feed.page(channelIds, since, limit);
      const requestIds = entries.filter((e) => e.kind === 'request').map((e) => e.requestId);
      const loaded = loadWireRequests(store, requestIds, since, this.ctx.links);
      const changes: Change[] = entries.map((entry) => {
        const found = entry.kind === 'request' ? loaded.get(entry.requestId) : undefined;
        return found
          ? { type: 'request', seq: entry.seq, request: found.request, events: found.events }
          : { type: 'tombstone', seq: entry.seq, requestId: entry.requestId };
      });
      return { changes, ...this.pageEnd(channelIds, entries, since, limit) };
    });
  }

  /**
   * GET /sync: the same page as page(), as the JSON text it answers with, written from each request's
   * stored wire JSON (wire-json.ts) rather than built again.
   */
  pageJson(agent: AgentRow, since: number, limit: number): string {
    const { store, links } = this.ctx;
    return store.transaction(() => {
      const channelIds = this.pageChannels(agent, since);
      const rows = store.feed.pageRows(channelIds, since, limit);
      const changes = rows.map((row) =>
        row.json === null
          ? tombstoneChangeJson(row.seq, row.requestId)
          : requestChangeJson(row.seq, links.linkFor(row.requestId), row.json, row.events),
      );
      const end = JSON.stringify(this.pageEnd(channelIds, rows, since, limit));
      return `{"changes":[${changes.join(',')}],${end.slice(1)}`;
    });
  }

  /** The channels whose changes the agent may page from `since`; 410 when the feed cannot serve it. */
  private pageChannels(agent: AgentRow, since: number): string[] {
    const { store } = this.ctx;
    const reason = this.resyncReason(agent, since);
    if (reason) throw new ServiceError(410, 'resync_required', `${reason} Sync again from 0.`);
    return visibleChannelIds(store, agentAccess(store, agent));
  }

  /** A page's fields after its changes. */
  private pageEnd(
    channelIds: readonly string[],
    entries: readonly FeedEntry[],
    since: number,
    limit: number,
  ) {
    const { store } = this.ctx;
    const hasMore = entries.length === limit;
    const head = store.requests.head();
    return {
      // On the last page the agent has everything up to head: the cursor moves past changes it may not
      // see too, and past a resync point.
      next: hasMore ? entries.at(-1)!.seq : Math.max(head, since),
      hasMore,
      head,
      ...(since === 0 ? { total: store.feed.countRequests(channelIds) } : {}),
    };
  }
}
