/**
 * The Session Requests table's rows, fetched in pages as the viewport moves. The cache in the main
 * process holds every request (100,000 and more); the renderer keeps only the pages around what is on
 * screen, and the total (for the scrollbar). Plain TypeScript, no React: the store drives it and the
 * tests run it in Node.
 *
 * - `setQuery`: a new view, filter, search or sort. Pages of the old query stay shown (dimmed by the
 *   table) until the first page of the new one arrives, so typing in the search box never blanks it.
 *   The main process answers one read at a time and cannot drop one it was sent: a query set while
 *   reads are on their way is read once they are all back, and only the newest of those set meanwhile
 *   (typing "printer" fast asks for "p" and "printer", not for each letter). Its first read covers
 *   just the screen; the pages either side follow once it has answered.
 * - `setRange`: the rows on screen. Missing pages around them (a page either side) are fetched.
 * - `refresh`: something changed (a live event). Every cached page becomes stale; only the pages on
 *   screen are read again, in one round (those either side when they come on screen: under hundreds
 *   of changes a second, reading them too doubled the main process's work for rows nobody sees). A
 *   refresh asked for during a round runs once after it: however many changes arrive, at most one
 *   round is in flight.
 * - Answers to an old query, or older than another answer for the same page, are dropped.
 * - A row whose status differs from the last one seen for that request is remembered as changed, so
 *   the table can highlight it briefly.
 */
import type { RequestStatus } from '@shared/domain/status';
import type { CodedError } from '@shared/i18n/errors';
import type { RequestQuery } from '@shared/ipc/contract';
import type { RequestPage, RequestRow } from '@shared/ipc/views';

export type WindowQuery = Omit<RequestQuery, 'offset' | 'limit'>;

/** Why a page could not be read: the core's refusal, by its code (the table words it). */
export interface PageFailure {
  readonly failed: CodedError;
}

/** A page of rows, or why it could not be read. */
export type FetchPage = (
  query: WindowQuery,
  offset: number,
  limit: number,
) => Promise<RequestPage | PageFailure>;

export interface RowWindowOptions {
  /** Rows per fetch (the contract allows up to 500). */
  readonly pageSize?: number;
  /** Pages kept in memory; the farthest from the screen go first. */
  readonly maxPages?: number;
  /** Rows fetched beyond each side of the screen (default: a page). */
  readonly overscan?: number;
  readonly now?: () => number;
}

interface CachedPage {
  readonly rows: readonly RequestRow[];
  stale: boolean;
}

/** How long a changed status is remembered as "just changed". */
export const FLASH_MS = 1_600;
/** Statuses remembered per request id, for highlighting changes; cleared past this many. */
const MAX_KNOWN_STATUSES = 50_000;

export function sameQuery(a: WindowQuery, b: WindowQuery): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The pages covering rows [start, end), with `overscan` rows either side, within `total` when known. */
export function pagesForRange(
  start: number,
  end: number,
  pageSize: number,
  overscan: number,
  total: number | null,
): number[] {
  const first = Math.max(0, start - overscan);
  let last = Math.max(first, end + overscan) - 1;
  if (total !== null) last = Math.min(last, total - 1);
  if (last < first) return total === 0 ? [] : [Math.floor(first / pageSize)];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return pages;
}

export class RowWindow {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly overscan: number;
  private readonly now: () => number;

  private query: WindowQuery;
  private generation = 0;
  private pages = new Map<number, CachedPage>();
  /** The latest fetch asked for each page: only its answer is applied. */
  private tokens = new Map<number, number>();
  private nextToken = 1;
  private knownTotal: number | null = null;
  /** The previous query's pages and total, shown until the new query's first answer. */
  private previous: { pages: Map<number, CachedPage>; total: number } | null = null;
  private range = { start: 0, end: 0 };
  private refreshing = false;
  private refreshAgain = false;
  /** Reads sent and not answered yet, of any query. */
  private inFlight = 0;
  /** A query set while reads were on their way: read when they are all back. */
  private queryWaiting = false;
  private statuses = new Map<string, RequestStatus>();
  private flashes = new Map<string, number>();
  private lastError: CodedError | null = null;
  private versionCounter = 0;

  constructor(
    query: WindowQuery,
    private readonly fetchPage: FetchPage,
    private readonly onChange: () => void,
    options: RowWindowOptions = {},
  ) {
    this.query = query;
    this.pageSize = options.pageSize ?? 100;
    this.maxPages = options.maxPages ?? 30;
    // A page ahead either side: a steady scroll finds its rows already there.
    this.overscan = options.overscan ?? this.pageSize;
    this.now = options.now ?? Date.now;
  }

  /** Bumped at every change a view must show. */
  get version(): number {
    return this.versionCounter;
  }

  /** Rows matching the query in all; the previous query's until the new one has answered. */
  get total(): number {
    return this.knownTotal ?? this.previous?.total ?? 0;
  }

  /** Whether the current query has answered at least once. */
  get loaded(): boolean {
    return this.knownTotal !== null;
  }

  get error(): CodedError | null {
    return this.lastError;
  }

  get currentQuery(): WindowQuery {
    return this.query;
  }

  /** The row at `index`, or undefined while its page is on its way. */
  rowAt(index: number): RequestRow | undefined {
    const page = Math.floor(index / this.pageSize);
    const source = this.knownTotal === null && this.previous ? this.previous.pages : this.pages;
    return source.get(page)?.rows[index - page * this.pageSize];
  }

  /** Where the request is among the cached rows, or -1. */
  indexOf(id: string): number {
    for (const [page, cached] of this.pages) {
      const at = cached.rows.findIndex((row) => row.id === id);
      if (at !== -1) return page * this.pageSize + at;
    }
    return -1;
  }

