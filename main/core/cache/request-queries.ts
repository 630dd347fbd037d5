/**
 * SQL that reads requests for the UI: a window of rows for a view, status filter, search and sort; the
 * sidebar's counts; one request with its timeline. Statements are prepared once per shape of query.
 */
import type { RequestQuery, SortColumn } from '@shared/ipc/contract';
import type { RequestCounts, RequestDetails, RequestPage, TimelineEntry } from '@shared/ipc/views';
import type { TimelineEvent } from '@shared/protocol/api';
import type { CacheDatabase } from './cache-database';
import { REQUEST_GROUPS_SQL, STATUS_ORDER_SQL } from './cache-migrations';
import { pendingView, ROW_JOIN, ROW_SELECT, toRow, type SelectedRow } from './request-columns';
import { filterWord, toMatchExpression } from './search-terms';

const SORT_SQL: Record<SortColumn, string> = {
  recipientName: 'r.recipient_name COLLATE NOCASE',
  recipientEmail: 'r.recipient_email COLLATE NOCASE',
  // The lifecycle's order, not the alphabet's: the same expression as its index.
  status: STATUS_ORDER_SQL,
  assignee: 'r.assignee_name COLLATE NOCASE',
  channel: 'r.channel_name COLLATE NOCASE',
  createdAt: 'r.created_at',
  scheduledAt: 'r.scheduled_at',
  expiresAt: 'r.expires_at',
};

/**
 * A search matching fewer than one in LOOKUP_SHARE requests of its view finds its window by looking the
 * matches up one by one (about 1 µs each, their rows read) rather than by walking the view's index
 * (about 0.04 µs a row, to its end when the matches are rare): measured over 100,000 requests.
 */
const LOOKUP_SHARE = 32;

interface QueryParams {
  me: string;
  now: number;
  channel: string | null;
  statuses: string | null;
  match: string | null;
  limit: number;
  offset: number;
}

/** A note or a chat message still in the outbox. */
export interface NoteInOutbox {
  readonly outboxId: number;
  readonly kind: 'note' | 'message';
  readonly state: 'queued' | 'sending' | 'rejected' | 'sent';
  readonly text: string;
  /** A message's "also by e-mail". */
  readonly byEmail: boolean;
  readonly createdAt: number;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** The refusal's values and fields at fault, as JSON. */
  readonly errorDetails: string | null;
}

/** A group of requests and how many: final, channel id, assignee id ('' for no one), n. */
type Group = [final: 0 | 1, channelId: string, assigneeId: string, n: number];

/** What a filter keeps, twice: as SQL over `requests r`, and as the search index's filter words. */
interface Filter {
  readonly sql: string;
  readonly words: string;
}

/** What a query's view keeps, and what its statuses keep (null: any status). */
function filtersOf(query: RequestQuery, me: string): { view: Filter; statuses: Filter | null } {
  const open = filterWord('final', 0);
  const view = ((): Filter => {
    switch (query.view.type) {
      case 'all':
        return { sql: 'r.final = 0', words: open };
      case 'home':
        return {
          sql: 'r.assignee_id = @me AND r.final = 0',
          words: `${open} AND ${filterWord('assignee', me)}`,
        };
      case 'channel':
        return {
          sql: 'r.channel_id = @channel AND r.final = 0',
          words: `${open} AND ${filterWord('channel', query.view.channelId)}`,
        };
      case 'past':
        return { sql: 'r.final = 1', words: filterWord('final', 1) };
      case 'upcoming':
        return { sql: 'r.final = 0 AND r.scheduled_at > @now', words: open };
    }
  })();
  const statuses =
    query.statuses.length === 0
      ? null
      : {
          sql: 'r.status IN (SELECT value FROM json_each(@statuses))',
          words: `(${query.statuses.map((status) => filterWord('status', status)).join(' OR ')})`,
        };
  return { view, statuses };
}

export class RequestQueries {
  private readonly statements = new Map<string, ReturnType<CacheDatabase['prepare']>>();
  private readonly oneStmt;
  private readonly timelineStmt;
  private readonly groupCountsStmt;
  private readonly groupsFromRowsStmt;
  private readonly upcomingCountStmt;
  private readonly readyForMeCountStmt;
  private readonly searchCountStmt;

