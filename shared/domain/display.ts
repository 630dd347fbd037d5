/**
 * What the status column shows beyond the status itself: "Denied" beside Waiting, "In queue" for an
 * unassigned request, the time left before expiry, and which of the Past and Upcoming views it is in.
 */
import type { SessionRequest } from './session-request';
import { isFinalStatus } from './status';

export interface TimeLeft {
  readonly totalMs: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

export interface DisplayState {
  readonly denied: boolean;
  readonly inQueue: boolean;
  /** Null once the request is closed or expired. Zero when the expiry time has passed. */
  readonly timeLeft: TimeLeft | null;
  /** Closed or expired: shown in the Past view. */
  readonly past: boolean;
  /** Scheduled for a time still ahead: shown in the Upcoming view. */
  readonly upcoming: boolean;
}

/** Splits a duration into whole days, hours and minutes, rounding up to the minute. */
export function splitDuration(ms: number): TimeLeft {
  const totalMs = Math.max(0, ms);
  const totalMinutes = Math.ceil(totalMs / 60_000);
  return {
    totalMs,
    days: Math.floor(totalMinutes / 1_440),
    hours: Math.floor((totalMinutes % 1_440) / 60),
    minutes: totalMinutes % 60,
  };
}

export function displayState(
  request: Pick<SessionRequest, 'status' | 'consent' | 'assigneeId' | 'expiresAt' | 'scheduledAt'>,
  now: number,
): DisplayState {
  const past = isFinalStatus(request.status);
  return {
    denied: request.status === 'waiting' && request.consent === 'denied',
    inQueue: !past && request.assigneeId === null,
    timeLeft: past ? null : splitDuration(Date.parse(request.expiresAt) - now),
    past,
    upcoming: !past && request.scheduledAt !== null && Date.parse(request.scheduledAt) > now,
  };
}
