/**
 * The report's filters: the period (the last 7, 30 or 90 days, or chosen first and last days) and, for
 * admins, one channel and one agent (an agent's report is always their own work). Every change applies
 * at once; chosen days that do not make a period say why beside them.
 */
import { REPORT_MAX_DAYS } from '@shared/domain/reports';
import { Field } from '../components/Field';
import { channelLabel, sortedChannels } from '../domain/people';
import { useTranslator } from '../i18n/translation';
import { useApp } from '../store/context';
import { customFrom, LAST_DAYS, type PeriodProblem, type ReportPeriod } from './report-period';

export interface ReportFilter {
  readonly period: ReportPeriod;
  /** '' for every channel (agent) the caller may see. */
  readonly channelId: string;
  readonly agentId: string;
}

const CUSTOM = 'custom';

export function ReportFilters({
  filter,
  onChange,
  isAdmin,
  problem,
}: {
  readonly filter: ReportFilter;
  readonly onChange: (filter: ReportFilter) => void;
  readonly isAdmin: boolean;
  readonly problem: PeriodProblem | null;
}) {
  const t = useTranslator();
  const channels = useApp((s) => s.directory.channels);
  const agents = useApp((s) => s.directory.agents);
  const { period } = filter;
  const periodValue = period.kind === 'last' ? String(period.days) : CUSTOM;
  const choosePeriod = (value: string) => {
    const next: ReportPeriod =
      value === CUSTOM
        ? customFrom(period.kind === 'last' ? period.days : 30, Date.now())
        : { kind: 'last', days: LAST_DAYS.find((days) => String(days) === value) ?? 30 };
    onChange({ ...filter, period: next });
  };
  const setDay = (which: 'first' | 'last', value: string) => {
    if (period.kind !== 'custom') return;
    onChange({ ...filter, period: { ...period, [which]: value } });
  };
  const problemText =
    problem === null
      ? undefined
      : problem === 'tooLong'
        ? t.t('reports.period.tooLong', { days: REPORT_MAX_DAYS })
        : t.t(`reports.period.${problem}`);
  return (
    <form
      className="report-filters"
      aria-label={t.t('reports.filtersLabel')}
      onSubmit={(event) => event.preventDefault()}
    >
      <Field label={t.t('reports.period.label')}>
        <select value={periodValue} onChange={(event) => choosePeriod(event.target.value)}>
          {LAST_DAYS.map((days) => (
            <option key={days} value={String(days)}>
              {t.t('reports.period.last', { days })}
            </option>
          ))}
          <option value={CUSTOM}>{t.t('reports.period.custom')}</option>
        </select>
      </Field>
      {period.kind === 'custom' ? (
        <>
          <Field label={t.t('reports.period.from')} error={problemText}>
            <input
              type="date"
              value={period.first}
              onChange={(event) => setDay('first', event.target.value)}
            />
          </Field>
          <Field label={t.t('reports.period.to')}>
            <input type="date" value={period.last} onChange={(event) => setDay('last', event.target.value)} />
          </Field>
        </>
      ) : null}
      {isAdmin ? (
        <>
          <Field label={t.t('reports.channel.label')}>
            <select
              value={filter.channelId}
              onChange={(event) => onChange({ ...filter, channelId: event.target.value })}
            >
              <option value="">{t.t('reports.channel.all')}</option>
              {sortedChannels(t, channels)
                .filter((channel) => channel.kind !== 'private')
                .map((channel) => (
                  <option key={channel.id} value={channel.id}>
                    {channelLabel(t, channel)}
                  </option>
                ))}
            </select>
          </Field>
          <Field label={t.t('reports.agent.label')}>
            <select
              value={filter.agentId}
              onChange={(event) => onChange({ ...filter, agentId: event.target.value })}
            >
              <option value="">{t.t('reports.agent.all')}</option>
              {[...agents]
                .sort((a, b) => a.name.localeCompare(b.name, t.locale))
                .map((agent) => (
                  <option key={agent.id} value={agent.id}>
                    {agent.name}
                  </option>
                ))}
            </select>
          </Field>
        </>
      ) : null}
    </form>
  );
}
