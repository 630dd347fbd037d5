/**
 * A lock taken in arrival order. The SQLite store has one connection: a transaction that awaits between
 * its statements holds this from BEGIN to COMMIT, so no other caller's statement runs inside it.
 */
export class FifoMutex {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** Takes the lock now if it is free, without waiting for a turn of the event loop. */
  tryLock(): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }

  /** Resolves once the lock is this caller's; callers get it in the order they asked. */
  lock(): Promise<void> {
    if (this.tryLock()) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock to the longest waiter, or frees it. */
  unlock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}
