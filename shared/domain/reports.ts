/**
 * The rules of reports (GET /reports/summary, /reports/requests.csv): which period a query means, the days
 * it lists, and the time-to-Ready histogram's buckets. Declared once: the service computes with them, the
 * client's Reports view draws with them.
 */
import { TIME } from './limits';

/** Without `from`, a report covers this many days up to `to`. */
export const REPORT_DEFAULT_DAYS = 30;

/** The longest period a report covers (its per-day list has a row for every day): ten years. */
export const REPORT_MAX_DAYS = 3_660;

/**
 * The upper bounds (seconds, inclusive) of the time-to-Ready histogram's buckets: within a minute, 2, 5,
 * 10, 30 and 60 minutes; a last bucket (bound null) holds the longer ones.
 */
export const TIME_TO_READY_BOUNDS_SECONDS = [60, 120, 300, 600, 1_800, 3_600] as const;

/** The period [from, to) a query asks for, in epoch milliseconds: `to` defaults to now, `from` 30 days before. */
export function reportPeriod(
  query: { readonly from?: string | undefined; readonly to?: string | undefined },
  now: number,
): { from: number; to: number } {
  const to = query.to === undefined ? now : Date.parse(query.to);
  const from = query.from === undefined ? to - REPORT_DEFAULT_DAYS * TIME.DAY_MS : Date.parse(query.from);
  return { from, to };
}

/** The UTC day (YYYY-MM-DD) of an instant. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Every UTC day the period [from, to) touches, oldest first; none for an empty period. */
export function periodDays(from: number, to: number): string[] {
  const days: string[] = [];
  if (to <= from) return days;
  const last = utcDay(to - 1);
  for (let day = Date.parse(`${utcDay(from)}T00:00:00Z`); ; day += TIME.DAY_MS) {
    const name = utcDay(day);
    days.push(name);
    if (name >= last) return days;
  }
}
