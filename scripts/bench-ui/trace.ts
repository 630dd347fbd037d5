/**
 * The page's main-thread tasks, from a Chromium trace (DevTools protocol Tracing domain): every task the
 * renderer's main thread ran while tracing, with its duration. The longest is what the issue bounds.
 *
 * The trace is kept in Chromium until it stops and then read as a stream (`ReturnAsStream`): sent as
 * events while it runs (`ReportEvents`), its tens of MB of JSON kept the bench's own event loop busy
 * exactly while it was measuring.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** The whole trace Chromium kept, read from its stream. */
async function readTrace(session: CDPSession, stream: string): Promise<TraceEvent[]> {
  const chunks: string[] = [];
  for (;;) {
    const chunk = await session.send('IO.read', { handle: stream, size: 4 * 1024 * 1024 });
    chunks.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
    if (chunk.eof) break;
  }
  await session.send('IO.close', { handle: stream });
  const parsed = JSON.parse(chunks.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

export async function startTracing(page: Page): Promise<Tracing> {
  const session: CDPSession = await page.context().newCDPSession(page);
  await session.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
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
      const complete = new Promise<string>((resolve, reject) =>
        session.once('Tracing.tracingComplete', (message) =>
          message.stream ? resolve(message.stream) : reject(new Error('the trace came without a stream')),
        ),
      );
      await session.send('Tracing.end');
      const events = await readTrace(session, await complete);
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

/** A CPU profile of the page (DevTools protocol Profiler), written as a .cpuprofile when stopped. */
export async function startPageProfile(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const session: CDPSession = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.send('Profiler.stop');
      await session.detach();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}