  constructor(private readonly db: CacheDatabase) {
    // Room for the indexes the table sorts, filters and counts on (about 45 MB for 100,000 requests) to
    // stay in memory between queries: with SQLite's default 2 MB, every query reads its index pages
    // again from the file (counting 56,000 rows of an index: 12 ms that way, 1 ms from memory).
    db.pragma(`cache_size = -${64 * 1024}`);
    this.oneStmt = db.prepare<[string], SelectedRow>(
      `SELECT ${ROW_SELECT} FROM requests r ${ROW_JOIN} WHERE r.id = ?`,
    );
    this.timelineStmt = db.prepare<[string], { body: string }>(
      'SELECT body FROM timeline WHERE request_id = ? ORDER BY id',
    );
    this.groupCountsStmt = db
      .prepare<[], Group>('SELECT final, channel_id, assignee_id, n FROM request_counts WHERE n > 0')
      .raw();
    this.groupsFromRowsStmt = db.prepare<[], Group>(REQUEST_GROUPS_SQL).raw();
    this.upcomingCountStmt = db
      .prepare<[{ now: number }], number>(
        'SELECT count(*) FROM requests WHERE final = 0 AND scheduled_at > @now',
      )
      .pluck();
    this.readyForMeCountStmt = db
      .prepare<[{ me: string }], number>(
        `SELECT count(*) FROM requests WHERE final = 0 AND status = 'ready'
         AND (assignee_id = @me OR instr(participant_ids, ' ' || @me || ' ') > 0)`,
      )
      .pluck();
    this.searchCountStmt = db
      .prepare<[{ match: string }], number>(
        'SELECT count(*) FROM request_search WHERE request_search MATCH @match',
      )
      .pluck();
  }

  /**
   * A window of rows and their total. A search is one MATCH over the search index, whose documents carry
   * their request's view and status as filter words: the total is counted by that MATCH alone, reading
   * no request. Then the window is found the cheapest way for how much of the view matched: a few
   * matches are looked up one by one and sorted; more, and the view's index is walked in order keeping
   * the matches; more than half the view, and the walk skips the fewer rows that do not match. The
   * Upcoming view (its filter is a time) and a search index a full sync has yet to rebuild
   * (`searchDeferred`: its filter words may be stale) match the words alone and count from the rows.
   */
  page(query: RequestQuery, me: string, now: number, searchDeferred = false): RequestPage {
    const { view, statuses } = filtersOf(query, me);
    const params: QueryParams = {
      me,
      now,
      channel: query.view.type === 'channel' ? query.view.channelId : null,
      statuses: statuses === null ? null : JSON.stringify(query.statuses),
      match: null,
      limit: query.limit,
      offset: query.offset,
    };
    // The rows the window is taken from, as SQL over `requests r`.
    let source = `requests r WHERE ${view.sql}${statuses === null ? '' : ` AND ${statuses.sql}`}`;
    let total: number | null = null;
    const words = toMatchExpression(query.search);
    const matching = 'SELECT rowid FROM request_search WHERE request_search MATCH @match';
    if (words !== null && (query.view.type === 'upcoming' || searchDeferred)) {
      params.match = words;
      source += ` AND r.rowid IN (${matching})`;
    } else if (words !== null) {
      // What a request of the view must match; the statuses are the index's to check too, so that the
      // view's index alone (without the status) walks the rows in order.
      const wanted = statuses === null ? `(${words})` : `(${words}) AND ${statuses.words}`;
      params.match = `${view.words} AND ${wanted}`;
      total = this.searchCountStmt.get({ match: params.match })!;
      const inView = this.count(`request_counts r WHERE ${view.sql}`, params, 'coalesce(sum(r.n), 0)');
      if (total * LOOKUP_SHARE < inView) {
        source =
          'request_search s CROSS JOIN requests r ON r.rowid = s.rowid WHERE s.request_search MATCH @match';
      } else if (total * 2 > inView) {
        params.match = `${view.words} NOT (${wanted})`;
        source = `requests r WHERE ${view.sql} AND r.rowid NOT IN (${matching})`;
      } else {
        // The walk keeps to the view itself: the index need not match its words again (for Home, half
        // the time of the MATCH).
        params.match = wanted;
        source = `requests r WHERE ${view.sql} AND r.rowid IN (${matching})`;
      }
    }
    const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const nulls =
      query.sort.column === 'scheduledAt' || query.sort.column === 'recipientEmail' ? ' NULLS LAST' : '';
    const order = `${SORT_SQL[query.sort.column]} ${direction}${nulls}, r.rowid ${direction}`;

    // The window's row ids first, from the indexes alone; only then the bodies of those rows. Skipping
    // 50,000 rows is cheap, reading 50,000 bodies to skip them is not.
    const rows = this.prepared(
      `SELECT ${ROW_SELECT} FROM requests r ${ROW_JOIN}
       WHERE r.rowid IN (SELECT r.rowid FROM ${source} ORDER BY ${order} LIMIT @limit OFFSET @offset)
       ORDER BY ${order}`,
    ).all(this.bind(params, source, true)) as SelectedRow[];
    total ??= this.count(source, params);
    return { rows: rows.map(toRow), total, offset: query.offset };
  }

