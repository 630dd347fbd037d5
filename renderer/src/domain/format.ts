/**
 * Times, durations and numbers as the agent reads them: "3 h 12 min" left, "Offline since 14:02",
 * "Today 09:30". Pure: the time and locale are arguments.
 */
import { splitDuration } from '@shared/domain/display';
import { STRINGS } from '../strings';

const MINUTE = 60_000;

/** Time left before `expiresAt` (ISO), as a short phrase; seconds in the last minute. */
export function formatTimeLeft(expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return STRINGS.timeLeft.now;
  if (ms < MINUTE) return STRINGS.timeLeft.seconds(Math.ceil(ms / 1_000));
  const { days, hours, minutes } = splitDuration(ms);
  if (days > 0) return STRINGS.timeLeft.days(days, hours);
  if (hours > 0) return STRINGS.timeLeft.hours(hours, minutes);
  return STRINGS.timeLeft.minutes(minutes);
}

/** How often a time-left text changes: every second in the last minute, else every minute. */
export function timeLeftTick(expiresAt: string, now: number): number {
  return Date.parse(expiresAt) - now < 2 * MINUTE ? 1_000 : MINUTE;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "14:02" today, "3 Dec 14:02" this year, "3 Dec 2024 14:02" before. */
export function formatDateTime(at: string | number, now: number, locale?: string): string {
  const date = new Date(at);
  const today = new Date(now);
  if (sameDay(date, today)) return formatter(locale, TIME).format(date);
  const withYear = date.getFullYear() !== today.getFullYear();
  return formatter(locale, {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    ...TIME,
  }).format(date);
}

/** The full date and time, for a tooltip or the details panel. */
export function formatFullDateTime(at: string | number, locale?: string): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(
    new Date(at),
  );
}

/** "Offline since 14:02" (or with the date when it was not today). */
export function formatOfflineSince(since: number, now: number, locale?: string): string {
  return STRINGS.connection.offlineSince(formatDateTime(since, now, locale));
}

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
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
