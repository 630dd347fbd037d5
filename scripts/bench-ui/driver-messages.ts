/** What the bench and its driver process (driver-child.ts) say to each other over the fork's IPC. */
import type { PoolRequest } from '../bench/driver';
import type { Options } from '../bench/options';

export type ToDriver = {
  readonly type: 'drive';
  readonly base: string;
  readonly adminToken: string;
  readonly pool: PoolRequest[];
  readonly options: Options;
};

export interface DriverReport {
  readonly asked: number;
  /** Changes made per second in the measured window. */
  readonly reachedPerSecond: number;
  readonly sentInWindow: number;
  /** Calls due that were never sent: the service (or the driver) was behind. */
  readonly unsent: number;
  readonly failures: number;
  readonly firstFailure: string | null;
  /** The pool as it is left (each request's consent now), for the next run in this process. */
  readonly pool: PoolRequest[];
}

export type FromDriver =
  | { readonly type: 'connected' }
  | { readonly type: 'window'; readonly phase: 'start' | 'end' }
  | { readonly type: 'done'; readonly report: DriverReport }
  | { readonly type: 'failed'; readonly message: string };
