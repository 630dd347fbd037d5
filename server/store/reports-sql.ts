/**
 * The SQL of reports, written once for both stores (sqlite/reports-store.ts, postgres/reports-store.ts):
 * what each dialect spells differently (parameters, a list parameter, a UTC day, a percentile, the smaller
 * of two values) is passed in. Every figure is computed by the database over `request_events`:
 *
 * - allowed: the end user allowed access at least once (an `allowed` event); Ready at its first.
 * - denied: a `denied` event; connected: a `connected` event, the first one's time.
 * - closed, expired: the request's status (both are final).
 * - session time: each `connected` event opens an agent's span (its actor); it ends at that actor's next
 *   `disconnected`, or when access ends for everyone (`access_ended`, `closed`, `ended`, `expired`),
 *   whichever comes first; a span still open counts to now.
 */
import { TIME_TO_READY_BOUNDS_SECONDS } from '@shared/domain/reports';

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
export type ReportDimension = 'total' | 'channel' | 'agent' | 'day';

/** One group's figures, as both databases answer them (times in milliseconds, durations in seconds). */
export interface ReportFiguresRow {
  dim: ReportDimension;
  /** The channel id, the assignee's id (null: unassigned), the day (YYYY-MM-DD); null for the total. */
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
}

/** What each dialect spells its own way. */
export interface ReportDialect {
  /** A parameter by name: `@from` (SQLite) or `$1` (PostgreSQL, in the order the store passes them). */
  readonly param: (name: ReportParam) => string;
  /** `column IN` the list parameter `channelIds`. */
  readonly channelIn: (column: string) => string;
  /** The UTC day (YYYY-MM-DD) of a time in epoch ms. */
  readonly day: (millis: string) => string;
  /** The continuous percentile `fraction` of `value` over the group, nulls ignored. */
  readonly percentile: (value: string, fraction: number) => string;
  /** The smaller of two values neither of which is null. */
  readonly least: (a: string, b: string) => string;
  /** A whole number from a sum (PostgreSQL's sum of bigint is numeric, which pg reads as a string). */
  readonly number: (sum: string) => string;
}

export type ReportParam =
  'from' | 'to' | 'channelIds' | 'assigneeId' | 'ownWorkOf' | 'now' | 'afterCreated' | 'afterId' | 'limit';

const TERMINAL = "('access_ended', 'closed', 'ended', 'expired')";
const COUNTED =
  "('allowed', 'denied', 'connected', 'disconnected', 'access_ended', 'closed', 'ended', 'expired')";

/**
 * The requests of the filter (`r`, with `extra` conditions and an order/limit when paging), their events that
 * count (`ev`, each `connected` with when its span ends), and one row of facts per request (`facts`).
 */
function factsCte(d: ReportDialect, page: { readonly extra: string; readonly tail: string }): string {
  const p = d.param;
  return `
  r AS (
    SELECT id, created_at, channel_id, assignee_id, status, consent, recipient_name
    FROM requests
    WHERE created_at >= ${p('from')} AND created_at < ${p('to')}
      AND ${d.channelIn('channel_id')}
      AND (${p('assigneeId')} IS NULL OR assignee_id = ${p('assigneeId')})
      AND (${p('ownWorkOf')} IS NULL OR assignee_id = ${p('ownWorkOf')} OR created_by = ${p('ownWorkOf')})
      ${page.extra}
    ${page.tail}
  ),
  ev AS (
    SELECT e.request_id, e.at, e.type,
      MIN(CASE WHEN e.type IN ${TERMINAL} THEN e.at END) OVER (
        PARTITION BY e.request_id ORDER BY e.id ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
      ) AS all_end_at,
      LEAD(CASE WHEN e.type = 'disconnected' THEN e.at END) OVER (
        PARTITION BY e.request_id, e.actor_kind, e.actor_id, e.type IN ('connected', 'disconnected')
        ORDER BY e.id
      ) AS own_end_at
    FROM request_events e JOIN r ON r.id = e.request_id
    WHERE e.type IN ${COUNTED}
  ),
  facts AS (
    SELECT r.id, r.created_at, r.channel_id, r.assignee_id, r.status, r.consent, r.recipient_name,
      MIN(CASE WHEN ev.type = 'allowed' THEN ev.at END) AS ready_at,
      MIN(CASE WHEN ev.type = 'denied' THEN ev.at END) AS denied_at,
      MIN(CASE WHEN ev.type = 'connected' THEN ev.at END) AS connected_at,
      MAX(CASE WHEN ev.type IN ('closed', 'ended', 'expired') THEN ev.at END) AS finished_at,
      COALESCE(SUM(CASE WHEN ev.type = 'connected' THEN ${d.least(
        `COALESCE(ev.own_end_at, ${p('now')})`,
        `COALESCE(ev.all_end_at, ${p('now')})`,
      )} - ev.at END), 0) AS session_ms
    FROM r LEFT JOIN ev ON ev.request_id = r.id
    GROUP BY r.id, r.created_at, r.channel_id, r.assignee_id, r.status, r.consent, r.recipient_name
  )`;
}

