/**
 * Chart.js on a canvas, for the Reports view. Chart.js because it is well kept, small (one dependency),
 * draws on a canvas with no eval and no inline style markup (it sizes the canvas through the CSSOM, which
 * the renderer's `style-src 'self'` allows), and has no DOM of its own to style; the charts' text
 * alternatives are the tables beside them. Only the parts used are registered, so the rest is not bundled.
 *
 * The colours are the theme's: read from CSS (the swatches' `color`, set by reports.css from the
 * palette's light-dark() variables) and read again when the theme or the OS's scheme changes.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useState, type RefObject } from 'react';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

/** Colours the charts use, by swatch name (`report-swatch-<name>` in reports.css). */
export const CHART_SWATCHES = [
  'text',
  'muted',
  'grid',
  'created',
  'allowed',
  'denied',
  'connected',
  'closed',
  'expired',
  'bar',
] as const;
export type ChartSwatch = (typeof CHART_SWATCHES)[number];
export type ChartColors = Readonly<Record<ChartSwatch, string>> & { readonly font: string };

/** A number that changes whenever the theme setting or the OS's colour scheme does. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((n) => n + 1);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      scheme.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return version;
}

/** The swatches' computed colours, inside `container` (which holds one span per swatch). */
export function readColors(container: HTMLElement): ChartColors {
  const colors = Object.fromEntries(
    CHART_SWATCHES.map((name) => {
      const swatch = container.querySelector(`.report-swatch-${name}`);
      return [name, swatch ? getComputedStyle(swatch).color : 'gray'];
    }),
  ) as Record<ChartSwatch, string>;
  return { ...colors, font: getComputedStyle(container).fontFamily };
}

/**
 * Draws `build(colors)` on the canvas, again whenever `deps` or the theme change; the chart is
 * destroyed when the component goes. No animation: a report is read, not watched.
 */
export function useChart(
  canvas: RefObject<HTMLCanvasElement | null>,
  swatches: RefObject<HTMLElement | null>,
  build: (colors: ChartColors) => ChartConfiguration,
  deps: readonly unknown[],
): void {
  const theme = useThemeVersion();
  useEffect(() => {
    if (!canvas.current || !swatches.current) return;
    const config = build(readColors(swatches.current));
    const chart = new Chart(canvas.current, {
      ...config,
      options: { ...config.options, animation: false, responsive: true, maintainAspectRatio: false },
    });
    return () => chart.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps say when the data changed
  }, [canvas, swatches, theme, ...deps]);
}
