/**
 * Keeps the cache in step with the service's change feed. The first run pages GET /sync from 0 (a full
 * sync); afterwards it catches up from the cursor and applies the stream's batches in order. A gap in
 * the stream sends it back to GET /sync; a cursor the service can no longer serve (410) starts a full
 * sync, during which the rows already cached stay shown until the new ones replace them.
 */
import type { SessionRequest } from '@shared/domain/session-request';
import type { SyncView } from '@shared/ipc/views';
import { syncPageSchema, type Change, type SyncPage } from '@shared/protocol/api';
import { ApiError } from '../api/api-error';
import type { AuthSession } from '../account/auth-session';
import type { AsyncCache } from '../cache/cache-protocol';
import type { CacheChange } from '../cache/cache-store';

/** Changes per page: the service's maximum; fewer round trips for a bootstrap. */
const PAGE_SIZE = 5_000;
/** A page of 5,000 requests with their timelines can take a while on a slow link. */
const PAGE_TIMEOUT_MS = 120_000;
/**
 * Changes written per transaction in a full sync. The writes run in the cache's worker; between two,
 * the worker answers the renderer's queries waiting behind them.
 */
const WRITE_CHUNK = 500;

export interface SyncListener {
  /** Rows changed in the cache. `live`: changes as they happen (notify), not a full sync's pages. */
  onChange(
    change: CacheChange,
    live: boolean,
    before: ReadonlyMap<string, SessionRequest | null>,
    changes: readonly Change[],
  ): void;
  /** Live changes up to `cursor` are in the cache, whether or not they changed anything. */
  onApplied(cursor: number): void;
  onProgress(view: SyncView): void;
}

export type BatchResult = 'applied' | 'gap';

export interface SyncEngineOptions {
  readonly now?: () => number;
  /** Changes asked per page of GET /sync; by default the service's maximum (tests page in small steps). */
  readonly pageSize?: number;
}

export class SyncEngine {
  private view: SyncView = { phase: 'idle', received: 0, total: null, lastAppliedAt: null };
  /** The cache's cursor as of the last write here. */
  private appliedCursor: number;
  /** The stream's batches, applied one after the other in the order they came. */
  private batches: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;
  private readonly pageSize: number;

  /** `cursor`: the cache's, as it says at start. */
  constructor(
    private readonly cache: AsyncCache,
    private readonly session: AuthSession,
    private readonly listener: SyncListener,
    cursor: number,
    options: SyncEngineOptions = {},
  ) {
    this.appliedCursor = cursor;
    this.now = options.now ?? Date.now;
    this.pageSize = options.pageSize ?? PAGE_SIZE;
  }

  get progress(): SyncView {
    return this.view;
  }

  cursor(): number {
    return this.appliedCursor;
  }

  /** Brings the cache up to the service's head: a full sync when needed, else pages from the cursor. */
  async catchUp(): Promise<number> {
    const state = await this.cache.syncState();
    if (state.rebuilding !== null || state.generation === 0) return this.fullSync();
    let since = state.cursor;
    try {
      for (;;) {
        const page = await this.fetchPage(since);
        await this.applyLive(page.changes, page.next);
        since = page.next;
        if (!page.hasMore) break;
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'resync_required') return this.fullSync();
      throw error;
    }
    this.setView({ phase: 'live', received: 0, total: null });
    return since;
  }

  /** Pages everything from 0. Rows stay shown meanwhile; those the sync does not see are removed at the end. */
  async fullSync(): Promise<number> {
    const first = (await this.cache.syncState()).generation === 0;
    const generation = await this.cache.beginFullSync();
    let received = 0;
    this.setView({ phase: first ? 'bootstrapping' : 'resyncing', received, total: null });
    // Each page is parsed, checked and written in the cache's worker, while the next one is fetched.
    let pending = this.prefetch(0, null);
    let total: number | null = null;
    for (;;) {
      const page = await this.cache.readIncoming(await pending);
      // The first page's fullSyncHead goes with each later cursor: cursors of a full sync are as old as
      // the changes it has yet to reach, and the service serves them for a sync begun after the agent's
      // last change of access. A sync that does not finish starts over from 0: nothing of it is kept.
      if (page.hasMore) pending = this.prefetch(page.next, page.fullSyncHead);
      total ??= page.total;
      for (let i = 0; i < page.changes; i += WRITE_CHUNK) {
        const { requests, ...change } = await this.cache.applyIncoming(i, i + WRITE_CHUNK, generation);
        received += requests;
        this.listener.onChange(change, false, new Map(), []);
      }
      this.setView({ phase: first ? 'bootstrapping' : 'resyncing', received, total });
      if (!page.hasMore) {
        const swept = await this.cache.finishFullSync(generation, page.next);
        this.appliedCursor = page.next;
        while (await this.cache.deferredStep());
        if (swept.removed.length > 0) this.listener.onChange(swept, false, new Map(), []);
        this.setView({ phase: 'live', received, total });
        return page.next;
      }
    }
  }

  /** A batch from the stream, after those before it: applied when it follows the cursor; a gap means catch up first. */
  applyBatch(prev: number, changes: readonly Change[]): Promise<BatchResult> {
    const applied = this.batches.then(async (): Promise<BatchResult> => {
      const cursor = this.cursor();
      if (prev > cursor) return 'gap';
      // Changes at or below the cursor are already here (a batch overlapping a catch-up page).
      const fresh = prev === cursor ? changes : changes.filter((c) => c.seq > cursor);
      if (fresh.length > 0) await this.applyLive(fresh, fresh.at(-1)!.seq);
      return 'applied';
    });
    this.batches = applied.catch(() => undefined);
    return applied;
  }

  private async applyLive(changes: readonly Change[], cursor: number): Promise<void> {
    const ids = [...new Set(changes.map((c) => (c.type === 'request' ? c.request.id : c.requestId)))];
    const rows = await Promise.all(ids.map((id) => this.cache.request(id)));
    const before = new Map<string, SessionRequest | null>(ids.map((id, i) => [id, rows[i] ?? null]));
    const applied = await this.cache.applyLive(changes, cursor);
    this.appliedCursor = Math.max(this.appliedCursor, cursor);
    if (applied.changed.length > 0 || applied.removed.length > 0) {
      this.view = { ...this.view, lastAppliedAt: this.now() };
      this.listener.onChange(applied, true, before, changes);
    }
    this.listener.onApplied(cursor);
  }

  /**
   * A full sync's page fetched ahead, as bytes for the cache's worker to parse: if writing the current
   * one fails first, its failure is not left unhandled.
   */
  private prefetch(since: number, fullSyncHead: number | null): Promise<ArrayBuffer> {
    const ofFullSync = fullSyncHead === null ? '' : `&fullSyncHead=${fullSyncHead}`;
    const path = `/sync?since=${since}&limit=${this.pageSize}${ofFullSync}`;
    const page = this.session.requestBytes('GET', path, { timeoutMs: PAGE_TIMEOUT_MS });
    page.catch(() => undefined);
    return page;
  }

  private fetchPage(since: number): Promise<SyncPage> {
    return this.session.request('GET', `/sync?since=${since}&limit=${this.pageSize}`, {
      schema: syncPageSchema,
      timeoutMs: PAGE_TIMEOUT_MS,
    });
  }

  private setView(update: Omit<SyncView, 'lastAppliedAt'>): void {
    this.view = { ...update, lastAppliedAt: this.view.lastAppliedAt };
    this.listener.onProgress(this.view);
  }
}
