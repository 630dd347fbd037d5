/// <reference lib="dom" />
/**
 * What the UI bench runs inside the page (page.evaluate / addInitScript): observers and measurements in
 * the page's own clock, so that Playwright's round trips are not counted. Each function is serialised
 * into the page: it may use only its arguments and the page's globals.
 */
import type { SessiondeskBridge } from '@shared/ipc/contract';

export interface Probe {
  firstRowAt?: number;
  /** The armed keystroke measurement (armKeystroke). */
  keystroke?: Promise<number>;
  busyFalse: number[];
  rowChanges: number;
  frames: number[];
  longTasks: number[];
}

declare global {
  interface Window {
    __bench: Probe;
    /** The bridge (renderer/src/bridge.ts declares it for the renderer). */
    readonly sessiondesk?: SessiondeskBridge;
  }
}

/** Installed before the page's scripts: when the first real row appears, aria-busy changes, long tasks. */
export function installProbe(): void {
  const probe: Probe = { busyFalse: [], rowChanges: 0, frames: [], longTasks: [] };
  window.__bench = probe;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target as Element;
      if (probe.firstRowAt === undefined && document.querySelector('.grid-row[data-request-id]')) {
        probe.firstRowAt = performance.now();
      }
      if (
        record.type === 'attributes' &&
        record.attributeName === 'aria-busy' &&
        target.getAttribute('role') === 'grid'
      ) {
        if (target.getAttribute('aria-busy') === 'false') probe.busyFalse.push(performance.now());
      }
      if (target instanceof Element && target.closest?.('.col-status')) probe.rowChanges++;
    }
  });
  const start = () =>
    observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-busy'],
      characterData: true,
    });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // not supported: the trace has the tasks anyway
  }
}

export interface ScrollResult {
  readonly frameMs: number[];
  /** Frames in which some row on screen was still a placeholder. */
  readonly blankFrames: number;
  readonly frames: number;
}

/** Scrolls the table by `stepPx` a frame for `frames` frames; the time between frames, blank frames. */
export function scrollFrames(args: { stepPx: number; frames: number }): Promise<ScrollResult> {
  const scroller = document.querySelector<HTMLElement>('.grid-scroll')!;
  const frameMs: number[] = [];
  let blankFrames = 0;
  let last = 0;
  let count = 0;
  return new Promise((resolve) => {
    const tick = (now: number) => {
      if (last) frameMs.push(now - last);
      last = now;
      const top = scroller.getBoundingClientRect().top + 36;
      const bottom = scroller.getBoundingClientRect().bottom;
      const blank = [...document.querySelectorAll<HTMLElement>('.grid-row.is-loading')].some((row) => {
        const box = row.getBoundingClientRect();
        return box.bottom > top && box.top < bottom;
      });
      if (blank) blankFrames++;
      if (count++ >= args.frames) {
        resolve({ frameMs, blankFrames, frames: args.frames });
        return;
      }
      const max = scroller.scrollHeight - scroller.clientHeight;
      scroller.scrollTop = scroller.scrollTop + args.stepPx >= max ? 0 : scroller.scrollTop + args.stepPx;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Jumps to `count` places (as dragging the scrollbar does); ms until every row on screen is filled. */
export async function jumps(args: { count: number; seed: number }): Promise<number[]> {
  const scroller = document.querySelector<HTMLElement>('.grid-scroll')!;
  let a = args.seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const times: number[] = [];
  for (let i = 0; i < args.count; i++) {
    await frame();
    const started = performance.now();
    scroller.scrollTop = Math.floor(random() * (scroller.scrollHeight - scroller.clientHeight));
    for (;;) {
      const now = await frame();
      const top = scroller.getBoundingClientRect().top + 36;
      const bottom = scroller.getBoundingClientRect().bottom;
      const onScreen = [...document.querySelectorAll<HTMLElement>('.grid-body .grid-row')].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.bottom > top && box.top < bottom;
      });
      if (onScreen.length > 0 && onScreen.every((row) => !row.classList.contains('is-loading'))) {
        times.push(now - started);
        break;
      }
      if (now - started > 10_000) {
        times.push(Number.NaN);
        break;
      }
    }
  }
  return times;
}

/**
 * Arms a measurement of the next keystroke in the search box: from the key's event time to the frame
 * after the table shows the rows of the new search. A new search marks the grid aria-busy at once (in
 * the input's own event) and clears it when its first rows are in. `window.__bench.keystroke` resolves
 * with the ms (NaN after 5 s).
 */
export function armKeystroke(): void {
  const input = document.querySelector<HTMLInputElement>('#request-search')!;
  const grid = document.querySelector<HTMLElement>('[role="grid"]')!;
  window.__bench.keystroke = new Promise((resolve) => {
    // The key's time: its keydown, or the input event for a character typed without one (ü, í).
    let pressedAt: number | null = null;
    let sawBusy = false;
    const onKey = (event: Event) => {
      pressedAt ??= event.timeStamp;
    };
    input.addEventListener('keydown', onKey, { once: true });
    input.addEventListener('input', onKey, { once: true });
    const observer = new MutationObserver(() => {
      if (grid.getAttribute('aria-busy') === 'true') {
        sawBusy = true;
        return;
      }
      if (!sawBusy || pressedAt === null) return;
      const from = pressedAt;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame((painted) => resolve(painted - from));
    });
    observer.observe(grid, { attributes: true, attributeFilter: ['aria-busy'] });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(Number.NaN);
    }, 5_000);
  });
}

/** Frame times for `ms`, and how many status cells changed meanwhile. */
export function framesFor(args: {
  ms: number;
}): Promise<{ frameMs: number[]; changes: number; longTasks: number[] }> {
  const probe = window.__bench;
  const changesBefore = probe.rowChanges;
  const longBefore = probe.longTasks.length;
  const frameMs: number[] = [];
  return new Promise((resolve) => {
    let last = 0;
    const started = performance.now();
    const tick = (now: number) => {
      if (last) frameMs.push(now - last);
      last = now;
      if (now - started >= args.ms) {
        resolve({
          frameMs,
          changes: probe.rowChanges - changesBefore,
          longTasks: probe.longTasks.slice(longBefore),
        });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * A probe as page.evaluate's text: tsx compiles this file keeping function names (`__name(fn, "x")`
 * calls), which do not exist in the page; a no-op stands in for it.
 */
export function inPage<A>(probe: (arg: A) => unknown, arg?: A): string {
  return `(() => { const __name = (f) => f; return (${probe.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}); })()`;
}

/**
 * Resolves, in the page's clock, when the core says its sync is live with at least `requests` received:
 * from the `sync` events the page is sent anyway, so that nothing polls the core meanwhile.
 */
export function untilLive(args: { requests: number }): Promise<number> {
  const bridge = window.sessiondesk!;
  return new Promise((resolve) => {
    const off = bridge.on('sync', (sync) => {
      if (sync.phase !== 'live' || sync.received < args.requests) return;
      off();
      resolve(performance.now());
    });
  });
}
