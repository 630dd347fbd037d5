/** Statistics and number formatting for the report: quantiles of histograms and of samples. */
import type { Histogram } from './messages';

/** Quantiles, max and mean of a histogram in whole ms. */
export function quantiles(histogram: Histogram) {
  const entries = Object.entries(histogram)
    .map(([ms, count]) => [Number(ms), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const at = (q: number) => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const [ms, count] of entries) {
      seen += count;
      if (seen >= rank) return ms;
    }
    return NaN;
  };
  const mean = total ? entries.reduce((sum, [ms, count]) => sum + ms * count, 0) / total : NaN;
  return { count: total, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: entries.at(-1)?.[0] ?? NaN, mean };
}

/** Adds `from`'s counts to `into`. */
export function merge(into: Histogram, from: Histogram): void {
  for (const [ms, count] of Object.entries(from)) into[Number(ms)] = (into[Number(ms)] ?? 0) + count;
}

/** p50, p99 and max of samples. */
export function sortedQuantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { p50: at(0.5) ?? NaN, p99: at(0.99) ?? NaN, max: sorted.at(-1) ?? NaN };
}

/** A number as the report prints it: grouped digits, `digits` decimals; – if not finite. */
export const fmt = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';
