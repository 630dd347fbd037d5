/**
 * The period a report covers, as the agent picks it — the last 7, 30 or 90 days, or chosen first and last
 * days — and the [from, to) the service is asked for. Days are the agent's own (local midnight to local
 * midnight); the service counts the requests created in [from, to). Pure: the time is an argument.
 */
import { periodDays, REPORT_MAX_DAYS } from '@shared/domain/reports';

export const LAST_DAYS = [7, 30, 90] as const;
export type LastDays = (typeof LAST_DAYS)[number];

export type ReportPeriod =
  | { readonly kind: 'last'; readonly days: LastDays }
  /** `YYYY-MM-DD` as a date input gives them, both days included; '' when not chosen yet. */
  | { readonly kind: 'custom'; readonly first: string; readonly last: string };

export type PeriodProblem = 'missing' | 'order' | 'tooLong';

export type PeriodRange =
  | { readonly ok: true; readonly from: string; readonly to: string }
  | { readonly ok: false; readonly problem: PeriodProblem };

/** Local midnight of the day `days` after the one `at` is in (DST-safe: by the calendar, not by 24 h). */
function localMidnight(at: Date, days = 0): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + days);
}

/** `YYYY-MM-DD` as a local date, or null when it is not one. */
function parseDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(year, month, day);
  return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day ? date : null;
}

/** `YYYY-MM-DD` of a local date, as a date input takes it. */
export function dayInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The last N days: from local midnight N − 1 days ago (today is one of them) to now. Chosen days: from
 * the first day's midnight to the midnight after the last day.
 */
export function periodRange(period: ReportPeriod, now: number): PeriodRange {
  if (period.kind === 'last') {
    const today = new Date(now);
    return {
      ok: true,
      from: localMidnight(today, -(period.days - 1)).toISOString(),
      to: new Date(now).toISOString(),
    };
  }
  const first = parseDay(period.first);
  const last = parseDay(period.last);
  if (!first || !last) return { ok: false, problem: 'missing' };
  if (first > last) return { ok: false, problem: 'order' };
  const to = localMidnight(last, 1);
  // The service refuses a longer one (its per-day list has a row for each day).
  if (periodDays(first.getTime(), to.getTime()).length > REPORT_MAX_DAYS) {
    return { ok: false, problem: 'tooLong' };
  }
  return { ok: true, from: first.toISOString(), to: to.toISOString() };
}

/** The chosen days a custom period starts with: the same days as the last-N period it replaces. */
export function customFrom(days: LastDays, now: number): ReportPeriod {
  const today = new Date(now);
  return {
    kind: 'custom',
    first: dayInputValue(localMidnight(today, -(days - 1))),
    last: dayInputValue(today),
  };
}
