/**
 * GET /sync pages and the stream's backlog: every change an agent may see after a cursor, from the
 * compacted feed (see store/feed-store.ts). A cursor the feed can no longer serve answers 410
 * `resync_required`: the client starts over from 0.
 *
 * A full sync (from 0) pages in seq order, so its cursors are as old as the oldest changes it has not
 * reached yet: older, often, than the agent's last change of access or the pruned tombstones. Its pages
 * carry `fullSyncHead`, the head when its first page was served, and the client sends it back with each
 * cursor: such a cursor is judged as of where the full sync began.
 */
import type { Change, SyncPage } from '@shared/protocol/api';
import type { FeedCursor } from '@shared/schemas/query-input';
import type { AgentRow, FeedEntry } from '../store/rows';
import { agentAccess, visibleChannelIds } from './access';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { loadWireRequests } from './request-view';
import { requestChangeJson, tombstoneChangeJson } from './wire-json';

export class FeedService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Why the feed cannot serve from this cursor for this agent, or null when it can.
   *
   * A cursor within a full sync stands for where that sync began (`fullSyncHead`): from there on the
   * pages hold every change the agent may see now, and what it may no longer see and was not sent in
   * them is removed when the sync ends. So the sync needs neither the tombstones pruned before it began
   * nor to start over for a change of access before it began; one after it still sends it back to 0.
   * Trusting the client's `fullSyncHead` is safe: every page is built from the agent's current access
   * (pageChannels), so a forged value can only leave the forger's own copy short of tombstones or of a
   * channel's requests, never show them anything they may not see.
   */
  async resyncReason(agent: AgentRow, { since, fullSyncHead = 0 }: FeedCursor): Promise<string | null> {
    if (since === 0) return null;
    const { store } = this.ctx;
    const from = Math.max(since, fullSyncHead);
    if (from > (await store.requests.head())) {
      return 'The service has no changes up to your cursor (it may have been restored from a backup).';
    }
    if (from < agent.resyncFromSeq) return 'What you may see changed since your cursor.';
    if (from < (await store.feed.prunedThrough()))
      return 'Your cursor is older than the changes the service keeps.';
    return null;
  }

  /**
   * Waits until this instance serves the feed up to the cursor, when the feed has reached it elsewhere: a
   * client that moved from another instance (PostgreSQL; at once on SQLite). Call before a transaction.
   */
  async catchUp({ since, fullSyncHead = 0 }: FeedCursor): Promise<void> {
    await this.ctx.store.feed.catchUp(Math.max(since, fullSyncHead));
  }

  /** The stream's backlog: page() as objects, each request built from its rows. */
  async page(agent: AgentRow, cursor: FeedCursor, limit: number): Promise<SyncPage> {
    const { store } = this.ctx;
    const { since } = cursor;
    const eventsSince = timelineFrom(cursor);
    return await store.transaction(async () => {
      const channelIds = await this.pageChannels(agent, cursor);
      const entries = await store.feed.page(channelIds, since, limit);
      const requestIds = entries.filter((e) => e.kind === 'request').map((e) => e.requestId);
      const loaded = await loadWireRequests(store, requestIds, eventsSince, this.ctx.links);
      const changes: Change[] = entries.map((entry) => {
        const found = entry.kind === 'request' ? loaded.get(entry.requestId) : undefined;
        return found
          ? { type: 'request', seq: entry.seq, request: found.request, events: found.events }
          : { type: 'tombstone', seq: entry.seq, requestId: entry.requestId };
      });
      return { changes, ...(await this.pageEnd(channelIds, entries, cursor, limit)) };
    });
  }

  /**
   * GET /sync: the same page as page(), as the JSON text it answers with, written from each request's
   * stored wire JSON (wire-json.ts) rather than built again.
   */
  async pageJson(agent: AgentRow, cursor: FeedCursor, limit: number): Promise<string> {
    const { store, links } = this.ctx;
    const { since } = cursor;
    await this.catchUp(cursor);
    return await store.transaction(async () => {
      const channelIds = await this.pageChannels(agent, cursor);
      const rows = await store.feed.pageRows(channelIds, since, limit, timelineFrom(cursor));
      const changes = rows.map((row) =>
        row.json === null
          ? tombstoneChangeJson(row.seq, row.requestId)
          : requestChangeJson(row.seq, links.linkFor(row.requestId), row.json, row.events),
      );
      const end = JSON.stringify(await this.pageEnd(channelIds, rows, cursor, limit));
      return `{"changes":[${changes.join(',')}],${end.slice(1)}`;
    });
  }

  /** The channels whose changes the agent may page from `since`; 410 when the feed cannot serve it. */
  private async pageChannels(agent: AgentRow, cursor: FeedCursor): Promise<string[]> {
    const { store } = this.ctx;
    const reason = await this.resyncReason(agent, cursor);
    if (reason) throw new ServiceError(410, 'resync_required', `${reason} Sync again from 0.`);
    return visibleChannelIds(store, await agentAccess(store, agent));
  }

  /** A page's fields after its changes. */
  private async pageEnd(
    channelIds: readonly string[],
    entries: readonly FeedEntry[],
    { since, fullSyncHead }: FeedCursor,
    limit: number,
  ) {
    const { store } = this.ctx;
    const hasMore = entries.length === limit;
    const head = await store.requests.head();
    // A page from 0 begins a full sync (one asked from 0 again begins another); its pages carry it on.
    const fullSync = since === 0 ? head : fullSyncHead;
    return {
      // On the last page the agent has everything up to head: the cursor moves past changes it may not
      // see too, and past a resync point.
      next: hasMore ? entries.at(-1)!.seq : Math.max(head, since),
      hasMore,
      head,
      ...(since === 0 ? { total: await store.feed.countRequests(channelIds) } : {}),
      ...(fullSync === undefined ? {} : { fullSyncHead: fullSync }),
    };
  }
}

/**
 * The seq after which a page sends each request's timeline events. Past a full sync's first page the
 * client has none of a request's events yet (each request comes once, in the page of its last change), so
 * it gets them all; a catch-up from a cursor gets only the events added after it.
 */
function timelineFrom({ since, fullSyncHead }: FeedCursor): number {
  return fullSyncHead === undefined ? since : 0;
}
