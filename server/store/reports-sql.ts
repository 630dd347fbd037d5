/**
 * The SQL of reports, written once for both stores (sqlite/reports-store.ts, postgres/reports-store.ts):
 * what each dialect spells differently (parameters, a list parameter, percentiles, two nulls alike) is
 * passed in. Reports add up `request_facts`, one row per request (migration 10), which the request writer
 * rewrites from the request's row and events in the transaction of each change (`refreshFactsSql`):
 *
 * - allowed: the end user allowed access at least once (an `allowed` event); Ready at its first.
 * - denied: a `denied` event; connected: a `connected` event, the first one's time.
 * - closed, expired: the request's status (both are final).
 * - session time: each `connected` event opens an agent's span (its actor); it ends at that actor's next
 *   `disconnected`, or when access ends for everyone (`access_ended`, `closed`, `ended`, `expired`),
 *   whichever comes first; a span still open counts to now (the facts keep how many are open and the sum
 *   of their starts: their time at `now` is `open_spans × now − open_since`).
 * - outcome: the one the last `closed` event carries (issue 19; none when closed without, or by End);
 *   rating: the end user's answer to "How did we do?" (`request_ratings`).
 */
import { TIME } from '@shared/domain/limits';
import { TIME_TO_READY_BOUNDS_SECONDS } from '@shared/domain/reports';

const DAY_MS = TIME.DAY_MS;

/** Which requests a report reads: created in [from, to), in these channels, and who they belong to. */
export interface ReportFilter {
  readonly from: number;
  readonly to: number;
  readonly channelIds: readonly string[];
  /** Only the requests assigned to this agent. */
  readonly assigneeId: string | null;
  /** Only this agent's own work: the requests assigned to them or created by them. */
  readonly ownWorkOf: string | null;
  /** Open sessions count up to this time (epoch ms). */
  readonly now: number;
}

