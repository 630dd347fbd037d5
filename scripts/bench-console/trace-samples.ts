/**
 * Where a thread's time went, from the CPU samples a Chromium trace carries when it records the category
 * `disabled-by-default-v8.cpu_profiler` (its `Profile` and `ProfileChunk` events, as DevTools reads them):
 * self time per script file (the bundles are minified: their function names say little), V8's own
 * entries ((program), (garbage collector)) as they are, over the whole trace.
 */

interface ProfileNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame: { readonly functionName: string; readonly url?: string };
}

export interface ProfileEvent {
  readonly name: string;
  readonly ph: string;
  readonly id?: string;
  readonly pid: number;
  readonly tid: number;
  readonly args?: {
    readonly data?: {
      readonly startTime?: number;
      readonly cpuProfile?: { readonly nodes?: readonly ProfileNode[]; readonly samples?: readonly number[] };
      readonly timeDeltas?: readonly number[];
    };
  };
}

/** A script's (or V8 entry's) self time in ms. */
export interface HotFunction {
  readonly name: string;
  readonly selfMs: number;
}

/** What a sample is counted as: its script's file name, or V8's entry ((program), a builtin). */
function labelOf(frame: ProfileNode['callFrame']): string {
  const file = (frame.url ?? '').split('/').pop() ?? '';
  if (file) return file;
  return frame.functionName.startsWith('(') ? frame.functionName : '(builtins)';
}

/**
 * The `top` scripts by self time on thread `pid:tid`, from its profile's samples ((idle) left out); with
 * `window` (the trace's µs), only the samples within it.
 */
export function hotFunctions(
  events: readonly ProfileEvent[],
  thread: string,
  top: number,
  window?: { readonly from: number; readonly to: number },
): HotFunction[] {
  const profile = events.find((e) => e.name === 'Profile' && `${e.pid}:${e.tid}` === thread);
  if (!profile?.id) return [];
  let at = profile.args?.data?.startTime ?? 0;
  const labels = new Map<number, string>();
  const selfUs = new Map<string, number>();
  for (const chunk of events) {
    if (chunk.name !== 'ProfileChunk' || chunk.id !== profile.id || chunk.pid !== profile.pid) continue;
    const data = chunk.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) labels.set(node.id, labelOf(node.callFrame));
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    // A sample stands for the time until the next one.
    for (let i = 0; i < samples.length; i++) {
      at += deltas[i] ?? 0;
      const label = labels.get(samples[i]!) ?? '?';
      const us = deltas[i + 1] ?? 0;
      const inWindow = !window || (at >= window.from && at <= window.to);
      if (label !== '(idle)' && inWindow) selfUs.set(label, (selfUs.get(label) ?? 0) + us);
    }
  }
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000 }));
}
