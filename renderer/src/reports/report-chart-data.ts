/**
 * What the Reports view draws, from the service's ReportSummary: the per-day series of each outcome
 * (every day of the period, those without requests at 0, so the line does not skip them), the
 * time-to-Ready ranges, and the words of durations. Pure: no chart library and no DOM here.
 */
import { periodDays } from '@shared/domain/reports';
import type { Translator } from '@shared/i18n/translator';
import type { ReportSummary } from '@shared/protocol/integrations';

type OutcomeCounts = ReportSummary['perDay'][number];

/** The outcomes a report counts, in the order the figures, the chart's lines and the tables show them. */
export const REPORT_OUTCOMES = [
  'created',
  'allowed',
  'denied',
  'connected',
  'closed',
  'expired',
] as const satisfies readonly (keyof OutcomeCounts)[];
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export interface DailySeries {
  /** `YYYY-MM-DD` (UTC, as the service buckets them), every day of the period. */
  readonly days: readonly string[];
  readonly counts: Readonly<Record<ReportOutcome, readonly number[]>>;
}

/** Each outcome per day, from the day `from` is in to the day before `to` (UTC), missing days as 0. */
export function dailySeries(summary: ReportSummary): DailySeries {
  const byDay = new Map(summary.perDay.map((day) => [day.day, day]));
  const days = periodDays(Date.parse(summary.from), Date.parse(summary.to));
  // A day the service counted outside that span (it should not) is still shown, in order.
  for (const day of byDay.keys()) if (!days.includes(day)) days.push(day);
  days.sort();
  const counts = Object.fromEntries(
    REPORT_OUTCOMES.map((outcome) => [outcome, days.map((day) => byDay.get(day)?.[outcome] ?? 0)]),
  ) as Record<ReportOutcome, number[]>;
  return { days, counts };
}

/** The day with the most requests created (the first of equals), or null without any. */
export function peakDay(series: DailySeries): { readonly day: string; readonly created: number } | null {
  let best: { day: string; created: number } | null = null;
  series.days.forEach((day, index) => {
    const created = series.counts.created[index] ?? 0;
    if (created > 0 && (!best || created > best.created)) best = { day, created };
  });
  return best;
}

/** A time-to-Ready range: within `seconds`, or longer than the last bound. */
export type ReadyRange =
  { readonly kind: 'upTo'; readonly seconds: number } | { readonly kind: 'longer'; readonly seconds: number };

export interface HistogramBar {
  readonly range: ReadyRange;
  readonly count: number;
}

/** The histogram's bars in the service's order; "longer" names the last bound before it. */
export function histogramBars(summary: ReportSummary): HistogramBar[] {
  let lastBound = 0;
  return summary.timeToReadyHistogram.map(({ upToSeconds, count }) => {
    if (upToSeconds === null) return { range: { kind: 'longer', seconds: lastBound }, count };
    lastBound = upToSeconds;
    return { range: { kind: 'upTo', seconds: upToSeconds }, count };
  });
}

/** The bar with the most requests (the first of equals), or null when none became Ready. */
export function busiestBar(bars: readonly HistogramBar[]): HistogramBar | null {
  return bars.reduce<HistogramBar | null>((best, bar) => (bar.count > (best?.count ?? 0) ? bar : best), null);
}

/**
 * A duration in the unit that reads best — seconds under a minute, minutes under an hour, hours under a
 * day, else days — with at most one decimal, in the reader's language ("45 s", "3.5 min", "2 h").
 */
export function formatDuration(t: Translator, seconds: number): string {
  const [value, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3_600
        ? [seconds / 60, 'minute']
        : seconds < 86_400
          ? [seconds / 3_600, 'hour']
          : [seconds / 86_400, 'day'];
  return t.formatNumber(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
}

/** A time-to-Ready range's label: "≤ 5 min", "> 1 h". */
export function rangeLabel(t: Translator, range: ReadyRange): string {
  const limit = formatDuration(t, range.seconds);
  return range.kind === 'upTo'
    ? t.t('reports.chart.histogram.upTo', { limit })
    : t.t('reports.chart.histogram.longer', { limit });
}

/** A `YYYY-MM-DD` day of the report (UTC) as the reader writes dates: "3 Dec". */
export function formatReportDay(t: Translator, day: string, withYear = false): string {
  return t.formatDate(new Date(`${day}T00:00:00Z`), {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}
