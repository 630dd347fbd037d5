/**
 * Limits on guessing: sign-in attempts per address and per account (counted before the password is
 * checked, forgotten at a successful sign-in), PIN lookups per address, session-code joins per agent,
 * set-password form posts per address. Exceeding one answers 429 with Retry-After.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ServiceError } from './errors';

export class Limiter {
  private readonly limiter: RateLimiterMemory;

  constructor(
    points: number,
    durationSeconds: number,
    private readonly message: string,
  ) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  }

  /** Counts one attempt; throws 429 once the budget is spent. */
  async hit(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      throw this.refusal(error);
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }

  private refusal(error: unknown): ServiceError {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    return ServiceError.rateLimited(seconds, `${this.message} Try again in ${seconds} s.`);
  }
}

export interface RateLimits {
  readonly loginPerAddress: Limiter;
  /** Attempts since the account's last successful sign-in (a success starts the count again). */
  readonly loginAttemptsPerAccount: Limiter;
  readonly pinPerAddress: Limiter;
  readonly joinPerAgent: Limiter;
  /** Optional where limits are chosen (ServiceOptions.limits): left out, it keeps its default. */
  readonly setPasswordPerAddress?: Limiter;
}

/** Every limit, as the service applies them. */
export type AppliedRateLimits = Required<RateLimits>;

export function defaultRateLimits(): AppliedRateLimits {
  return {
    loginPerAddress: new Limiter(20, 60, 'Too many sign-in attempts from this address.'),
    loginAttemptsPerAccount: new Limiter(10, 15 * 60, 'Too many failed sign-ins for this account.'),
    pinPerAddress: new Limiter(10, 60, 'Too many PIN attempts from this address.'),
    joinPerAgent: new Limiter(10, 60, 'Too many attempts to join by session code.'),
    setPasswordPerAddress: new Limiter(10, 60, 'Too many attempts to set a password from this address.'),
  };
}

/** The defaults, with the limits a caller chose instead (tests raise or lower some). */
export function rateLimits(chosen: Partial<RateLimits> = {}): AppliedRateLimits {
  return { ...defaultRateLimits(), ...chosen };
}
