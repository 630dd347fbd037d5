/**
 * When to try the service again: exponential backoff with full jitter between about 1 s and 30 s, so
 * thousands of clients that lost the service at once do not all come back in the same second.
 */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000 };

/** The delay before attempt `attempt` (0: the first retry), given a random number in [0, 1). */
export function backoffDelay(
  attempt: number,
  random: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(options.baseMs + random * Math.max(0, ceiling - options.baseMs));
}
