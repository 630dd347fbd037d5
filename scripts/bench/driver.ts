/**
 * The driver: status changes at a steady rate over a pool of requests. The end user denies access (POST
 * /j/<token>/deny, the join page's form) and the agent requests it again (POST
 * /api/v1/requests/{id}/rerequest), Waiting/pending ↔ Waiting/denied, one call in flight per request.
 */
import { performance } from 'node:perf_hooks';
import { feedHead, httpCall, type HttpResult } from './http';
import type { Options } from './options';

export interface PoolRequest {
  readonly id: string;
  readonly token: string;
  /** Its consent now: the next call flips it. */
  consent: 'pending' | 'denied';
}

export interface Call {
  readonly kind: 'deny' | 'rerequest';
  readonly requestId: string;
  /** performance.now() when it was due, sent and answered. */
  readonly dueAt: number;
  readonly sentAt: number;
  answeredAt: number;
  /** Date.now() when sent (the clients' clock). */
  readonly sentWallMs: number;
  status: number;
  /** Answered as expected: it made exactly one change (a seq) that every agent must receive. */
  changed: boolean;
}

/** What the driver did: its calls, and the measured window in both clocks. */
export interface Driven {
  readonly calls: readonly Call[];
  readonly failures: readonly string[];
  /** Calls due before the window ended that were never sent: the service was behind. */
  readonly unsent: number;
  /** The window, Date.now() (the service's and the clients' clock). */
  readonly measureStartWall: number;
  readonly measureEndWall: number;
  /** The window, performance.now() (the calls' clock). */
  readonly windowStart: number;
  readonly windowEnd: number;
}

/**
 * Drives `options.rate` status changes per second over `pool`: `options.warmup` seconds, then the measured
 * window of `options.seconds`, whose edges `onWindow` is told of as they pass.
 */
export async function drive(
  url: string,
  adminToken: string,
  pool: PoolRequest[],
  options: Options,
  onWindow: (phase: 'start' | 'end') => void,
): Promise<Driven> {
  const calls: Call[] = [];
  const failures: string[] = [];
  const free = pool.map((_, i) => i);
  const interval = 1000 / options.rate;
  const warmupCount = Math.round(options.rate * options.warmup);
  const total = warmupCount + Math.round(options.rate * options.seconds);
  const startedAt = performance.now();
  const startedWall = Date.now();
  let issued = 0;
  let inFlight = 0;
  let windowStarted = false;
  let windowEnded = false;
  let timer: NodeJS.Timeout | null = null;

  const done = new Promise<void>((resolve) => {
    const issue = (i: number) => {
      const index = free.shift()!;
      const request = pool[index]!;
      const kind = request.consent === 'pending' ? 'deny' : 'rerequest';
      const call: Call = {
        kind,
        requestId: request.id,
        dueAt: startedAt + i * interval,
        sentAt: performance.now(),
        answeredAt: NaN,
        sentWallMs: Date.now(),
        status: 0,
        changed: false,
      };
      calls.push(call);
      inFlight++;
      flip(url, adminToken, request, kind)
        .then(
          (result) => {
            call.status = result.status;
            const expected = kind === 'deny' ? 303 : 200;
            if (result.status === expected) {
              request.consent = kind === 'deny' ? 'denied' : 'pending';
              call.changed = true;
            } else failures.push(`${kind} → HTTP ${result.status}: ${result.text.slice(0, 200)}`);
          },
          (error: unknown) => failures.push(`${kind} → ${(error as Error).message}`),
        )
        .finally(() => {
          call.answeredAt = performance.now();
          inFlight--;
          free.push(index);
          tick();
        });
    };

    const tick = () => {
      const now = performance.now();
      if (!windowStarted && now >= startedAt + options.warmup * 1000) {
        windowStarted = true;
        onWindow('start');
      }
      if (windowStarted && !windowEnded && now >= startedAt + (options.warmup + options.seconds) * 1000) {
        windowEnded = true;
        onWindow('end');
      }
      if (timer) clearTimeout(timer);
      timer = null;
      if (windowEnded) {
        // A call still due now was not sent in time: the service was behind. It is not sent at all, so a
        // slow service makes a short run (and a low rate), not a long one.
        if (inFlight === 0) resolve();
        return;
      }
      const due = Math.min(total, Math.floor((now - startedAt) / interval) + 1);
      while (issued < due && free.length > 0) issue(issued++);
      // With every request of the pool in flight, the next call goes out at the next answer; otherwise at
      // its due time. The window's edges have their own timer.
      const edge = startedAt + (windowStarted ? options.warmup + options.seconds : options.warmup) * 1000;
      const nextCall = issued < due || issued >= total ? edge : startedAt + issued * interval;
      timer = setTimeout(tick, Math.max(0, Math.min(edge, nextCall) - performance.now()));
    };
    tick();
  });
  await done;
  return {
    calls,
    failures,
    unsent: total - issued,
    measureStartWall: startedWall + options.warmup * 1000,
    windowStart: startedAt + options.warmup * 1000,
    windowEnd: startedAt + (options.warmup + options.seconds) * 1000,
    measureEndWall: startedWall + (options.warmup + options.seconds) * 1000,
  };
}

/** The call that flips `request`'s consent: the end user denies, or the agent requests access again. */
function flip(
  url: string,
  adminToken: string,
  request: PoolRequest,
  kind: Call['kind'],
): Promise<HttpResult> {
  return kind === 'deny'
    ? httpCall('POST', `${url}/j/${request.token}/deny`, { form: true })
    : httpCall('POST', `${url}/api/v1/requests/${request.id}/rerequest`, { body: {}, token: adminToken });
}

/**
 * Opens the driver's keep-alive connections, one per request of the pool, while the service is idle.
 * Opened under load they would queue: a saturated Node event loop admits about one new connection per
 * turn (a turn here holds dozens of fan-outs), so the first calls on new connections took seconds.
 */
export async function openDriverConnections(url: string, pool: number): Promise<void> {
  await Promise.all(Array.from({ length: pool }, () => feedHead(url)));
}
