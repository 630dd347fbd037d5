/** Time left, "Offline since", dates and digit groups as the agent reads them. */
import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatOfflineSince,
  formatTimeLeft,
  fromLocalInputValue,
  formatPin,
  formatSessionCode,
  timeLeftTick,
  toLocalInputValue,
} from '../../renderer/src/domain/format';

const at = (iso: string) => Date.parse(iso);
const NOW = new Date(2026, 2, 10, 14, 2, 30).getTime(); // local time 14:02:30

describe('formatTimeLeft', () => {
  const left = (ms: number) => formatTimeLeft(new Date(NOW + ms).toISOString(), NOW);
  it('says days and hours, hours and minutes, minutes, then seconds', () => {
    expect(left(2 * 86_400_000 + 3 * 3_600_000)).toBe('2 d 3 h');
    expect(left(86_400_000)).toBe('1 d');
    expect(left(3 * 3_600_000 + 12 * 60_000)).toBe('3 h 12 min');
    expect(left(3_600_000)).toBe('1 h');
    expect(left(12 * 60_000)).toBe('12 min');
    // Rounded up to the minute, like the service's expiry display.
    expect(left(11 * 60_000 + 1)).toBe('12 min');
    expect(left(45_000)).toBe('45 s');
    expect(left(0)).toBe('Expiring now');
    expect(left(-5_000)).toBe('Expiring now');
  });
  it('ticks every second near the end, else every minute', () => {
    expect(timeLeftTick(new Date(NOW + 90_000).toISOString(), NOW)).toBe(1_000);
    expect(timeLeftTick(new Date(NOW + 600_000).toISOString(), NOW)).toBe(60_000);
  });
});

describe('formatOfflineSince', () => {
  it('names the time today, and the date before', () => {
    expect(formatOfflineSince(new Date(2026, 2, 10, 14, 2).getTime(), NOW, 'en-GB')).toBe(
      'Offline since 14:02',
    );
    expect(formatOfflineSince(new Date(2026, 2, 9, 23, 15).getTime(), NOW, 'en-GB')).toBe(
      'Offline since 9 Mar, 23:15',
    );
  });
});

describe('formatDateTime', () => {
  it('adds the year only for another year', () => {
    expect(formatDateTime(new Date(2025, 11, 24, 9, 5).getTime(), NOW, 'en-GB')).toBe('24 Dec 2025, 09:05');
    expect(formatDateTime(at('2026-03-10T14:00:00'), NOW, 'en-GB')).toBe('14:00');
  });
});

describe('digits and inputs', () => {
  it('reads a PIN in three groups of three, a session code in two of four', () => {
    expect(formatPin('123456789')).toBe('123 456 789');
    expect(formatSessionCode('12345678')).toBe('1234 5678');
  });
  it('round-trips a datetime-local value in local time', () => {
    const value = toLocalInputValue(new Date(2026, 2, 10, 16, 30).getTime());
    expect(value).toBe('2026-03-10T16:30');
    expect(fromLocalInputValue(value)).toBe(new Date(2026, 2, 10, 16, 30).getTime());
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('not a date')).toBeNull();
  });
});