/** Figures per group of `ReportDimension`: one row for the total, one per channel, assignee and day. */
export function summarySql(d: ReportDialect): string {
  const readyMs = 'ready_at - created_at';
  const bounds = TIME_TO_READY_BOUNDS_SECONDS.map((seconds) => seconds * 1000);
  const count = (condition: string) => d.number(`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`);
  const buckets = [...bounds, null].map((bound, index) => {
    const above = index === 0 ? '' : ` AND ${readyMs} > ${bounds[index - 1]}`;
    const within = bound === null ? '' : ` AND ${readyMs} <= ${bound}`;
    return `${count(`ready_at IS NOT NULL${above}${within}`)} AS bucket_${index}`;
  });
  return `WITH ${factsCte(d, { extra: '', tail: '' })},
  keyed AS (
    SELECT 'total' AS dim, CAST(NULL AS TEXT) AS key, f.* FROM facts f
    UNION ALL SELECT 'channel', f.channel_id, f.* FROM facts f
    UNION ALL SELECT 'agent', f.assignee_id, f.* FROM facts f
    UNION ALL SELECT 'day', ${d.day('f.created_at')}, f.* FROM facts f
  )
  SELECT dim, key, COUNT(*) AS created,
    ${count('ready_at IS NOT NULL')} AS allowed,
    ${count('denied_at IS NOT NULL')} AS denied,
    ${count('connected_at IS NOT NULL')} AS connected,
    ${count("status = 'closed'")} AS closed,
    ${count("status = 'expired'")} AS expired,
    ${d.percentile(`(${readyMs}) / 1000.0`, 0.5)} AS ready_median,
    ${d.percentile(`(${readyMs}) / 1000.0`, 0.9)} AS ready_p90,
    ${d.percentile('(connected_at - ready_at) / 1000.0', 0.5)} AS connect_median,
    ${d.percentile('(connected_at - ready_at) / 1000.0', 0.9)} AS connect_p90,
    ${d.number('SUM(session_ms)')} AS session_ms,
    ${buckets.join(',\n    ')}
  FROM keyed
  GROUP BY dim, key`;
}

/** One page of the requests of the filter after (`afterCreated`, `afterId`), oldest first, with their facts. */
export function requestPageSql(d: ReportDialect): string {
  const p = d.param;
  return `WITH ${factsCte(d, {
    extra: `AND (created_at > ${p('afterCreated')} OR (created_at = ${p('afterCreated')} AND id > ${p('afterId')}))`,
    tail: `ORDER BY created_at, id LIMIT ${p('limit')}`,
  })}
  SELECT f.id, f.created_at, c.name AS channel_name, a.name AS assignee_name, f.recipient_name, f.status,
    f.consent, f.ready_at, f.denied_at, f.connected_at, f.finished_at, ${d.number('f.session_ms')} AS session_ms
  FROM facts f
  JOIN channels c ON c.id = f.channel_id
  LEFT JOIN agents a ON a.id = f.assignee_id
  ORDER BY f.created_at, f.id`;
}
