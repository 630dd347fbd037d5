/**
 * When an outbox worker (mail, webhooks) works: woken after a commit, it drains what is due, one claim
 * after another, never two drains at once (a wake during one runs the drain again after it); then it sleeps
 * until the next due time, at most `maxSleepMs`, so it notices work whatever the clock does. Stopping waits
 * for the work in flight. Its timers run outside any HTTP call (call-context.ts): what a worker does is the
 * service's own work, and the audit log must not give it the address of the call whose commit woke it.
 */
import { outsideCall } from './call-context';

export interface DueWork {
  /** Claims and does everything due now; returns when nothing is due (or `stopped()` says so). */
  readonly runDue: () => Promise<void>;
  /** When the next piece of work is due (epoch ms), or null when none is waiting. */
  readonly nextDueAt: () => Promise<number | null>;
  readonly now: () => number;
  readonly maxSleepMs: number;
  /** Whether to wake after `maxSleepMs` even when nothing is waiting (another instance may add work). */
  readonly pollWhenIdle: boolean;
  /** A drain that failed: logged, and tried again at the next wake. Absent: the drain's promise rejects. */
  readonly onError?: (error: unknown) => void;
}

export class DueWorkLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private isStopped = false;

  constructor(private readonly work: DueWork) {}

  get stopped(): boolean {
    return this.isStopped;
  }

  /** Work was committed: do it soon. */
  wake(): void {
    if (this.isStopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.sleep(0);
  }

  /** Does everything due now; resolves when done. Safe to call at any time. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.work.runDue();
        } while (this.again && !this.isStopped);
      } catch (error) {
        if (!this.work.onError) throw error;
        this.work.onError(error);
      } finally {
        this.running = undefined;
        await this.scheduleNext();
      }
    })();
    return this.running;
  }

  /** Stops taking new work and waits for the piece in hand. */
  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async scheduleNext(): Promise<void> {
    if (this.isStopped) return;
    let next: number | null;
    try {
      next = await this.work.nextDueAt();
    } catch (error) {
      if (!this.work.onError) throw error;
      this.work.onError(error);
      next = null;
    }
    if (next === null && !this.work.pollWhenIdle) return;
    const due = next === null ? this.work.maxSleepMs : next - this.work.now();
    this.sleep(Math.min(this.work.maxSleepMs, Math.max(0, due)));
  }

  private sleep(ms: number): void {
    clearTimeout(this.timer);
    this.timer = outsideCall(() => setTimeout(() => void this.drain(), ms));
    this.timer.unref();
  }
}
