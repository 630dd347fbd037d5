/** What the Reports view's charts draw, from a ReportSummary as the service answers it. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translator';
import { reportSummarySchema, type ReportSummary } from '../../../shared/protocol/integrations';
import {
  busiestBar,
  dailySeries,
  formatDuration,
  histogramBars,
  peakDay,
  rangeLabel,
} from '../../../renderer/src/reports/report-chart-data';

const zero = { created: 0, allowed: 0, denied: 0, connected: 0, closed: 0, expired: 0 };
const noTimes = {
  timeToReady: { medianSeconds: null, p90Seconds: null },
  timeToConnect: { medianSeconds: null, p90Seconds: null },
  sessionSeconds: 0,
};

/** A summary as the service would answer: checked against the protocol's schema. */
function summary(overrides: Partial<ReportSummary>): ReportSummary {
  return reportSummarySchema.parse({
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-05T00:00:00.000Z',
    totals: { ...zero, ...noTimes },
    perDay: [],
    perChannel: [],
    perAgent: [],
    timeToReadyHistogram: [],
    outcomes: { resolved: 0, notResolved: 0, followUp: 0, none: 0 },
    satisfaction: { ratings: 0, averageRating: null },
    ...overrides,
  });
}

describe('dailySeries', () => {
  it('has every day of [from, to), days without requests at 0, each outcome in its own series', () => {
    const series = dailySeries(
      summary({
        perDay: [
          { day: '2026-03-04', ...zero, created: 1, expired: 1 },
          { day: '2026-03-02', ...zero, created: 3, allowed: 2, denied: 1, connected: 2, closed: 1 },
        ],
      }),
    );
    expect(series.days).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    expect(series.counts.created).toEqual([0, 3, 0, 1]);
    expect(series.counts.allowed).toEqual([0, 2, 0, 0]);
    expect(series.counts.denied).toEqual([0, 1, 0, 0]);
    expect(series.counts.connected).toEqual([0, 2, 0, 0]);
    expect(series.counts.closed).toEqual([0, 1, 0, 0]);
    expect(series.counts.expired).toEqual([0, 0, 0, 1]);
    expect(peakDay(series)).toEqual({ day: '2026-03-02', created: 3 });
  });

  it('counts a period that ends mid-day to that day, and a period that starts mid-day from its day', () => {
    const series = dailySeries(summary({ from: '2026-03-01T18:00:00Z', to: '2026-03-03T09:30:00Z' }));
    expect(series.days).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(peakDay(series)).toBeNull();
  });
});

describe('histogramBars', () => {
  const bars = histogramBars(
    summary({
      timeToReadyHistogram: [
        { upToSeconds: 60, count: 2 },
        { upToSeconds: 300, count: 5 },
        { upToSeconds: 3_600, count: 0 },
        { upToSeconds: null, count: 1 },
      ],
    }),
  );

  it('keeps the service’s ranges; the open one is "longer than" the last bound', () => {
    expect(bars).toEqual([
      { range: { kind: 'upTo', seconds: 60 }, count: 2 },
      { range: { kind: 'upTo', seconds: 300 }, count: 5 },
      { range: { kind: 'upTo', seconds: 3_600 }, count: 0 },
      { range: { kind: 'longer', seconds: 3_600 }, count: 1 },
    ]);
    expect(busiestBar(bars)).toEqual(bars[1]);
    expect(busiestBar(bars.map((bar) => ({ ...bar, count: 0 })))).toBeNull();
  });

  it('labels the ranges in the reader’s language', () => {
    const en = translator('en');
    expect(bars.map((bar) => rangeLabel(en, bar.range))).toEqual(['≤ 1 min', '≤ 5 min', '≤ 1 hr', '> 1 hr']);
    const de = translator('de');
    expect(rangeLabel(de, bars[1]!.range)).toBe('≤ 5 Min.');
  });
});

describe('formatDuration', () => {
  it('uses the unit that reads best, with one decimal at most', () => {
    const en = translator('en');
    expect(formatDuration(en, 45)).toBe('45 sec');
    expect(formatDuration(en, 90)).toBe('1.5 min');
    expect(formatDuration(en, 7_200)).toBe('2 hr');
    expect(formatDuration(en, 3 * 86_400)).toBe('3 days');
    // French: a decimal comma and a no-break space before the unit.
    expect(formatDuration(translator('fr'), 90)).toBe('1,5\u00A0min');
  });
});
