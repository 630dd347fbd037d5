/**
 * Reports, in the main area in place of the requests table: the period (the last 7, 30 or 90 days, or
 * chosen days), for admins the channel and the agent (an agent's report is their own work: the service
 * decides), then the totals, the charts and the per-channel and per-agent tables of the requests created
 * in that period, read from the service each time the filters change, and Export CSV of the same
 * requests. Offline, a sentence says why nothing shows.
 */
import { useEffect, useState } from 'react';
import type { CommandError } from '@shared/ipc/contract';
import { errorText } from '@shared/i18n/errors';
import type { Translator } from '@shared/i18n/translator';
import type { ReportSummary } from '@shared/protocol/integrations';
import type { ReportQuery } from '@shared/schemas/integration-input';
import { useTranslator } from '../i18n/translation';
import { useAppShallow, useAppStore } from '../store/context';
// The screen's own style sheet, with the admin screens' (its tables are theirs).
import '../styles/admin.css';
import '../styles/reports.css';
import { DailyChart, ReadyHistogram } from './ReportCharts';
import { Breakdowns, Totals } from './ReportFigures';
import { WrapUpFigures } from './WrapUpFigures';
import { ReportFilters, type ReportFilter } from './ReportFilters';
import { periodRange } from './report-period';

/** The heading that names the main area while this screen shows (MainWindow.tsx says it too). */
const REPORTS_HEADING_ID = 'reports-heading';

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly summary: ReportSummary }
  | { readonly state: 'failed'; readonly error: CommandError };

function formatBytes(t: Translator, bytes: number): string {
  const [value, unit] =
    bytes < 1_000
      ? [bytes, 'byte']
      : bytes < 1_000_000
        ? [bytes / 1_000, 'kilobyte']
        : [bytes / 1e6, 'megabyte'];
  return t.formatNumber(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
}

/** The summary for `query`, read again when it changes or on `retry`; loading until its answer. */
function useReport(query: ReportQuery | null, live: boolean): { load: Load; retry: () => void } {
  const store = useAppStore();
  const [attempt, setAttempt] = useState(0);
  // The answer with the question it answers: an answer to an earlier query is not shown as this one's.
  const [answer, setAnswer] = useState<{ readonly key: string; readonly load: Load } | null>(null);
  const key = `${JSON.stringify(query)}#${attempt}`;
  useEffect(() => {
    if (!live || query === null) return;
    let current = true;
    void store
      .getState()
      .call('reports.summary', query)
      .then((result) => {
        if (!current) return;
        setAnswer({
          key,
          load: result.ok
            ? { state: 'loaded', summary: result.value }
            : { state: 'failed', error: result.error },
        });
      });
    return () => {
      current = false;
    };
    // The query's content (in `key`), not its identity, says when to read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, key, live]);
  return {
    load: answer?.key === key ? answer.load : { state: 'loading' },
    retry: () => setAttempt((n) => n + 1),
  };
}

export function ReportsScreen() {
  const t = useTranslator();
  const store = useAppStore();
  const { isAdmin, live } = useAppShallow((s) => ({
    isAdmin: s.account?.agent.roles.includes('admin') ?? false,
    live: s.connection?.state === 'live',
  }));
  const [filter, setFilter] = useState<ReportFilter>({
    period: { kind: 'last', days: 30 },
    channelId: '',
    agentId: '',
  });
  // The period's bounds are taken when the filter changes, not at every render (now moves on).
  const [now, setNow] = useState(() => Date.now());
  const range = periodRange(filter.period, now);
  const query = range.ok
    ? {
        from: range.from,
        to: range.to,
        ...(isAdmin && filter.channelId ? { channelId: filter.channelId } : {}),
        ...(isAdmin && filter.agentId ? { agentId: filter.agentId } : {}),
      }
    : null;
  const { load, retry } = useReport(query, live);
  const [exporting, setExporting] = useState(false);
  const [exportNote, setExportNote] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  const onFilter = (next: ReportFilter) => {
    setNow(Date.now());
    setFilter(next);
    setExportNote(null);
  };
  const exportCsv = async () => {
    if (!query) return;
    setExporting(true);
    setExportNote(null);
    const result = await store.getState().call('reports.exportCsv', query);
    setExporting(false);
    if (!result.ok) setExportNote({ ok: false, text: errorText(t, result.error) });
    else if (result.value)
      setExportNote({
        ok: true,
        text: t.t('reports.export.saved', {
          size: formatBytes(t, result.value.bytes),
          path: result.value.path,
        }),
      });
  };

  return (
    <div className="admin reports">
      <div className="admin-head reports-head">
        <h2 id={REPORTS_HEADING_ID}>{t.t('reports.title')}</h2>
        <button
          type="button"
          className="button"
          onClick={() => void exportCsv()}
          disabled={!live || !query || exporting}
        >
          {exporting ? t.t('reports.export.busy') : t.t('reports.export.button')}
        </button>
      </div>
      <ReportFilters
        filter={filter}
        onChange={onFilter}
        isAdmin={isAdmin}
        problem={range.ok ? null : range.problem}
      />
      {!isAdmin ? <p className="muted">{t.t('reports.ownWork')}</p> : null}
      <p className={exportNote?.ok === false ? 'form-error' : 'report-export-note'} role="status">
        {exportNote?.text ?? ''}
      </p>
      {!live ? (
        <p className="notice admin-offline" role="status">
          {t.t('reports.offline')}
        </p>
      ) : query === null ? null : load.state === 'loading' ? (
        <p className="muted" role="status">
          {t.t('reports.loading')}
        </p>
      ) : load.state === 'failed' ? (
        <div className="report-failed">
          <p className="form-error" role="alert">
            {errorText(t, load.error)}
          </p>
          <button type="button" className="button" onClick={retry}>
            {t.t('reports.retry')}
          </button>
        </div>
      ) : (
        <ReportBody summary={load.summary} />
      )}
    </div>
  );
}

function ReportBody({ summary }: { readonly summary: ReportSummary }) {
  const t = useTranslator();
  const lastMoment = new Date(Date.parse(summary.to) - 1);
  const dateOptions = { dateStyle: 'medium' } as const;
  return (
    <>
      <p className="report-range">
        {t.t('reports.range', {
          from: t.formatDate(new Date(summary.from), dateOptions),
          to: t.formatDate(lastMoment, dateOptions),
        })}
      </p>
      <Totals totals={summary.totals} />
      <WrapUpFigures summary={summary} />
      {summary.totals.created === 0 ? <p className="admin-empty">{t.t('reports.empty')}</p> : null}
      <div className="report-charts">
        <DailyChart summary={summary} />
        <ReadyHistogram summary={summary} />
      </div>
      <Breakdowns summary={summary} />
    </>
  );
}