  /**
   * The sidebar's numbers: most from the counts the writes keep (request_counts), two from indexes. While
   * a full sync writes its pages, nothing keeps that table (`fromRows`): the groups are counted from the
   * rows instead, as the table will be filled at its end.
   */
  counts(me: string, now: number, fromRows = false): RequestCounts {
    let [all, home, past] = [0, 0, 0];
    const channels: Record<string, number> = {};
    const groups = (fromRows ? this.groupsFromRowsStmt : this.groupCountsStmt).all();
    for (const [final, channelId, assigneeId, n] of groups) {
      if (final === 1) {
        past += n;
        continue;
      }
      all += n;
      if (assigneeId === me) home += n;
      channels[channelId] = (channels[channelId] ?? 0) + n;
    }
    return {
      all,
      home,
      past,
      upcoming: this.upcomingCountStmt.get({ now })!,
      readyForMe: this.readyForMeCountStmt.get({ me })!,
      channels,
    };
  }

  /** One request with its timeline and the notes and messages on it still in the outbox. */
  details(
    id: string,
    notes: readonly NoteInOutbox[],
    agentName: string,
    agentId: string,
  ): RequestDetails | null {
    const row = this.oneStmt.get(id);
    if (!row) return null;
    const request = toRow(row);
    const timeline: TimelineEntry[] = this.timelineStmt.all(id).map((entry) => {
      const event = JSON.parse(entry.body) as TimelineEvent;
      return { key: `event:${event.id}`, event, pending: null };
    });
    for (const note of notes) {
      // A sent note's (or message's) event is on its way in the feed: show it as pending until it lands.
      timeline.push({
        key: `outbox:${note.outboxId}`,
        event: {
          id: -note.outboxId,
          requestId: id,
          seq: request.seq,
          at: new Date(note.createdAt).toISOString(),
          type: note.kind,
          actor: { kind: 'agent', agentId, name: agentName },
          data:
            note.kind === 'message'
              ? { text: note.text, from: 'agent', byEmail: note.byEmail }
              : { text: note.text },
        },
        pending: pendingView({
          outbox_id: note.outboxId,
          outbox_state: note.state,
          error_code: note.errorCode,
          error_message: note.errorMessage,
          error_details: note.errorDetails,
        }),
      });
    }
    return { request, timeline };
  }

  /** The request as cached, without local state. */
  request(id: string): RequestDetails['request'] | null {
    const row = this.oneStmt.get(id);
    return row ? toRow(row) : null;
  }

  /** `what` (how many, by default) of the rows `source` keeps: a table and its WHERE clause. */
  private count(source: string, params: QueryParams, what = 'count(*)'): number {
    const sql = `SELECT ${what} FROM ${source}`;
    return this.prepared(sql)
      .pluck()
      .get(this.bind(params, source, false)) as number;
  }

  private prepared(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** better-sqlite3 refuses named parameters a statement does not use: pass only those it has. */
  private bind(params: QueryParams, filter: string, paged: boolean): Partial<QueryParams> {
    const used: Partial<QueryParams> = {};
    for (const key of ['me', 'now', 'channel', 'statuses', 'match'] as const) {
      if (filter.includes(`@${key}`)) Object.assign(used, { [key]: params[key] });
    }
    if (paged) Object.assign(used, { limit: params.limit, offset: params.offset });
    return used;
  }
}
