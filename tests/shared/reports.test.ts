import { describe, expect, it } from 'vitest';
import { periodDays, REPORT_MAX_DAYS, reportPeriod, utcDay } from '@shared/domain/reports';
import { checkReportPeriod } from '@shared/schemas/report-period';

const NOW = Date.parse('2026-11-22T12:34:56.789Z');
const DAY = 86_400_000;

describe('a report’s period', () => {
  it('defaults to the 30 days up to now, or up to `to`', () => {
    expect(reportPeriod({}, NOW)).toEqual({ from: NOW - 30 * DAY, to: NOW });
    const to = '2026-11-01T00:00:00Z';
    expect(reportPeriod({ to }, NOW)).toEqual({ from: Date.parse(to) - 30 * DAY, to: Date.parse(to) });
    expect(reportPeriod({ from: '2026-11-20T00:00:00+01:00' }, NOW)).toEqual({
      from: Date.parse('2026-11-19T23:00:00Z'),
      to: NOW,
    });
  });

  it('ends after it starts, and spans at most REPORT_MAX_DAYS', () => {
    expect(checkReportPeriod({ from: NOW, to: NOW + 1 })).toEqual([]);
    expect(checkReportPeriod({ from: NOW, to: NOW }).map((i) => [i.field, i.code])).toEqual([
      ['to', 'period_order'],
    ]);
    expect(checkReportPeriod({ from: NOW, to: NOW + REPORT_MAX_DAYS * DAY })).toEqual([]);
    const tooLong = checkReportPeriod({ from: NOW, to: NOW + REPORT_MAX_DAYS * DAY + 1 });
    expect(tooLong).toEqual([
      expect.objectContaining({
        field: 'from',
        code: 'duration_too_long',
        params: { unit: 'days', amount: 3660 },
      }),
    ]);
  });
});

describe('the days of a period', () => {
  it('lists every UTC day it touches, [from, to)', () => {
    expect(periodDays(Date.parse('2026-11-10T00:00:00Z'), Date.parse('2026-11-12T00:00:00Z'))).toEqual([
      '2026-11-10',
      '2026-11-11',
    ]);
    expect(periodDays(Date.parse('2026-10-31T23:59:59Z'), Date.parse('2026-11-01T00:00:01Z'))).toEqual([
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(periodDays(NOW, NOW + 1)).toEqual(['2026-11-22']);
    expect(periodDays(NOW, NOW)).toEqual([]);
    expect(periodDays(NOW - 30 * DAY, NOW)).toHaveLength(31);
  });

  it('names a day in UTC', () => {
    expect(utcDay(Date.parse('2026-11-22T23:59:59.999-01:00'))).toBe('2026-11-23');
  });
});
