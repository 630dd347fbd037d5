/**
 * Limits on guessing: sign-in attempts per address and per account (counted before the password is
 * checked, forgotten at a successful sign-in), second-factor codes per agent (likewise), PIN lookups per
 * address, session-code joins per agent, set-password form posts per address, and chat messages (issue 19)
 * per agent and request and, from the join page, per request. Exceeding one answers 429 with Retry-After.
 *
 * Where they count comes with the database: in the process's memory on SQLite (one process), in the
 * `rate_limits` table on PostgreSQL, which every instance counts in, so tries spread over instances add
 * up. Who tries (an address, an e-mail address, an agent) is counted by a keyed hash, never stored as is.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { CONVERSATION_LIMITS } from '@shared/domain/conversation';
import { englishError } from '@shared/domain/errors';
import { ServiceError } from './errors';

/** A limit: how many attempts in how long, and what the person refused is told (its code and English). */
export class Limit {
  constructor(
    readonly points: number,
    readonly durationSeconds: number,
    readonly message: string,
    readonly code: RateLimitCode = 'rate_limited',
  ) {}
}

/** The codes a 429 carries: guessing limits say `rate_limited`; the chat's own says what was too many. */
export type RateLimitCode = 'rate_limited' | 'too_many_messages';

export const DEFAULT_LIMITS = {
  loginPerAddress: new Limit(20, 60, 'Too many sign-in attempts from this address.'),
  /** Attempts since the account's last successful sign-in (a success starts the count again). */
  loginAttemptsPerAccount: new Limit(10, 15 * 60, 'Too many failed sign-ins for this account.'),
  pinPerAddress: new Limit(10, 60, 'Too many PIN attempts from this address.'),
  joinPerAgent: new Limit(10, 60, 'Too many attempts to join by session code.'),
  setPasswordPerAddress: new Limit(10, 60, 'Too many attempts to set a password from this address.'),
  /** Each start stores an attempt for minutes: what one address may make of them. */
  ssoStartPerAddress: new Limit(20, 60, 'Too many single sign-on attempts from this address.'),
  /**
   * Codes of an authenticator or recovery codes tried since the agent's last accepted one (at sign-in and
   * when changing two-factor sign-in): with at most three six-digit codes valid at a time, ten tries in
   * 15 minutes give a guesser one chance in 30 000 per quarter hour.
   */
  secondFactorPerAgent: new Limit(10, 15 * 60, 'Too many wrong codes for this account.'),
  /** Chat messages (issue 19): one agent's on one request (key `agentId:requestId`). */
  agentMessagesPerRequest: new Limit(
    CONVERSATION_LIMITS.agentMessagesPerMinute,
    60,
    'Too many messages on this request.',
    'too_many_messages',
  ),
  /** The end user's messages on one request, from the join page (key: the request id). */
  endUserMessagesPerRequest: new Limit(
    CONVERSATION_LIMITS.endUserMessagesPerMinute,
    60,
    'Too many messages on this request.',
    'too_many_messages',
  ),
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof DEFAULT_LIMITS;
const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[];

/** Limits chosen instead of the defaults (tests raise or lower some); each left out keeps its default. */
export type LimitChoices = Partial<Record<LimitName, Limit>>;

/** Where a limit counts: the counter of the limit called `name`. */
export type LimitCounters = (name: LimitName, limit: Limit) => RateLimiterAbstract;

/** In this process's memory: enough for one process (SQLite). */
export const countedInMemory: LimitCounters = (_name, limit) =>
  new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds });

/**
 * In the `rate_limits` table on PostgreSQL, which the migrations create (0006-baseline), each limit's
 * keys prefixed with its name. The library's own clearing of expired rows is off: it would run on a
 * timer per limit and per instance that nothing stops; the backend clears them (`clearExpiredCounts`).
 */
export function countedInPostgres(pool: pg.Pool): LimitCounters {
  return (name, limit) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMITS_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: name,
      points: limit.points,
      duration: limit.durationSeconds,
    });
}

const RATE_LIMITS_TABLE = 'rate_limits';

/** How long a count stays in the table after it ended: instances whose clocks differ agree it ended. */
const EXPIRED_COUNT_KEPT_MS = 60 * 60 * 1000;

/** Deletes the counts (of every limit) that ended over an hour before `now`. */
export async function clearExpiredCounts(pool: pg.Pool, now: number): Promise<void> {
  await pool.query(`DELETE FROM ${RATE_LIMITS_TABLE} WHERE expire < $1`, [now - EXPIRED_COUNT_KEPT_MS]);
}

/** A limit as the service applies it, counting in its counter by a keyed hash of who tries. */
export class Limiter {
  constructor(
    private readonly counter: RateLimiterAbstract,
    private readonly message: string,
    private readonly hashKey: (key: string) => string,
    private readonly code: RateLimitCode = 'rate_limited',
  ) {}

  /**
   * Counts one attempt; throws 429 once the budget is spent. When the count cannot be made (the database
   * cannot be reached) the database's error is thrown: the attempt is refused, never let through uncounted.
   */
  async hit(key: string): Promise<void> {
    try {
      await this.counter.consume(this.hashKey(key));
    } catch (error) {
      throw this.refusal(error);
    }
  }

  async reset(key: string): Promise<void> {
    await this.counter.delete(this.hashKey(key));
  }

  private refusal(error: unknown): unknown {
    if (!(error instanceof RateLimiterRes)) return error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    // The chat's limit is worded by its catalogue sentence, which clients say in their reader's language.
    const message =
      this.code === 'rate_limited'
        ? `${this.message} Try again in ${seconds} s.`
        : englishError(this.code, { seconds });
    return ServiceError.rateLimited(seconds, message, this.code);
  }
}

export type RateLimits = Readonly<Record<LimitName, Limiter>>;

/**
 * The limits a service applies: the defaults, with those chosen instead, counting in `counters`. Keys are
 * hashed with a key derived from `serviceKey` (every instance has the same one), so the table of counts
 * holds no address and no e-mail address, and every key has the same length whatever it hashes.
 */
export function rateLimits(
  counters: LimitCounters,
  serviceKey: Buffer,
  chosen: LimitChoices = {},
): RateLimits {
  const hashKeyWith = Buffer.from(
    hkdfSync('sha256', serviceKey, Buffer.alloc(0), 'sessiondesk rate limit keys', 32),
  );
  const hashKey = (key: string) => createHmac('sha256', hashKeyWith).update(key).digest('base64url');
  const limits = { ...DEFAULT_LIMITS, ...chosen };
  const applied = (name: LimitName) =>
    new Limiter(counters(name, limits[name]), limits[name].message, hashKey, limits[name].code);
  return Object.fromEntries(LIMIT_NAMES.map((name) => [name, applied(name)])) as RateLimits;
}
