/** Figures for the spikes: medians and percentiles, printed as a table and as one JSON line. */
import { performance } from 'node:perf_hooks';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const now = () => performance.now();

/**
 * Runs `operation` `count` times one after the other, after a tenth as many unmeasured (JIT, caches,
 * connections); the mean time of one, in µs. The warm-up's indexes come after the measured ones.
 */
export async function meanMicros(count: number, operation: (i: number) => unknown): Promise<number> {
  const warmUp = Math.ceil(count / 10);
  for (let i = 0; i < warmUp; i++) await operation(count + i);
  const start = now();
  for (let i = 0; i < count; i++) await operation(i);
  return ((now() - start) * 1000) / count;
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Prints rows as a table, then every figure as one JSON object on the last line. */
export function report(title: string, rows: Record<string, Record<string, number | string | boolean>>): void {
  console.log(`\n${title}`);
  console.table(rows);
  console.log(JSON.stringify(rows));
}
