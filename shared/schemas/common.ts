/** Field schemas used across inputs. Messages are written for the person who typed the value. */
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '../domain/languages';
import { LIMITS } from '../domain/limits';

/** Ids are issued by the service (UUIDs); anything else cannot name a real record. */
export const idSchema = z.uuid({ error: 'This is not a valid id.' });

export const emailSchema = z
  .string({ error: 'Enter an e-mail address.' })
  .trim()
  .pipe(
    z
      .email({ error: 'Enter a valid e-mail address, like name@example.com.' })
      .max(LIMITS.emailMax, { error: `An e-mail address has at most ${LIMITS.emailMax} characters.` }),
  );

/** An ISO 8601 date and time with a time zone ("2026-11-22T14:00:00Z" or "+01:00"). */
export const dateTimeSchema = z.iso.datetime({
  offset: true,
  error: 'Use an ISO 8601 date and time with a time zone, like 2026-11-22T14:00:00Z.',
});

export const emailLanguageSchema = z.enum(EMAIL_LANGUAGES, {
  error: `Choose one of the supported languages: ${EMAIL_LANGUAGES.join(', ')}.`,
});

/** Digits typed by a person, with the spaces or dashes they may add ("123 456 789"). */
function digitCode(length: number, what: string) {
  return z
    .string({ error: `Enter the ${length}-digit ${what}.` })
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${length}}$`), { error: `The ${what} has ${length} digits.` }));
}

/** The 9-digit PIN an end user types at /pin. */
export const pinSchema = digitCode(9, 'PIN');

/** The 8-digit code another agent types to join a collaborative session. */
export const sessionCodeSchema = digitCode(8, 'session code');

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
      .min(1, { error: 'Enter the ID your remote-control app shows.', abort: true })
      .max(LIMITS.remoteIdMax, { error: `An ID has at most ${LIMITS.remoteIdMax} characters.` })
      // It must not start with "-": a launched client would read it as an option, not an ID.
      .regex(/^[A-Za-z0-9[][A-Za-z0-9@._:\-[\]]*$/, {
        error: 'An ID starts with a letter or digit and contains only letters, digits and @ . _ : - [ ].',
      }),
  );

export function optionalText(max: number, what: string) {
  return z
    .string()
    .trim()
    .max(max, { error: `${what} has at most ${max} characters.` })
    .default('');
}
