/// <reference lib="dom" />
/**
 * What the console bench watches in the page besides the first row (scripts/bench-ui/page-probes.ts):
 * the messages between the console's bridge and the core's Worker, in the page's clock, to say where a
 * first load spends its time. Installed before the page's scripts (addInitScript), it wraps the Worker
 * constructor the bridge calls and only listens; nothing in the console is changed. Serialised into the
 * page with `inPage`: it may use only its arguments and the page's globals.
 */

/** Times (performance.now() of the page) of the Worker's milestones; undefined while not reached. */
export interface WorkerTimes {
  /** The bridge created the core's Worker (the page's scripts ran). */
  createdAt?: number;
  /** The bridge sent `start`. */
  startSentAt?: number;
  /** The Worker answered `started` (SQLite-WASM loaded, the OPFS pool open, the core and its cache up). */
  startedAt?: number;
  /** The Worker answered `failed` (the code), e.g. cache_in_use. */
  failed?: string;
  /** The first `requests.query` the renderer sent, and when its result came back. */
  firstQuerySentAt?: number;
  firstQueryAnsweredAt?: number;
}

declare global {
  interface Window {
    __benchWorker: WorkerTimes;
  }
}

export function installWorkerProbe(): void {
  const times: WorkerTimes = {};
  window.__benchWorker = times;
  const Original = window.Worker;
  let queryId: number | undefined;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      times.createdAt ??= performance.now();
      this.addEventListener(
        'message',
        (event: MessageEvent<{ type: string; id?: number; code?: string }>) => {
          const message = event.data;
          if (message.type === 'started') times.startedAt ??= performance.now();
          else if (message.type === 'failed') times.failed ??= message.code;
          else if (message.type === 'result' && message.id === queryId) {
            times.firstQueryAnsweredAt ??= performance.now();
          }
        },
      );
    }
    override postMessage(message: unknown, transfer?: unknown): void {
      const sent = message as { type?: string; id?: number; name?: string } | null;
      if (sent?.type === 'start') times.startSentAt ??= performance.now();
      if (sent?.type === 'invoke' && sent.name === 'requests.query' && queryId === undefined) {
        queryId = sent.id;
        times.firstQuerySentAt = performance.now();
      }
      super.postMessage(message, transfer as Transferable[]);
    }
  };
}
