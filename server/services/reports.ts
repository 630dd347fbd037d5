/**
 * Reports: what happened to the requests created in a period (GET /reports/summary) and the requests
 * themselves, one CSV line each (GET /reports/requests.csv). The database computes the figures
 * (store/reports-sql.ts); this decides whose requests the caller may count and puts the answer together.
 *
 * Who sees what: an admin, and an integration (a stand-in admin without a Private channel), every request in
 * the channels they may see — never another agent's Private channel; any other agent only their own work,
 * the requests assigned to them or created by them, in the channels they may see.
 */
import { pipeline, Readable } from 'node:stream';
import { TIME } from '@shared/domain/limits';
import { hasRole } from '@shared/domain/permissions';
import { periodDays, reportPeriod, TIME_TO_READY_BOUNDS_SECONDS, utcDay } from '@shared/domain/reports';
import type { ReportSummary } from '@shared/protocol/integrations';
import type { ReportQuery } from '@shared/schemas/integration-input';
import { checkReportPeriod } from '@shared/schemas/report-period';
import { fieldIssue } from '@shared/schemas/validation';
import type { ReportFiguresRow, ReportFilter, ReportRequestRow } from '../store/reports-sql';
import type { AgentRow } from '../store/rows';
import { agentAccess, visibleChannelIds } from './access';
import type { ServiceContext } from './context';
import { csvExport, type CsvRecord } from './csv-export';
import { ServiceError } from './errors';

/** How many requests the CSV export reads from the store at a time. */
const CSV_PAGE = 1_000;

/** The CSV export's columns: stable names for spreadsheets and scripts, times in ISO 8601 UTC. */
const CSV_COLUMNS = [
  'id',
  'created_at',
  'channel',
  'assignee',
  'recipient_name',
  'status',
  'consent',
  'allowed_at',
  'denied_at',
  'connected_at',
  'finished_at',
  'session_seconds',
  'ticket_system',
  'ticket_id',
  'ticket_url',
  'outcome',
  'rating',
] as const;

type Figures = ReportSummary['totals'];

export class ReportService {
  constructor(private readonly ctx: ServiceContext) {}

  async summary(actor: AgentRow, query: ReportQuery): Promise<ReportSummary> {
    const { store } = this.ctx;
    const filter = await this.filter(actor, query);
    const rows = await store.reports.summary(filter);
    const [channels, agents] = await Promise.all([store.channels.list(), store.agents.list()]);
    const channelName = new Map(channels.map((channel) => [channel.id, channel.name]));
    const agentName = new Map(agents.map((agent) => [agent.id, agent.name]));
    const of = (dim: ReportFiguresRow['dim']) => rows.filter((row) => row.dim === dim);
    const total = of('total')[0];
    const days = new Map(of('day').map((row) => [utcDay(Number(row.key) * TIME.DAY_MS), row]));
    return {
      from: new Date(filter.from).toISOString(),
      to: new Date(filter.to).toISOString(),
      totals: total ? figures(total) : NO_FIGURES,
      perDay: periodDays(filter.from, filter.to).map((day) => {
        const row = days.get(day);
        return { day, ...(row ? counts(row) : NO_COUNTS) };
      }),
      perChannel: of('channel')
        .map((row) => ({
          channelId: row.key ?? '',
          channelName: channelName.get(row.key ?? '') ?? '',
          ...figures(row),
        }))
        .sort((a, b) => b.created - a.created || a.channelName.localeCompare(b.channelName)),
      perAgent: of('agent')
        .map((row) => ({
          agentId: row.key,
          agentName: row.key === null ? null : (agentName.get(row.key) ?? null),
          ...figures(row),
        }))
        .sort((a, b) => b.created - a.created || (a.agentName ?? '').localeCompare(b.agentName ?? '')),
      outcomes: {
        resolved: total?.outcome_resolved ?? 0,
        notResolved: total?.outcome_not_resolved ?? 0,
        followUp: total?.outcome_follow_up ?? 0,
        none: total?.outcome_none ?? 0,
      },
      satisfaction: {
        ratings: total?.ratings ?? 0,
        // Two decimals: the databases' floating point leaves noise past them.
        averageRating:
          total?.rating_mean === null || total?.rating_mean === undefined
            ? null
            : Math.round(total.rating_mean * 100) / 100,
      },
      timeToReadyHistogram: [...TIME_TO_READY_BOUNDS_SECONDS, null].map((upToSeconds, index) => ({
        upToSeconds,
        count: total?.[`bucket_${index}`] ?? 0,
      })),
    };
  }

