/**
 * The errors an open cache answers with, on either host: the store's own (its class's name, code and
 * message, as they crossed from where the store runs), and the cache that cannot answer at all.
 */
import type { CrossingError } from './cache-protocol';

/** An error thrown by the cache where it runs: the same name, code and message as there. */
export class CacheError extends Error {
  constructor(
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }

  static from(crossed: CrossingError, where = "the cache's worker thread"): CacheError {
    const error = new CacheError(crossed.code, crossed.message);
    error.name = crossed.name;
    if (crossed.stack) error.stack = `${crossed.stack}\n    (in ${where})`;
    return error;
  }
}

/** The cache cannot answer: closed, or its engine stopped working. */
export class CacheUnavailableError extends Error {
  readonly code = 'cache_unavailable';
}

/**
 * The browser's cache is held by another tab of the same origin: OPFS lets one holder at a time open the
 * pool's files. The words are the catalogue's `error.cache_in_use`.
 */
export class CacheInUseError extends Error {
  override readonly name = 'CacheInUseError';
  readonly code = 'cache_in_use';
  constructor(cause: unknown) {
    super('Sessiondesk is open in another tab of this browser, which holds its cache.', { cause });
  }
}
