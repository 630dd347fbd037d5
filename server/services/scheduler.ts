/**
 * The service's timers: expiry, reminders and lapsed permissions every second (and once at start,
 * catching up after a restart); housekeeping every hour (expired tokens and set-password links, old
 * tombstones and idempotency keys, audit entries past the organisation's retention).
 */
import type { ServiceContext } from './context';
import type { ExpiryService } from './expiry';

const TICK_MS = 1_000;
const HOUSEKEEPING_MS = 3_600_000;
/** Tombstones are kept this long; a client offline for longer syncs again from 0. */
export const TOMBSTONE_RETENTION_MS = 30 * 24 * 3_600_000;
/** A replayed create with the same Idempotency-Key within this time answers the first result. */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 3_600_000;
/** An expired set-password link is kept this long, so its page still says it expired (not "unknown"). */
export const PASSWORD_LINK_RETENTION_MS = 30 * 24 * 3_600_000;

export class Scheduler {
  private tick: NodeJS.Timeout | undefined;
  private housekeeping: NodeJS.Timeout | undefined;
  /** The run in progress: a tick that comes while one runs is skipped, not stacked on it. */
  private running: Promise<void> | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly expiry: ExpiryService,
  ) {}

  async start(): Promise<void> {
    await this.runDue();
    await this.runHousekeeping();
    this.tick = setInterval(() => {
      this.running ??= this.runDue().finally(() => (this.running = undefined));
    }, TICK_MS);
    this.housekeeping = setInterval(() => void this.runHousekeeping(), HOUSEKEEPING_MS);
  }

  /** Stops the timers; resolves once a run in progress has finished (before the database closes). */
  async stop(): Promise<void> {
    clearInterval(this.tick);
    clearInterval(this.housekeeping);
    await this.running;
  }

  private async runDue(): Promise<void> {
    try {
      await this.expiry.runDue();
    } catch (error) {
      this.ctx.log.error({ err: error }, 'the clock’s run (expiry, reminders, lapses) failed');
    }
  }

  async runHousekeeping(): Promise<void> {
    const { store, clock } = this.ctx;
    const now = clock.now();
    try {
      // Several instances on one database: whichever gets there first prunes; the others skip this hour.
      await store.transaction(async () => {
        if (!(await store.tryLock('housekeeping'))) return;
        await store.tokens.pruneExpired(now);
        await store.passwordLinks.pruneExpired(now - PASSWORD_LINK_RETENTION_MS);
        await store.twoFactor.pruneChallenges(now);
        await store.feed.pruneTombstones(now - TOMBSTONE_RETENTION_MS);
        await store.idempotency.prune(now - IDEMPOTENCY_RETENTION_MS);
        // The audit log keeps what the organisation chose (days): checked hourly, so nothing outlives it
        // by more than an hour.
        const organisation = await store.organisation.get();
        if (organisation) await this.ctx.audit.prune(organisation.auditRetentionDays, now);
      });
    } catch (error) {
      this.ctx.log.error({ err: error }, 'housekeeping failed');
    }
  }
}
