/**
 * One clock for the window: "now", ticking every second. Components subscribe at the granularity they
 * show (the time left in a row changes each minute, or each second near the end), so a tick renders
 * only what changed.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

const clock = createStore(() => ({ now: Date.now() }));
let timer: ReturnType<typeof setInterval> | null = null;

export function startClock(): () => void {
  if (timer === null) timer = setInterval(() => clock.setState({ now: Date.now() }), 1_000);
  return () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
}

/** Now, rounded down to `granularityMs`. */
export function useNow(granularityMs = 1_000): number {
  return useStore(clock, (state) => state.now - (state.now % granularityMs));
}

/** Something derived from now; the component renders again only when it changes. */
export function useClock<T>(select: (now: number) => T): T {
  return useStore(clock, (state) => select(state.now));
}

export function nowMs(): number {
  return clock.getState().now;
}
