/**
 * The IPC messages between `npm run bench:client` (scripts/bench-client/core-process.ts) and the process
 * that hosts the measured core (scripts/bench-client/core-child.ts), and what that process reports.
 */
import type { QuerySpec } from './queries';

/** To the core's process. */
export type ToCore =
  /** Bootstrap mode: sign in to `url` and sync everything into the empty cache. */
  | {
      readonly type: 'bootstrap';
      readonly url: string;
      readonly email: string;
      readonly password: string;
      /** Whether to ask for the first 100 rows and the counts over and over while it syncs. */
      readonly readsMeanwhile: boolean;
    }
  /** Run these commands one after the other and report each one's time. */
  | { readonly type: 'queries'; readonly queries: readonly QuerySpec[] }
  /** The live phase: record every live change the cache applies from now on… */
  | { readonly type: 'record' }
  /** …and measure the event loop and CPU over the measured window. */
  | { readonly type: 'window-start' }
  | { readonly type: 'window-end' }
  /** The newest seq the cache has applied. */
  | { readonly type: 'cursor' }
  /** Stop recording; what was recorded. */
  | { readonly type: 'live-report' }
  /** Stop the core and exit. */
  | { readonly type: 'stop' };

/** From the core's process. */
export type FromCore =
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'bootstrapped'; readonly result: BootstrapResult }
  | { readonly type: 'opened'; readonly result: ColdOpenResult }
  /**
   * A cold-opened core whose connection has gone live (it caught up with the service): how long that took
   * after the first page, and the process's CPU since it started, ms.
   */
  | { readonly type: 'live'; readonly ms: number; readonly processCpuMs: number }
  | { readonly type: 'context'; readonly context: QueryContext }
  /** Each query's time, and the process's CPU over them all, ms. */
  | { readonly type: 'queried'; readonly samples: readonly QuerySample[]; readonly cpuMs: number }
  | { readonly type: 'cursor'; readonly cursor: number }
  | { readonly type: 'live-report'; readonly report: LiveReport }
  | { readonly type: 'stopped'; readonly cacheBytes: number; readonly warnings: readonly string[] };

export type FromCoreOf<T extends FromCore['type']> = Extract<FromCore, { type: T }>;

/** Quantiles of a set of durations, ms. */
export interface Spread {
  readonly count: number;
  readonly total: number;
  readonly max: number;
}

export interface BootstrapResult {
  /** account.signIn called → its answer (login, /me, the directory), ms. */
  readonly signInMs: number;
  /** account.signIn called → the first sync's first page requested (phase `bootstrapping`), ms. */
  readonly syncStartMs: number;
  /** account.signIn called → the first page's rows in the cache, ms. */
  readonly firstRowsMs: number;
  /** account.signIn called → phase `live`, everything cached, ms. */
  readonly liveMs: number;
  /** Requests in the cache once live (counts: all + past), and how many the service said there were. */
  readonly cached: number;
  readonly serviceTotal: number | null;
  /**
   * Every applyIncoming call (one transaction each, in the cache's worker; timed from the call to its
   * answer): its changes, ms, and when it began, ms after account.signIn was called.
   */
  readonly pages: readonly { readonly changes: number; readonly ms: number; readonly at: number }[];
  /** JSON.parse of the pages' bodies (strings over 1 MB), and the schema check of each page, ms. */
  readonly jsonParse: Spread;
  readonly schemaCheck: Spread;
  /**
   * requests.query (the first 100 rows) and requests.counts, one after the other for as long as the
   * bootstrap runs, as the renderer asks while it loads: each one's time, ms.
   */
  readonly queriesMeanwhile: readonly number[];
  /** Event-loop delay over the bootstrap (monitorEventLoopDelay, 1 ms resolution), ms. */
  readonly loopDelay: { readonly p50: number; readonly p99: number; readonly max: number };
  /** The core process's CPU over the bootstrap, and since it started (at this report), ms. */
  readonly cpuMs: number;
  readonly processCpuMs: number;
  readonly rssMb: number;
  readonly hwmMb: number;
  /** The cache: the SQLite file and its WAL, bytes, once live. */
  readonly cacheBytes: number;
  readonly walBytes: number;
}

export interface ColdOpenResult {
  /** From before the core's modules are imported: import done, AgentCore.start resolved, first page in hand. */
  readonly importMs: number;
  readonly startMs: number;
  readonly firstPageMs: number;
  /** importMs + startMs + firstPageMs. */
  readonly totalMs: number;
  /** requests.counts right after (the sidebar's numbers), ms. */
  readonly countsMs: number;
  readonly rows: number;
  readonly total: number;
  /** What the connection had done before the first page was in hand (it starts at once, no jitter). */
  readonly connectionBeforeFirstPage: string;
  readonly rssMb: number;
}

/** What the query mix is built from: the cached directory and some values of the cached rows. */
export interface QueryContext {
  readonly supportChannelId: string;
  readonly privateChannelId: string;
  readonly pin: string;
  readonly emailFragment: string;
  readonly fullName: string;
  readonly surname: string;
}

export interface QuerySample {
  readonly kind: string;
  readonly label: string;
  readonly ms: number;
  /** The page's `total` (rows matching), or -1 for counts. */
  readonly total: number;
}

export interface LiveRecord {
  readonly seq: number;
  readonly requestId: string;
  /** The change's updatedAt (the service's clock at its write transaction), epoch ms. */
  readonly commitMs: number;
  /** When applyLive answered (its transaction committed in the cache's worker), epoch ms. */
  readonly appliedMs: number;
  /** Changes applied together (a stream batch, or a catch-up page). */
  readonly batch: number;
}

export interface LiveReport {
  readonly records: readonly LiveRecord[];
  /** Connection states other than live seen during the window. */
  readonly connectionDrops: readonly string[];
  readonly loopDelay: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly cpuMs: number;
  readonly applyMs: Spread;
  readonly rssMb: number;
  readonly hwmMb: number;
}
