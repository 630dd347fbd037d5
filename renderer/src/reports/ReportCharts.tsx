/**
 * The two charts of a report — requests per day by outcome (a line per outcome, each with its own point
 * shape and dash as well as its colour, named in the legend) and the time-to-Ready distribution (bars) —
 * each a canvas whose accessible name summarises it, followed by its figures as a table.
 */
import { useId, useMemo, useRef } from 'react';
import type { ChartConfiguration, PointStyle } from 'chart.js';
import type { ReportSummary } from '@shared/protocol/integrations';
import { useTranslator } from '../i18n/translation';
import {
  busiestBar,
  dailySeries,
  formatReportDay,
  histogramBars,
  peakDay,
  rangeLabel,
  REPORT_OUTCOMES,
  type ReportOutcome,
} from './report-chart-data';
import { CHART_SWATCHES, useChart, type ChartColors } from './use-chart';

/** What tells the lines apart besides their colour. */
const LINE_STYLES: Readonly<Record<ReportOutcome, { point: PointStyle; dash: number[] }>> = {
  created: { point: 'circle', dash: [] },
  allowed: { point: 'triangle', dash: [8, 4] },
  denied: { point: 'crossRot', dash: [2, 3] },
  connected: { point: 'rect', dash: [10, 4, 2, 4] },
  closed: { point: 'rectRot', dash: [14, 5] },
  expired: { point: 'star', dash: [4, 4] },
};

/** Hidden spans whose CSS colour is a palette colour: how the canvas learns the theme. */
function Swatches({ swatchesRef }: { readonly swatchesRef: React.RefObject<HTMLSpanElement | null> }) {
  return (
    <span ref={swatchesRef} className="report-swatches" hidden>
      {CHART_SWATCHES.map((name) => (
        <span key={name} className={`report-swatch-${name}`} />
      ))}
    </span>
  );
}

function axes(colors: ChartColors, title: string) {
  const ticks = { color: colors.muted, font: { family: colors.font } };
  return {
    x: { ticks, grid: { color: colors.grid } },
    y: {
      beginAtZero: true,
      ticks: { ...ticks, precision: 0 },
      grid: { color: colors.grid },
      title: { display: true, text: title, color: colors.muted, font: { family: colors.font } },
    },
  };
}

function ChartFigure({
  title,
  summary,
  build,
  deps,
  children,
}: {
  readonly title: string;
  readonly summary: string;
  readonly build: (colors: ChartColors) => ChartConfiguration;
  readonly deps: readonly unknown[];
  readonly children: React.ReactNode;
}) {
  const t = useTranslator();
  const id = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const swatches = useRef<HTMLSpanElement>(null);
  useChart(canvas, swatches, build, [...deps, t]);
  return (
    <section className="report-chart" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <Swatches swatchesRef={swatches} />
      <div className="report-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${summary}`} />
      </div>
      <p className="report-chart-summary">{summary}</p>
      <details className="report-chart-table">
        <summary>{t.t('reports.chart.showTable')}</summary>
        {children}
      </details>
    </section>
  );
}

export function DailyChart({ summary }: { readonly summary: ReportSummary }) {
  const t = useTranslator();
  const series = useMemo(() => dailySeries(summary), [summary]);
  const labels = series.days.map((day) => formatReportDay(t, day));
  const peak = peakDay(series);
  const first = series.days[0];
  const last = series.days[series.days.length - 1];
  const text = t.t('reports.chart.daily.summary', {
    days: series.days.length,
    first: first ? formatReportDay(t, first, true) : '',
    last: last ? formatReportDay(t, last, true) : '',
    peak: peak?.created ?? 0,
    peakDay: peak ? formatReportDay(t, peak.day, true) : t.t('reports.noValue'),
  });
  const build = (colors: ChartColors): ChartConfiguration => ({
    type: 'line',
    data: {
      labels,
      datasets: REPORT_OUTCOMES.map((outcome) => ({
        label: t.t(`reports.figures.${outcome}`),
        data: [...series.counts[outcome]],
        borderColor: colors[outcome],
        backgroundColor: colors[outcome],
        borderDash: LINE_STYLES[outcome].dash,
        pointStyle: LINE_STYLES[outcome].point,
        pointRadius: series.days.length > 45 ? 2 : 4,
        borderWidth: 2,
      })),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: axes(colors, t.t('reports.chart.axisRequests')),
      plugins: {
        legend: {
          labels: { color: colors.text, usePointStyle: true, font: { family: colors.font } },
        },
      },
    },
  });
  return (
    <ChartFigure title={t.t('reports.chart.daily.title')} summary={text} build={build} deps={[series]}>
      <div className="admin-table-scroll">
        <table className="admin-table report-table">
          <thead>
            <tr>
              <th scope="col">{t.t('reports.table.day')}</th>
              {REPORT_OUTCOMES.map((outcome) => (
                <th key={outcome} scope="col" className="number">
                  {t.t(`reports.figures.${outcome}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.days.map((day, index) => (
              <tr key={day}>
                <th scope="row">{formatReportDay(t, day, true)}</th>
                {REPORT_OUTCOMES.map((outcome) => (
                  <td key={outcome} className="number">
                    {t.formatNumber(series.counts[outcome][index] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFigure>
  );
}

export function ReadyHistogram({ summary }: { readonly summary: ReportSummary }) {
  const t = useTranslator();
  const bars = useMemo(() => histogramBars(summary), [summary]);
  const labels = bars.map((bar) => rangeLabel(t, bar.range));
  const total = bars.reduce((sum, bar) => sum + bar.count, 0);
  const busiest = busiestBar(bars);
  const text = t.t('reports.chart.histogram.summary', {
    count: total,
    most: busiest?.count ?? 0,
    bucket: busiest ? rangeLabel(t, busiest.range) : '',
  });
  const build = (colors: ChartColors): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: t.t('reports.table.requests'),
          data: bars.map((bar) => bar.count),
          backgroundColor: colors.bar,
          borderColor: colors.text,
          borderWidth: 1,
        },
      ],
    },
    options: {
      scales: axes(colors, t.t('reports.chart.axisRequests')),
      plugins: { legend: { display: false } },
    },
  });
  return (
    <ChartFigure title={t.t('reports.chart.histogram.title')} summary={text} build={build} deps={[bars]}>
      <div className="admin-table-scroll">
        <table className="admin-table report-table">
          <thead>
            <tr>
              <th scope="col">{t.t('reports.table.range')}</th>
              <th scope="col" className="number">
                {t.t('reports.table.requests')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar, index) => (
              <tr key={index}>
                <th scope="row">{labels[index]}</th>
                <td className="number">{t.formatNumber(bar.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartFigure>
  );
}
