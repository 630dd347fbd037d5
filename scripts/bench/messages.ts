/**
 * The IPC messages between the bench (scripts/bench/client-processes.ts) and its client processes
 * (scripts/bench/clients.ts), and the report each client process sends back at the end.
 */

/** From the bench. */
export type ToClients =
  | {
      readonly type: 'start';
      /** The service instances' URLs: each stream goes to the one its `instance` indexes. */
      readonly urls: readonly string[];
      readonly since: number;
      readonly streams: readonly StreamShare[];
      /** Streams opened at once while connecting. */
      readonly connectConcurrency: number;
    }
  /** The measured window starts (client CPU and event-loop delay are measured from here)… */
  | { readonly type: 'window-start' }
  /** …and ends. */
  | { readonly type: 'window-end' }
  /** Every stream should reach `head`: answer `drained` once they have, or at the timeout. */
  | { readonly type: 'drain'; readonly head: number; readonly timeoutMs: number }
  | {
      readonly type: 'report';
      /** Changes committed in [measureStartMs, measureEndMs) (epoch ms, the service's clock) are measured. */
      readonly measureStartMs: number;
      readonly measureEndMs: number;
      /** Per request id, when each call that changed it was sent (epoch ms), in order. */
      readonly calls: Readonly<Record<string, readonly number[]>>;
    }
  | { readonly type: 'close' };

/** One agent's stream: its access token, and which service instance holds it. */
export interface StreamShare {
  readonly token: string;
  readonly instance: number;
}

/** A latency histogram in whole milliseconds: ms → count. */
export type Histogram = Record<number, number>;

/** To the bench. */
export type FromClients =
  | { readonly type: 'connected'; readonly streams: number; readonly ms: number }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'lost'; readonly code: number; readonly reason: string }
  | { readonly type: 'drained'; readonly behind: number; readonly lowestCursor: number }
  | { readonly type: 'report'; readonly report: ClientReport };

/** The message of `type` from the client processes. */
export type FromClientsOf<T extends FromClients['type']> = Extract<FromClients, { type: T }>;

export interface ClientReport {
  readonly streams: number;
  /** Commit (the change's `updatedAt`) → receipt, measured changes only. */
  readonly commitToReceipt: Histogram;
  /** The same, per service instance holding the stream (index 0: the one the changes are written through). */
  readonly commitToReceiptByInstance: readonly Histogram[];
  /** Sending the HTTP call that made the change → receipt, measured changes only. */
  readonly sendToReceipt: Histogram;
  /** Changes whose send time could not be matched to a call (must be 0). */
  readonly unmatched: number;
  /** Every change seen by this process's streams since they opened: seq and commit time (epoch ms). */
  readonly changes: readonly { readonly seq: number; readonly commitMs: number }[];
  /** Every change this process's streams saw (each should have been received by all of them). */
  readonly seenChanges: number;
  /** Receipts short of every stream receiving every change seen (must be 0). */
  readonly missing: number;
  /** Changes committed in the window, and their receipts (streams × changes). */
  readonly measuredChanges: number;
  readonly receiptsMeasured: number;
  /** Receipts of any change that arrived inside the window [measureStart, measureEnd). */
  readonly receiptsInWindow: number;
  /** A change whose `prev` was not the stream's cursor: a gap in the feed. */
  readonly gaps: number;
  /** Streams closed by the service (any code) while the bench ran. */
  readonly lost: number;
  readonly closeCodes: readonly string[];
  /** Messages that were neither change, heartbeat, ready nor invalidate, or failed validation. */
  readonly invalid: number;
  readonly invalidates: number;
  readonly heartbeats: number;
  /** This process's CPU over the window, ms. */
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  /** This process's event-loop delay over the window, ms. */
  readonly loopDelayP50Ms: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
}
