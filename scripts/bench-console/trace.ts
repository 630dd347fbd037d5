/**
 * A Chromium trace of one first load of the console (DevTools protocol Tracing), kept as a file that
 * DevTools' Performance panel or ui.perfetto.dev opens, and summed up: on the page's main thread and on
 * the core's Worker thread, the time inside the events that say where a load goes — fetching and
 * compiling scripts, running them, compiling SQLite's WebAssembly, the page's style, layout and paint.
 *
 * Read as a stream once stopped (`ReturnAsStream`), as scripts/bench-ui/trace.ts does, so that the bench's
 * own event loop is not busy with trace events while the load is measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { hotFunctions, type HotFunction, type ProfileEvent } from './trace-samples';

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/**
 * The events summed per thread, by what they stand for. Inclusive times: a script's evaluation includes the
 * lazy compiles and collections within it, so the kinds overlap and do not add up to the busy time.
 */
const KINDS: readonly [kind: string, test: (e: TraceEvent) => boolean][] = [
  [
    'compile scripts',
    (e) => e.cat.startsWith('v8') && (e.name === 'v8.compileModule' || e.name === 'v8.compile'),
  ],
  ['evaluate scripts', (e) => e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript'],
  ['callbacks (messages, timers)', (e) => e.cat === 'v8' && e.name === 'v8.callFunction'],
  ['lazy compiles within', (e) => e.name === 'V8.CompileCode'],
  ['compile wasm', (e) => e.cat.includes('wasm') && /compile/i.test(e.name)],
  ['GC', (e) => e.cat.includes('devtools.timeline') && (e.name === 'MinorGC' || e.name === 'MajorGC')],
  ['style + layout', (e) => e.name === 'UpdateLayoutTree' || e.name === 'Layout'],
  ['paint', (e) => e.name === 'Paint' || e.name === 'PrePaint' || e.name === 'Commit'],
];

/** Per thread: its busy time (its tasks) and the sums of KINDS, in ms, from the trace's start. */
export interface ThreadSummary {
  readonly thread: string;
  readonly tasksMs: number;
  readonly firstTaskAtMs: number;
  readonly lastTaskEndMs: number;
  readonly longestTaskMs: number;
  readonly longestTaskAtMs: number;
  readonly kinds: Readonly<Record<string, number>>;
  /** The scripts with the most self time (the CPU samples). */
  readonly hot: readonly HotFunction[];
  /** The same within the longest task. */
  readonly hotInLongestTask: readonly HotFunction[];
}

export interface LoadTrace {
  /** Stops, writes the trace to `file` and sums up the page's main thread and the core's Worker. */
  stop(file: string): Promise<ThreadSummary[]>;
}

async function readTrace(session: CDPSession, stream: string): Promise<string> {
  const chunks: string[] = [];
  for (;;) {
    const chunk = await session.send('IO.read', { handle: stream, size: 4 * 1024 * 1024 });
    chunks.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
    if (chunk.eof) break;
  }
  await session.send('IO.close', { handle: stream });
  return chunks.join('');
}

export async function startLoadTrace(page: Page): Promise<LoadTrace> {
  const session = await page.context().newCDPSession(page);
  await session.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      recordMode: 'recordUntilFull',
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'v8.wasm',
        'disabled-by-default-v8.compile',
        'disabled-by-default-v8.cpu_profiler',
        'blink.user_timing',
        'loading',
        '__metadata',
      ],
    },
  });
  return {
    async stop(file) {
      const complete = new Promise<string>((resolve, reject) =>
        session.once('Tracing.tracingComplete', (message) =>
          message.stream ? resolve(message.stream) : reject(new Error('the trace came without a stream')),
        ),
      );
      await session.send('Tracing.end');
      const text = await readTrace(session, await complete);
      await session.detach();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      type Event = TraceEvent & ProfileEvent;
      const parsed = JSON.parse(text) as Event[] | { traceEvents: Event[] };
      return summarise(Array.isArray(parsed) ? parsed : parsed.traceEvents);
    },
  };
}

function summarise(events: readonly (TraceEvent & ProfileEvent)[]): ThreadSummary[] {
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const timed = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts > 0);
  const origin = Math.min(...timed.map((e) => e.ts));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of timed) {
    const key = `${e.pid}:${e.tid}`;
    const name = names.get(key);
    if (name !== 'CrRendererMain' && name !== 'DedicatedWorker thread') continue;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const summaries: ThreadSummary[] = [];
  for (const [key, list] of byThread) {
    // DevTools' tasks: the scheduler's task with the microtasks run after it (a promise's continuation
    // that runs the rest of a start is one of those), which the `toplevel` task leaves out.
    const tasks = list.filter((e) => e.name === 'RunTask' && e.cat.includes('devtools.timeline'));
    if (tasks.length === 0) continue;
    const kinds: Record<string, number> = {};
    for (const [kind, test] of KINDS) {
      const sum = list.filter(test).reduce((total, e) => total + e.dur! / 1000, 0);
      if (sum >= 0.5) kinds[kind] = sum;
    }
    const longest = tasks.reduce((a, b) => (b.dur! > a.dur! ? b : a));
    summaries.push({
      thread: names.get(key) === 'CrRendererMain' ? 'page' : 'worker',
      tasksMs: tasks.reduce((sum, e) => sum + e.dur! / 1000, 0),
      firstTaskAtMs: (Math.min(...tasks.map((e) => e.ts)) - origin) / 1000,
      lastTaskEndMs: (Math.max(...tasks.map((e) => e.ts + e.dur!)) - origin) / 1000,
      longestTaskMs: longest.dur! / 1000,
      longestTaskAtMs: (longest.ts - origin) / 1000,
      kinds,
      hot: hotFunctions(events, key, 6),
      hotInLongestTask: hotFunctions(events, key, 4, { from: longest.ts, to: longest.ts + longest.dur! }),
    });
  }
  // The busiest page thread is the console's (others are blank pages); every Worker thread is kept.
  const pages = summaries.filter((s) => s.thread === 'page').sort((a, b) => b.tasksMs - a.tasksMs);
  return [...pages.slice(0, 1), ...summaries.filter((s) => s.thread === 'worker')];
}
