/**
 * When to try the service again after an attempt failed or the stream dropped: a wait drawn uniformly
 * between 1 s and 4 s, afresh for every attempt and every client, and the same window however long the
 * service has been away.
 *
 * Why this window, for a fleet of N clients (say N = 10,000) that lost the service together:
 *
 * - A client cannot know the service is back until it tries. For every client to be Live within 5 s of
 *   the service answering again, no wait may be longer than 4 s: that leaves a second for the attempt
 *   itself (a catch-up through GET /sync and opening the stream; a refused one takes milliseconds). So
 *   the waits do not grow: the schedule this replaces doubled them up to 30 s, and after a 10 s outage
 *   a client could sit out another 30 s.
 * - While the service is down it sees N / 2.5 attempts a second (the mean wait is 2.5 s): 4,000/s for
 *   10,000 clients, each a refused TCP connection or a proxy's 502, which cost the service nothing.
 * - When it answers again, the clients' next attempts are spread over the following 4 s: the chance that
 *   a client's next attempt falls in a given second is at most 1 / 2.5 (a renewal process's residual
 *   wait has density P(wait > t) / mean wait), so no second brings more than N / 2.5 attempts — none is
 *   busier than a second of the outage — and they thin out to none at 4 s. No thundering herd.
 * - Right after a restart closes every stream in the same instant, the first retries spread over 3 s
 *   (at most N / 3 a second), where before they all came exactly 1 s later. Waves overlap for a few
 *   seconds (at most about N / 1.75 a second, 4 s after the drop) and settle at N / 2.5.
 *
 * `tests/main/core/pure-rules.test.ts` checks these bounds on a simulated fleet.
 */
export interface BackoffOptions {
  /** The shortest wait. */
  readonly baseMs: number;
  /** The longest wait. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 4_000 };

/** The wait before the next attempt, given a random number in [0, 1). */
export function reconnectDelay(random: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.round(options.baseMs + random * Math.max(0, options.maxMs - options.baseMs));
}
