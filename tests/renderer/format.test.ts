/** Time left, "Offline since", dates and digit groups as the agent reads them, in their language. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/translator';
import {
  formatDateTime,
  formatFullDateTime,
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
const en = translator('en');

describe('formatTimeLeft', () => {
  const left = (ms: number) => formatTimeLeft(en, new Date(NOW + ms).toISOString(), NOW);
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
  it('is worded in the display language', () => {
    // The pseudo-locale's words are the English ones, accented and bracketed: every part is the catalogue's.
    const pseudo = translator('en-XA');
    expect(formatTimeLeft(pseudo, new Date(NOW + 3 * 3_600_000 + 12 * 60_000).toISOString(), NOW)).toMatch(
      /^\[3 ĥ 12 ɱîñ ·+\]$/,
    );
    expect(formatTimeLeft(pseudo, new Date(NOW).toISOString(), NOW)).toMatch(/^\[Éẋþîŕîñĝ ñöŵ ·+\]$/);
  });
  it('ticks every second near the end, else every minute', () => {
    expect(timeLeftTick(new Date(NOW + 90_000).toISOString(), NOW)).toBe(1_000);
    expect(timeLeftTick(new Date(NOW + 600_000).toISOString(), NOW)).toBe(60_000);
  });
});

describe('formatOfflineSince', () => {
  it('names the time today, and the date before', () => {
    expect(formatOfflineSince(en, new Date(2026, 2, 10, 14, 2).getTime(), NOW)).toBe('Offline since 14:02');
    expect(formatOfflineSince(en, new Date(2026, 2, 9, 23, 15).getTime(), NOW)).toBe(
      'Offline since Mar 9, 23:15',
    );
  });
});

describe('formatDateTime', () => {
  it('adds the year only for another year', () => {
    expect(formatDateTime(en, new Date(2025, 11, 24, 9, 5).getTime(), NOW)).toBe('Dec 24, 2025, 09:05');
    expect(formatDateTime(en, at('2026-03-10T14:00:00'), NOW)).toBe('14:00');
  });

  it('writes dates in the language’s order, on the clock the language reads', () => {
    const christmas = new Date(2025, 11, 24, 21, 5).getTime();
    // English keeps the 24-hour clock agents had; German, Spanish and Simplified Chinese use it too.
    expect(formatDateTime(en, christmas, NOW)).toBe('Dec 24, 2025, 21:05');
    expect(formatDateTime(translator('de'), christmas, NOW)).toBe('24. Dez. 2025, 21:05');
    expect(formatDateTime(translator('es'), christmas, NOW)).toBe('24 dic 2025, 21:05');
    expect(formatDateTime(translator('zh-Hans'), christmas, NOW)).toBe('2025年12月24日 21:05');
    // Traditional Chinese (Taiwan) reads a 12-hour clock with 上午/下午: Intl decides, not this code.
    expect(formatDateTime(translator('zh-Hant'), christmas, NOW)).toMatch(/^2025年12月24日 下午0?9:05$/);
  });

  it('the full date and time for a tooltip', () => {
    expect(formatFullDateTime(en, new Date(2026, 2, 10, 16, 30).getTime())).toBe('Mar 10, 2026, 16:30');
    expect(formatFullDateTime(translator('fr'), new Date(2026, 2, 10, 16, 30).getTime())).toBe(
      '10 mars 2026, 16:30',
    );
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
