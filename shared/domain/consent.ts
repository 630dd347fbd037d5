/**
 * Consent lasts one session (PRODUCT.md): once the last agent disconnects, the end user's Allow access
 * lapses after the organisation's grace period, and the next Connect needs a new Allow. The grace lets an
 * agent reconnect after a dropped connection without asking again; 0 ends the permission with the session.
 */
import { TIME } from './limits';

export const CONSENT_GRACE = {
  /** The organisation setting's default, in minutes. */
  defaultMinutes: 10,
  /** The longest grace an organisation may choose: a day. */
  maxMinutes: 1_440,
} as const;

export function consentGraceMs(minutes: number): number {
  return minutes * TIME.MINUTE_MS;
}