/** The groups figures are computed for: all requests, each channel, each assignee, each UTC day. */
export const REPORT_DIMENSIONS = ['total', 'channel', 'agent', 'day'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** One group's figures, as both databases answer them (times in milliseconds, durations in seconds). */
export interface ReportFiguresRow {
  dim: ReportDimension;
  /**
   * The channel id, the assignee's id (null: unassigned), the UTC day as days since 1970-01-01 (a number, as
   * text: cheaper for the database than formatting a date per request); null for the total.
   */
  key: string | null;
  created: number;
  allowed: number;
  denied: number;
  connected: number;
  closed: number;
  expired: number;
  ready_median: number | null;
  ready_p90: number | null;
  connect_median: number | null;
  connect_p90: number | null;
  session_ms: number;
  /** The closed requests by outcome, and the ratings' count and mean: the total's row only (0 and null in the others). */
  outcome_resolved: number;
  outcome_not_resolved: number;
  outcome_follow_up: number;
  outcome_none: number;
  ratings: number;
  rating_mean: number | null;
  /** The time-to-Ready histogram's counts, one column per bucket (`bucket_0`…), the last for longer ones. */
  [bucket: `bucket_${number}`]: number;
}

/** One request of the CSV export, with the times of what happened to it (epoch ms; null: never). */
export interface ReportRequestRow {
  id: string;
  created_at: number;
  channel_name: string;
  assignee_name: string | null;
  recipient_name: string;
  status: string;
  consent: string;
  ready_at: number | null;
  denied_at: number | null;
  connected_at: number | null;
  finished_at: number | null;
  session_ms: number;
  /** The request's ticket reference (ExternalRef), null when none. */
  external_system: string | null;
  external_id: string | null;
  external_url: string | null;
  /** The outcome given at closing (CloseOutcome), the end user's rating; null when none. */
  outcome: string | null;
  rating: number | null;
}

/** What each dialect spells its own way. */
export interface ReportDialect {
  /** A parameter by name: `@from` (SQLite) or `$1` (PostgreSQL, in the order the store passes them). */
  readonly param: (name: ReportParam) => string;
  /** `column IN` the list parameter `channelIds`. */
  readonly channelIn: (column: string) => string;
  /** The continuous percentiles `fractions` of `value` over the group, nulls ignored: one expression each. */
  readonly percentiles: (value: string, fractions: readonly number[]) => string[];
  /** Whether two values are the same, two nulls included. */
  readonly sameValue: (a: string, b: string) => string;
  /** A whole number from a count or sum (PostgreSQL's are bigint and numeric, which pg reads as strings). */
  readonly number: (sum: string) => string;
  /**
   * Has the database read the table through this index (SQLite's `INDEXED BY`: its planner, seeing the
   * channel condition, would take the channel index and sort 100,000 rows for a GROUP BY on the assignee);
   * nothing where the planner picks well by itself (PostgreSQL).
   */
  readonly indexedBy: (index: string) => string;
  /** The text at `key` of the JSON object stored as text in `column` (null when absent). */
  readonly jsonText: (column: string, key: string) => string;
}

/** The covering indexes reports read `request_facts` through (migration 11): every column a report needs. */
export const REPORT_INDEX = {
  byChannel: 'request_facts_report_by_channel',
  byAssignee: 'request_facts_report_by_assignee',
} as const;

export type ReportParam =
  | 'from'
  | 'to'
  | 'channelIds'
  | 'assigneeId'
  | 'ownWorkOf'
  | 'now'
  | 'afterCreated'
  | 'afterId'
  | 'limit'
  | 'requestId';

/** The events that end a session's span for everyone. */
const TERMINAL = "('access_ended', 'closed', 'ended', 'expired')";
/** The events a request's facts are computed from (a span's end is looked up among all its events). */
const FACT_EVENTS = "('allowed', 'denied', 'connected', 'closed', 'ended', 'expired')";

/**
 * Writes the facts of the request `requestId` from its row and its events over its row of
 * `request_facts` (the same computation migration 10 filled the table with). One request's few events:
 * cheap enough for every change, in its transaction.
 */
export function refreshFactsSql(d: ReportDialect): string {
  const id = d.param('requestId');
  const columns = [
    'created_at',
    'channel_id',
    'assignee_id',
    'created_by',
    'status',
    'ready_at',
    'denied_at',
    'connected_at',
    'finished_at',
    'session_ms',
    'open_spans',
    'open_since',
    'outcome',
    'rating',
  ];
  return `INSERT INTO request_facts (request_id, ${columns.join(', ')})
  SELECT r.id, r.created_at, r.channel_id, r.assignee_id, r.created_by, r.status,
    MIN(CASE WHEN e.type = 'allowed' THEN e.at END),
    MIN(CASE WHEN e.type = 'denied' THEN e.at END),
    MIN(CASE WHEN e.type = 'connected' THEN e.at END),
    MAX(CASE WHEN e.type IN ('closed', 'ended', 'expired') THEN e.at END),
    COALESCE(SUM(CASE WHEN e.type = 'connected' AND e.span_end IS NOT NULL THEN e.span_end - e.at END), 0),
    COALESCE(SUM(CASE WHEN e.type = 'connected' AND e.span_end IS NULL THEN 1 END), 0),
    COALESCE(SUM(CASE WHEN e.type = 'connected' AND e.span_end IS NULL THEN e.at END), 0),
    (SELECT ${d.jsonText('c.data', 'outcome')} FROM request_events c
      WHERE c.request_id = r.id AND c.type = 'closed' ORDER BY c.id DESC LIMIT 1),
    (SELECT g.rating FROM request_ratings g WHERE g.request_id = r.id)
  FROM requests r
  LEFT JOIN (
    SELECT e.request_id, e.type, e.at, CASE WHEN e.type = 'connected' THEN (
      SELECT MIN(x.at) FROM request_events x
      WHERE x.request_id = e.request_id AND x.id > e.id
        AND (x.type IN ${TERMINAL}
          OR (x.type = 'disconnected' AND x.actor_kind = e.actor_kind AND ${d.sameValue('x.actor_id', 'e.actor_id')}))
    ) END AS span_end
    FROM request_events e
    WHERE e.request_id = ${id} AND e.type IN ${FACT_EVENTS}
  ) e ON e.request_id = r.id
  WHERE r.id = ${id}
  GROUP BY r.id, r.created_at, r.channel_id, r.assignee_id, r.created_by, r.status
  ON CONFLICT (request_id) DO UPDATE SET
    ${columns.map((column) => `${column} = excluded.${column}`).join(',\n    ')}`;
}

/** The conditions that pick the filter's requests out of `request_facts`. */
function factsWhere(d: ReportDialect): string {
  const p = d.param;
  return `created_at >= ${p('from')} AND created_at < ${p('to')}
      AND ${d.channelIn('channel_id')}
      AND (${p('assigneeId')} IS NULL OR assignee_id = ${p('assigneeId')})
      AND (${p('ownWorkOf')} IS NULL OR assignee_id = ${p('ownWorkOf')} OR created_by = ${p('ownWorkOf')})`;
}

/** The facts of the filter's requests (`facts`), a session's time counted to `now`; paged by `page`. */
function factsCte(d: ReportDialect, page: { readonly extra: string; readonly tail: string }): string {
  return `
  facts AS (
    SELECT created_at, request_id AS id, channel_id, assignee_id, status, ready_at, denied_at, connected_at,
      finished_at, session_ms + open_spans * ${d.param('now')} - open_since AS session_ms, outcome, rating
    FROM request_facts
    WHERE ${factsWhere(d)}
      ${page.extra}
    ${page.tail}
  )`;
}

/**
 * The figures of one group of `ReportDimension`: one row for the total, one per channel, assignee or day.
 * A summary is the four; each is a statement of its own so that the stores can run them at the same time
 * (PostgreSQL each on a connection of its pool, SQLite on two reader threads): on a machine's cores at once
 * rather than one after the other. Each reads the facts as they are when it runs, so a request changed
 * while a summary is computed may count in one group's figures as before and in another's as after.
 *
 * Over 100,000 requests the cost is in the work per row, so each group does only what its answer needs:
 * the time-to-Ready histogram for the total alone, the counts alone for a day (`ReportSummary.perDay`), and
 * each reads `request_facts` through a covering index (migration 11) — no table row looked up. Durations
 * stay whole milliseconds until a percentile is taken (PostgreSQL would divide as numeric, per row), and a
 * count is `COUNT(*) FILTER`, which both databases evaluate without a CASE per row.
 */
export function summarySql(d: ReportDialect, dim: ReportDimension): string {
  const readyMs = '(ready_at - created_at)';
  const connectMs = '(connected_at - ready_at)';
  const bounds = TIME_TO_READY_BOUNDS_SECONDS.map((seconds) => seconds * 1000);
  const count = (condition: string) => d.number(`COUNT(*) FILTER (WHERE ${condition})`);
  const buckets = [...bounds, null].map((bound, index) => {
    const above = index === 0 ? '' : ` AND ${readyMs} > ${bounds[index - 1]}`;
    const within = bound === null ? '' : ` AND ${readyMs} <= ${bound}`;
    return `${count(`ready_at IS NOT NULL${above}${within}`)} AS bucket_${index}`;
  });
  const noBuckets = [
    ...buckets.map((_, index) => `0 AS bucket_${index}`),
    ...['outcome_resolved', 'outcome_not_resolved', 'outcome_follow_up', 'outcome_none', 'ratings'].map(
      (column) => `0 AS ${column}`,
    ),
    'NULL AS rating_mean',
  ].join(', ');
  const closedBy = (outcome: string) => count(`status = 'closed' AND outcome = '${outcome}'`);
  // The total's own: the closed requests by outcome and the ratings (covered by the channel's index too).
  const wrapUp = [
    `${closedBy('resolved')} AS outcome_resolved`,
    `${closedBy('not_resolved')} AS outcome_not_resolved`,
    `${closedBy('follow_up')} AS outcome_follow_up`,
    `${count("status = 'closed' AND outcome IS NULL")} AS outcome_none`,
    `${count('rating IS NOT NULL')} AS ratings`,
    `${d.number('AVG(rating)')} AS rating_mean`,
  ];
  const counts = `${d.number('COUNT(*)')} AS created,
    ${count('ready_at IS NOT NULL')} AS allowed,
    ${count('denied_at IS NOT NULL')} AS denied,
    ${count('connected_at IS NOT NULL')} AS connected,
    ${count("status = 'closed'")} AS closed,
    ${count("status = 'expired'")} AS expired`;
  const [readyMedian, readyP90] = d.percentiles(readyMs, [0.5, 0.9]).map((ms) => `${ms} / 1000.0`);
  const [connectMedian, connectP90] = d.percentiles(connectMs, [0.5, 0.9]).map((ms) => `${ms} / 1000.0`);
  // COALESCE: the total's row is there for an empty period too, where a SUM is null.
  const figures = `${counts},
    ${readyMedian} AS ready_median,
    ${readyP90} AS ready_p90,
    ${connectMedian} AS connect_median,
    ${connectP90} AS connect_p90,
    ${d.number(`COALESCE(SUM(session_ms + open_spans * ${d.param('now')} - open_since), 0)`)} AS session_ms`;
  const from = (index: string) => `FROM request_facts ${d.indexedBy(index)}\n  WHERE ${factsWhere(d)}`;
  switch (dim) {
    case 'total':
      return `SELECT 'total' AS dim, CAST(NULL AS TEXT) AS key, ${figures},
    ${[...buckets, ...wrapUp].join(',\n    ')}
  ${from(REPORT_INDEX.byChannel)}`;
    case 'channel':
      return `SELECT 'channel' AS dim, channel_id AS key, ${figures}, ${noBuckets}
  ${from(REPORT_INDEX.byChannel)}
  GROUP BY channel_id`;
    case 'agent':
      return `SELECT 'agent' AS dim, assignee_id AS key, ${figures}, ${noBuckets}
  ${from(REPORT_INDEX.byAssignee)}
  GROUP BY assignee_id`;
    case 'day':
      return `SELECT 'day' AS dim, CAST(created_at / ${DAY_MS} AS TEXT) AS key, ${counts},
    NULL AS ready_median, NULL AS ready_p90, NULL AS connect_median, NULL AS connect_p90, 0 AS session_ms,
    ${noBuckets}
  ${from(REPORT_INDEX.byChannel)}
  GROUP BY created_at / ${DAY_MS}`;
  }
}

/** One page of the requests of the filter after (`afterCreated`, `afterId`), oldest first, with their facts. */
export function requestPageSql(d: ReportDialect): string {
  const p = d.param;
  return `WITH ${factsCte(d, {
    extra: `AND (created_at > ${p('afterCreated')} OR (created_at = ${p('afterCreated')} AND request_id > ${p('afterId')}))`,
    tail: `ORDER BY created_at, request_id LIMIT ${p('limit')}`,
  })}
  SELECT f.id, f.created_at, c.name AS channel_name, a.name AS assignee_name, q.recipient_name, f.status,
    q.consent, f.ready_at, f.denied_at, f.connected_at, f.finished_at, ${d.number('f.session_ms')} AS session_ms,
    q.external_system, q.external_id, q.external_url, f.outcome, f.rating
  FROM facts f
  JOIN requests q ON q.id = f.id
  JOIN channels c ON c.id = f.channel_id
  LEFT JOIN agents a ON a.id = f.assignee_id
  ORDER BY f.created_at, f.id`;
}
