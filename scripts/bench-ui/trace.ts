/**
 * The page's main-thread tasks, from a Chromium trace (DevTools protocol Tracing domain): every task the
 * renderer's main thread ran while tracing, with its duration. The longest is what the issue bounds.
 */
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

export interface Tracing {
  /** Stops and returns the durations (ms) of the page's main-thread tasks. */
  stop(): Promise<number[]>;
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

export async function startTracing(page: Page): Promise<Tracing> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (message) => {
    events.push(...(message.value as unknown as TraceEvent[]));
  });
  await session.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordContinuously',
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        '__metadata',
      ],
    },
  });
  return {
    async stop() {
      const complete = new Promise<void>((resolve) =>
        session.once('Tracing.tracingComplete', () => resolve()),
      );
      await session.send('Tracing.end');
      await complete;
      await session.detach();
      // The renderer main threads; the page's is the busiest of them.
      const mains = new Set(
        events
          .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
          .map((e) => `${e.pid}:${e.tid}`),
      );
      const byThread = new Map<string, number[]>();
      for (const e of events) {
        const thread = `${e.pid}:${e.tid}`;
        if (e.ph !== 'X' || !TASK_NAMES.has(e.name) || !mains.has(thread) || e.dur === undefined) continue;
        const list = byThread.get(thread) ?? [];
        list.push(e.dur / 1000);
        byThread.set(thread, list);
      }
      return [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    },
  };
}
