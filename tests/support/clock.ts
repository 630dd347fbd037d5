/** A clock the test moves by hand: the service reads time only through it. */
import type { Clock } from '../../server/services/clock';

export class ManualClock implements Clock {
  constructor(private current = Date.parse('2026-11-22T12:00:00Z')) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