  /**
   * Whether the screen is full of rows (from fresh or stale pages): there are as many as it holds, and
   * none is still a placeholder.
   */
  screenFilled(): boolean {
    if (this.knownTotal === null || this.knownTotal < this.range.end) return false;
    for (let index = this.range.start; index < this.range.end; index++) {
      if (this.rowAt(index) === undefined) return false;
    }
    return true;
  }

  /** Whether any of `ids` is among the rows on screen. */
  showsAny(ids: ReadonlySet<string>): boolean {
    if (ids.size === 0) return false;
    const end = Math.min(this.range.end, this.total);
    for (let index = this.range.start; index < end; index++) {
      const row = this.rowAt(index);
      if (row !== undefined && ids.has(row.id)) return true;
    }
    return false;
  }

  /** When the request's status last changed while it was shown, if that was within FLASH_MS. */
  flashedAt(id: string): number | undefined {
    const at = this.flashes.get(id);
    return at !== undefined && this.now() - at < FLASH_MS ? at : undefined;
  }

  setQuery(query: WindowQuery): void {
    if (sameQuery(query, this.query)) return;
    this.query = query;
    this.generation++;
    if (this.knownTotal !== null) this.previous = { pages: this.pages, total: this.knownTotal };
    this.pages = new Map();
    this.tokens = new Map();
    this.knownTotal = null;
    this.lastError = null;
    this.refreshing = false;
    this.refreshAgain = false;
    // A new query starts at the top; the table scrolls there too.
    this.range = { start: 0, end: Math.max(this.range.end - this.range.start, 1) };
    this.changed();
    if (this.inFlight > 0) this.queryWaiting = true;
    else this.ensure();
  }

  setRange(start: number, end: number): void {
    if (start === this.range.start && end === this.range.end) return;
    this.range = { start: Math.max(0, start), end: Math.max(start, end) };
    this.ensure();
  }

  /** Something changed in the cache: read the rows on screen again (coalesced). */
  refresh(): void {
    // The new query's first read is still to come: it will read the cache as it is then.
    if (this.queryWaiting) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    for (const page of this.pages.values()) page.stale = true;
    const needed = this.screenPages();
    if (needed.length === 0) {
      // Nothing on screen (an empty result): the total may have changed all the same.
      needed.push(0);
    }
    this.refreshing = true;
    const generation = this.generation;
    void Promise.all(needed.map((page) => this.load(page))).then(() => {
      if (generation !== this.generation) return;
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.refresh();
      } else {
        // Rows that came into view during the round, or shifted into other pages.
        this.ensure();
      }
    });
  }

  private neededPages(): number[] {
    // Until the query has answered once, only the screen: the rows to show first, and the total.
    const overscan = this.knownTotal === null ? 0 : this.overscan;
    return pagesForRange(this.range.start, this.range.end, this.pageSize, overscan, this.knownTotal);
  }

  /** The pages holding the rows on screen, without the overscan. */
  private screenPages(): number[] {
    return pagesForRange(this.range.start, this.range.end, this.pageSize, 0, this.knownTotal);
  }

  /** Fetches the pages around the screen that are missing, and those on it that are stale. */
  private ensure(): void {
    if (this.queryWaiting) return;
    const onScreen = new Set(this.screenPages());
    for (const page of this.neededPages()) {
      const cached = this.pages.get(page);
      if (cached && (!cached.stale || !onScreen.has(page))) continue;
      if (this.tokens.has(page)) continue;
      void this.load(page);
    }
  }

  private async load(page: number): Promise<void> {
    const token = this.nextToken++;
    const generation = this.generation;
    this.tokens.set(page, token);
    this.inFlight++;
    let answer: RequestPage | PageFailure;
    try {
      answer = await this.fetchPage(this.query, page * this.pageSize, this.pageSize);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0 && this.queryWaiting) {
        this.queryWaiting = false;
        this.ensure();
      }
    }
    if (generation !== this.generation || this.tokens.get(page) !== token) return;
    this.tokens.delete(page);
    if ('failed' in answer) {
      this.lastError = answer.failed;
      this.changed();
      return;
    }
    this.lastError = null;
    this.apply(page, answer);
  }

  private apply(page: number, answer: RequestPage): void {
    const now = this.now();
    for (const row of answer.rows) {
      const seen = this.statuses.get(row.id);
      if (seen !== undefined && seen !== row.status) this.flashes.set(row.id, now);
      this.statuses.set(row.id, row.status);
    }
    if (this.statuses.size > MAX_KNOWN_STATUSES) this.statuses.clear();
    for (const [id, at] of this.flashes) if (now - at >= FLASH_MS) this.flashes.delete(id);

    this.pages.set(page, { rows: answer.rows, stale: false });
    const totalChanged = this.knownTotal !== answer.total;
    this.knownTotal = answer.total;
    this.previous = null;
    // Pages past the end hold nothing any more.
    const lastPage = Math.max(0, Math.ceil(answer.total / this.pageSize) - 1);
    for (const key of this.pages.keys()) if (key > lastPage) this.pages.delete(key);
    this.evict();
    this.changed();
    if (totalChanged) this.ensure();
  }

  /** Keeps at most maxPages, dropping those farthest from the screen. */
  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const centre = Math.floor((this.range.start + this.range.end) / 2 / this.pageSize);
    const needed = new Set(this.neededPages());
    const byDistance = [...this.pages.keys()]
      .filter((page) => !needed.has(page))
      .sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const page of byDistance) {
      if (this.pages.size <= this.maxPages) break;
      this.pages.delete(page);
    }
  }

  private changed(): void {
    this.versionCounter++;
    this.onChange();
  }
}
