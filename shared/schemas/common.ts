/**
 * Field schemas used across inputs. They state limits and shapes, not sentences: a refusal is a field
 * issue code with the check's own numbers (validation.ts), worded by each client's catalogue.
 */
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '../domain/languages';
import { LIMITS } from '../domain/limits';
import { coded, codedPattern } from './validation';

/** Ids are issued by the service (UUIDs); anything else cannot name a real record. */
export const idSchema = z.uuid();

export const emailSchema = z.string().trim().pipe(z.email().max(LIMITS.emailMax));

/** An ISO 8601 date and time with a time zone ("2026-11-22T14:00:00Z" or "+01:00"). */
export const dateTimeSchema = z.iso.datetime({ offset: true });

export const emailLanguageSchema = z.enum(EMAIL_LANGUAGES);

/** Digits typed by a person, with the spaces or dashes they may add ("123 456 789"). */
function digitCode(length: number) {
  return z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(codedPattern(new RegExp(`^\\d{${length}}$`), 'digits', { length })));
}

/** The 9-digit PIN an end user types at /pin. */
export const pinSchema = digitCode(9);

/** The 8-digit code another agent types to join a collaborative session. */
export const sessionCodeSchema = digitCode(8);

/**
 * The ID the end user's remote-control app shows (AnyDesk or RustDesk ID, alias, or host[:port]).
 * Checked against the chosen client's own pattern before any launch.
 */
export const remoteIdSchema = z
  .string()
  // Apps show IDs in groups ("123 456 789"): the spaces are not part of the ID.
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .min(1, { abort: true })
      .max(LIMITS.remoteIdMax)
      // It must not start with "-": a launched client would read it as an option, not an ID.
      .regex(codedPattern(/^[A-Za-z0-9[][A-Za-z0-9@._:\-[\]]*$/, 'invalid_remote_id')),
  );

/** Free text that may be left empty, trimmed, at most `max` characters. */
export function optionalText(max: number) {
  return z.string().trim().max(max).default('');
}

const MINUTES_PER = { days: 24 * 60, hours: 60, minutes: 1 } as const;

/** Minutes in the largest unit that holds them whole (1440 → 1 day, 90 → 90 minutes). */
function inLargestUnit(minutes: number): { amount: number; unit: keyof typeof MINUTES_PER } {
  if (minutes > 0 && minutes % MINUTES_PER.days === 0)
    return { amount: minutes / MINUTES_PER.days, unit: 'days' };
  if (minutes > 0 && minutes % MINUTES_PER.hours === 0)
    return { amount: minutes / MINUTES_PER.hours, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/**
 * A whole number of minutes from `min` to `max` (a default expiry, a grace). A refusal says its bound as
 * a person would, "at most 30 days" rather than 43,200 minutes; the API document shows the bounds.
 */
export function minutesSchema(min: number, max: number) {
  return z
    .number()
    .int()
    .refine((minutes) => minutes >= min, { ...coded('duration_too_short', inLargestUnit(min)), abort: true })
    .refine((minutes) => minutes <= max, coded('duration_too_long', inLargestUnit(max)))
    .meta({ minimum: min, maximum: max });
}
