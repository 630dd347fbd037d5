/**
 * Times, durations and numbers as the agent reads them, in the display language: "3 h 12 min" left,
 * "Offline since 14:02", "Dec 3, 14:02". Pure: the translator and the time are arguments.
 */
import { splitDuration } from '@shared/domain/display';
import type { Translator } from '@shared/i18n/translator';

const MINUTE = 60_000;

/** Time left before `expiresAt` (ISO), as a short phrase; seconds in the last minute. */
export function formatTimeLeft(t: Translator, expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return t.t('timeLeft.now');
  if (ms < MINUTE) return t.t('timeLeft.seconds', { seconds: Math.ceil(ms / 1_000) });
  const { days, hours, minutes } = splitDuration(ms);
  if (days > 0) {
    return hours > 0 ? t.t('timeLeft.daysHours', { days, hours }) : t.t('timeLeft.days', { days });
  }
  if (hours > 0) {
    return minutes > 0 ? t.t('timeLeft.hoursMinutes', { hours, minutes }) : t.t('timeLeft.hours', { hours });
  }
  return t.t('timeLeft.minutes', { minutes });
}

/** How often a time-left text changes: every second in the last minute, else every minute. */
export function timeLeftTick(expiresAt: string, now: number): number {
  return Date.parse(expiresAt) - now < 2 * MINUTE ? 1_000 : MINUTE;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * The clock a language reads. `Intl` decides from the locale (24-hour in German, French, Spanish,
 * Portuguese and Simplified Chinese; 上午/下午 in Traditional Chinese), except English: Sessiondesk has
 * always shown English agents a 24-hour clock ("Offline since 14:02"), which reads the same on either
 * side of the Atlantic, where `en` alone would give "2:02 PM".
 */
function clock(t: Translator): Intl.DateTimeFormatOptions {
  return t.locale === 'en' || t.locale.startsWith('en-') ? { hourCycle: 'h23' } : {};
}

/** "14:02" today, "Dec 3, 14:02" this year, "Dec 3, 2024, 14:02" before (in the language's order). */
export function formatDateTime(t: Translator, at: string | number, now: number): string {
  const date = new Date(at);
  const today = new Date(now);
  const time = { hour: '2-digit', minute: '2-digit', ...clock(t) } as const;
  if (sameDay(date, today)) return t.formatTime(date, time);
  const withYear = date.getFullYear() !== today.getFullYear();
  return t.formatDate(date, {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    ...time,
  });
}

/** The full date and time, for a tooltip or the details panel. */
export function formatFullDateTime(t: Translator, at: string | number): string {
  return t.formatDateTime(new Date(at), clock(t));
}

/** "Offline since 14:02" (or with the date when it was not today). */
export function formatOfflineSince(t: Translator, since: number, now: number): string {
  return t.t('connection.offlineSince', { time: formatDateTime(t, since, now) });
}

/** Digits in groups of `size` from the left, as they are read out. */
function groupDigits(code: string, size: number): string {
  return code.replace(new RegExp(`(\\d{${size}})(?=\\d)`, 'g'), '$1 ');
}

/** A PIN (9 digits) in three groups of three: "123 456 789". */
export function formatPin(pin: string): string {
  return groupDigits(pin, 3);
}

/** A session code (8 digits) in two groups of four: "1234 5678". */
export function formatSessionCode(code: string): string {
  return groupDigits(code, 4);
}

/** A datetime-local input's value ("2026-11-22T14:00") for an epoch time, in local time. */
export function toLocalInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value as epoch ms (local time), or null when empty or invalid. */
export function fromLocalInputValue(value: string): number | null {
  if (value.trim() === '') return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}