  /**
   * The requests of the report as CSV (RFC 4180, CRLF, UTF-8 with a byte order mark so Excel reads every
   * language right), streamed: read from the store a page at a time as the client takes them. Refusals
   * (filters, access) are thrown before anything is sent.
   */
  async requestsCsv(actor: AgentRow, query: ReportQuery): Promise<{ filename: string; body: Readable }> {
    const filter = await this.filter(actor, query);
    const { store, log } = this.ctx;
    async function* lines() {
      let after: { createdAt: number; id: string } | null = null;
      for (;;) {
        const page: ReportRequestRow[] = await store.reports.requestPage(filter, after, CSV_PAGE);
        for (const row of page) yield csvRecord(row);
        const last = page.at(-1);
        if (page.length < CSV_PAGE || !last) return;
        after = { createdAt: last.created_at, id: last.id };
      }
    }
    // Quoted as RFC 4180 says, with the BOM; a typed name Excel would run as a formula gets a leading '.
    const csv = csvExport(CSV_COLUMNS);
    pipeline(Readable.from(lines()), csv, (error) => {
      if (error) log.warn({ err: error }, 'the CSV export of requests stopped');
    });
    return { filename: `requests-${utcDay(filter.from)}-${utcDay(filter.to)}.csv`, body: csv };
  }

  /** The store's filter for the caller and the query, or the refusal: bad period, agent or channel. */
  private async filter(actor: AgentRow, query: ReportQuery): Promise<ReportFilter> {
    const { store, clock } = this.ctx;
    const now = clock.now();
    const period = reportPeriod(query, now);
    const issues = checkReportPeriod(period);
    if (issues.length > 0) throw ServiceError.invalid(issues);
    const access = await agentAccess(store, actor);
    const admin = hasRole(access, 'admin');
    if (query.agentId !== undefined) {
      if (!admin && query.agentId !== actor.id) throw ServiceError.coded(403, 'reports_own_work');
      if (!(await store.agents.get(query.agentId))) {
        throw ServiceError.invalid([fieldIssue('agentId', 'unknown_agent')]);
      }
    }
    let channelIds = await visibleChannelIds(store, access);
    if (query.channelId !== undefined) {
      if (!channelIds.includes(query.channelId)) throw ServiceError.notFound('channel');
      channelIds = [query.channelId];
    }
    return {
      ...period,
      channelIds,
      assigneeId: query.agentId ?? null,
      ownWorkOf: admin ? null : actor.id,
      now,
    };
  }
}

const NO_COUNTS = { created: 0, allowed: 0, denied: 0, connected: 0, closed: 0, expired: 0 };

const NO_FIGURES: Figures = {
  ...NO_COUNTS,
  timeToReady: { medianSeconds: null, p90Seconds: null },
  timeToConnect: { medianSeconds: null, p90Seconds: null },
  sessionSeconds: 0,
};

function counts(row: ReportFiguresRow) {
  return {
    created: row.created,
    allowed: row.allowed,
    denied: row.denied,
    connected: row.connected,
    closed: row.closed,
    expired: row.expired,
  };
}

function figures(row: ReportFiguresRow): Figures {
  return {
    ...counts(row),
    timeToReady: { medianSeconds: seconds(row.ready_median), p90Seconds: seconds(row.ready_p90) },
    timeToConnect: { medianSeconds: seconds(row.connect_median), p90Seconds: seconds(row.connect_p90) },
    sessionSeconds: row.session_ms / 1000,
  };
}

/** Seconds to the millisecond: the databases' floating point leaves noise past it. */
function seconds(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

function isoOrEmpty(at: number | null): string {
  return at === null ? '' : new Date(at).toISOString();
}

function csvRecord(row: ReportRequestRow): CsvRecord<(typeof CSV_COLUMNS)[number]> {
  return {
    id: row.id,
    created_at: isoOrEmpty(row.created_at),
    channel: row.channel_name,
    assignee: row.assignee_name ?? '',
    recipient_name: row.recipient_name,
    status: row.status,
    consent: row.consent,
    allowed_at: isoOrEmpty(row.ready_at),
    denied_at: isoOrEmpty(row.denied_at),
    connected_at: isoOrEmpty(row.connected_at),
    finished_at: isoOrEmpty(row.finished_at),
    session_seconds: row.session_ms / 1000,
    ticket_system: row.external_system ?? '',
    ticket_id: row.external_id ?? '',
    ticket_url: row.external_url ?? '',
    outcome: row.outcome ?? '',
    rating: row.rating ?? '',
  };
}
