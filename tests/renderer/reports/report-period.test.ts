/** The Reports view's period: the last N days or chosen days, as the [from, to) the service is asked for. */
import { describe, expect, it } from 'vitest';
import { customFrom, periodRange } from '../../../renderer/src/reports/report-period';

// Local time, whatever the machine's zone: 10 March 2026, 14:02:30.
const NOW = new Date(2026, 2, 10, 14, 2, 30).getTime();

describe('periodRange', () => {
  it('the last N days start at local midnight N − 1 days ago (today counts) and end now', () => {
    expect(periodRange({ kind: 'last', days: 7 }, NOW)).toEqual({
      ok: true,
      from: new Date(2026, 2, 4).toISOString(),
      to: new Date(NOW).toISOString(),
    });
    expect(periodRange({ kind: 'last', days: 30 }, NOW)).toMatchObject({
      from: new Date(2026, 1, 9).toISOString(),
    });
    // Across a year's start, by the calendar.
    const january = new Date(2026, 0, 5, 9).getTime();
    expect(periodRange({ kind: 'last', days: 90 }, january)).toMatchObject({
      from: new Date(2025, 9, 8).toISOString(),
    });
  });

  it('chosen days run from the first day’s midnight to the midnight after the last (both included)', () => {
    expect(periodRange({ kind: 'custom', first: '2026-02-27', last: '2026-03-01' }, NOW)).toEqual({
      ok: true,
      from: new Date(2026, 1, 27).toISOString(),
      to: new Date(2026, 2, 2).toISOString(),
    });
    // One day: first = last.
    expect(periodRange({ kind: 'custom', first: '2026-03-01', last: '2026-03-01' }, NOW)).toEqual({
      ok: true,
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 2, 2).toISOString(),
    });
  });

  it('says what is wrong with chosen days that make no period', () => {
    expect(periodRange({ kind: 'custom', first: '', last: '2026-03-01' }, NOW)).toEqual({
      ok: false,
      problem: 'missing',
    });
    expect(periodRange({ kind: 'custom', first: '2026-02-30', last: '2026-03-01' }, NOW)).toEqual({
      ok: false,
      problem: 'missing',
    });
    expect(periodRange({ kind: 'custom', first: '2026-03-02', last: '2026-03-01' }, NOW)).toEqual({
      ok: false,
      problem: 'order',
    });
    // Ten years is the longest the service reports on.
    expect(periodRange({ kind: 'custom', first: '2016-01-01', last: '2026-01-07' }, NOW)).toMatchObject({
      ok: true,
    });
    expect(periodRange({ kind: 'custom', first: '2016-01-01', last: '2026-01-08' }, NOW)).toEqual({
      ok: false,
      problem: 'tooLong',
    });
  });

  it('chosen days start as the same days as the last-N period they replace', () => {
    const custom = customFrom(7, NOW);
    expect(custom).toEqual({ kind: 'custom', first: '2026-03-04', last: '2026-03-10' });
    const last7 = periodRange({ kind: 'last', days: 7 }, NOW);
    const chosen = periodRange(custom, NOW);
    expect(chosen.ok && last7.ok && chosen.from === last7.from).toBe(true);
  });
});
