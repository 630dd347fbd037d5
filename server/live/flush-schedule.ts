/**
 * When queued changes go out to the streams. A change queued after a quiet period goes out at the end of
 * the current turn of the event loop (setImmediate): not inside the HTTP handler that committed it, whose
 * answer is written first, and together with any other change committed in the same turn (requests that
 * arrived together). Under a stream of changes, what arrives within `windowMs` of the previous flush waits
 * for the next one, so each socket gets one write per window instead of one per change (a write per socket
 * per change is what limits fan-out to many agents), and no change waits longer than the window.
 *
 * The window starts at the previous flush's start, so the time a flush takes counts towards it: under load
 * the service flushes every `windowMs`, not every `windowMs` plus a flush.
 *
 * Time and timers come from a FlushTimer, so tests move them by hand (no sleeps).
 */
import { performance } from 'node:perf_hooks';

/** The clock and the one timer the schedule needs. */
export interface FlushTimer {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs `run` after `ms`; the returned function cancels it. */
  after(ms: number, run: () => void): () => void;
  /** Runs `run` at the end of this turn of the event loop, after its I/O callbacks; cancellable too. */
  endOfTurn(run: () => void): () => void;
}

export const systemFlushTimer: FlushTimer = {
  now: () => performance.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
  endOfTurn: (run) => {
    const immediate = setImmediate(run);
    return () => clearImmediate(immediate);
  },
};

export class FlushSchedule {
  private cancelTimer: (() => void) | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly flush: () => void,
    private readonly windowMs: number,
    private readonly timer: FlushTimer = systemFlushTimer,
  ) {}

  /** Something was queued: flush at the end of this turn if the last flush is a window ago, else once it is. */
  queued(): void {
    if (this.cancelTimer) return;
    const wait = this.lastFlush + this.windowMs - this.timer.now();
    const flush = () => this.flushNow();
    this.cancelTimer = wait <= 0 ? this.timer.endOfTurn(flush) : this.timer.after(wait, flush);
  }

  /** Flushes at once (the service stops, or a stream's messages must keep their order). */
  flushNow(): void {
    this.stop();
    this.lastFlush = this.timer.now();
    this.flush();
  }

  /** Cancels a flush waiting for its window or the end of the turn. */
  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }
}
