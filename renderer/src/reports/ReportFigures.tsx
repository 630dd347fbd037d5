/**
 * A report's figures: the totals (counts, then the median and 90th percentile of time to Ready and of
 * Ready to Connected, and the time spent connected), and the same per channel and per agent as tables.
 * Numbers and durations in the reader's language.
 */
import type { Translator } from '@shared/i18n/translator';
import type { ReportSummary } from '@shared/protocol/integrations';
import { channelLabel } from '../domain/people';
import { useTranslator } from '../i18n/translation';
import { useApp } from '../store/context';
import { formatDuration, REPORT_OUTCOMES } from './report-chart-data';

type Figures = ReportSummary['totals'];

function duration(t: Translator, seconds: number | null): string {
  return seconds === null ? t.t('reports.noValue') : formatDuration(t, seconds);
}

function medianP90(t: Translator, figures: Figures['timeToReady']): string {
  return t.t('reports.figures.medianP90', {
    median: duration(t, figures.medianSeconds),
    p90: duration(t, figures.p90Seconds),
  });
}

export function Totals({ totals }: { readonly totals: Figures }) {
  const t = useTranslator();
  const times = [
    ['timeToReady', totals.timeToReady],
    ['timeToConnect', totals.timeToConnect],
  ] as const;
  return (
    <section className="report-totals" aria-labelledby="report-totals-heading">
      <h3 id="report-totals-heading">{t.t('reports.figures.heading')}</h3>
      <dl className="report-figures">
        {REPORT_OUTCOMES.map((outcome) => (
          <div key={outcome} className={`report-figure report-figure-${outcome}`}>
            <dt>{t.t(`reports.figures.${outcome}`)}</dt>
            <dd>{t.formatNumber(totals[outcome])}</dd>
          </div>
        ))}
        {times.map(([name, figures]) => (
          <div key={name} className="report-figure report-figure-time">
            <dt>{t.t(`reports.figures.${name}`)}</dt>
            <dd>
              <span className="report-figure-main">
                {t.t('reports.figures.median')} {duration(t, figures.medianSeconds)}
              </span>
              <span className="report-figure-sub">
                {t.t('reports.figures.p90')} {duration(t, figures.p90Seconds)}
              </span>
            </dd>
          </div>
        ))}
        <div className="report-figure report-figure-time">
          <dt>{t.t('reports.figures.sessionTime')}</dt>
          <dd>{duration(t, totals.sessionSeconds)}</dd>
        </div>
      </dl>
    </section>
  );
}

interface Row {
  readonly key: string;
  readonly name: string;
  readonly figures: Figures;
}

function FiguresTable({
  heading,
  nameHeader,
  rows,
}: {
  readonly heading: string;
  readonly nameHeader: string;
  readonly rows: readonly Row[];
}) {
  const t = useTranslator();
  return (
    <section className="report-breakdown">
      <h3>{heading}</h3>
      <div className="admin-table-scroll">
        <table className="admin-table report-table">
          <caption className="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              {REPORT_OUTCOMES.map((outcome) => (
                <th key={outcome} scope="col" className="number">
                  {t.t(`reports.figures.${outcome}`)}
                </th>
              ))}
              <th scope="col">{t.t('reports.figures.timeToReady')}</th>
              <th scope="col">{t.t('reports.figures.timeToConnect')}</th>
              <th scope="col" className="number">
                {t.t('reports.figures.sessionTime')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                {REPORT_OUTCOMES.map((outcome) => (
                  <td key={outcome} className="number">
                    {t.formatNumber(row.figures[outcome])}
                  </td>
                ))}
                <td>{medianP90(t, row.figures.timeToReady)}</td>
                <td>{medianP90(t, row.figures.timeToConnect)}</td>
                <td className="number">{duration(t, row.figures.sessionSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function Breakdowns({ summary }: { readonly summary: ReportSummary }) {
  const t = useTranslator();
  const channels = useApp((s) => s.directory.channels);
  // A Private channel is named in the reader's language, as everywhere in the client.
  const channelName = (id: string, stored: string) => {
    const channel = channels.find((c) => c.id === id);
    return channel ? channelLabel(t, channel) : stored;
  };
  return (
    <>
      <FiguresTable
        heading={t.t('reports.perChannel.heading')}
        nameHeader={t.t('reports.table.channel')}
        rows={summary.perChannel.map((row) => ({
          key: row.channelId,
          name: channelName(row.channelId, row.channelName),
          figures: row,
        }))}
      />
      <FiguresTable
        heading={t.t('reports.perAgent.heading')}
        nameHeader={t.t('reports.table.agent')}
        rows={summary.perAgent.map((row) => ({
          key: row.agentId ?? 'unassigned',
          name: row.agentName ?? t.t('reports.unassigned'),
          figures: row,
        }))}
      />
    </>
  );
}
