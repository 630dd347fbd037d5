/**
 * SQL of reports on SQLite (what it computes: ../reports-sql.ts). Its percentiles are SQLite's own.
 *
 * Writing a request's facts happens on the service's connection, in the transaction of the change
 * (SqliteReportFacts). Reading a report does not: a summary over 100,000 requests is a quarter of a second
 * of SQLite's time, which on the service's thread would hold up every other call and live stream meanwhile.
 * Reports are read on reader threads (report-readers.ts), each with its own read-only connection
 * (SqliteReportQueries) — WAL lets them read while the service writes.
 */
import type { SqliteDatabase } from '../../db/database';
import {
  refreshFactsSql,
  REPORT_DIMENSIONS,
  requestPageSql,
  summarySql,
  type ReportDialect,
  type ReportDimension,
  type ReportFiguresRow,
  type ReportFilter,
  type ReportRequestRow,
} from '../reports-sql';

/** How SQLite spells what reports-sql.ts leaves to the dialect (exported for the query-plan test). */
export const SQLITE_REPORT_DIALECT: ReportDialect = {
  param: (name) => `@${name}`,
  channelIn: (column) => `${column} IN (SELECT value FROM json_each(@channelIds))`,
  // The percentile functions SQLite builds in (3.47+, on in better-sqlite3's build): one per fraction.
  percentiles: (value, fractions) => fractions.map((fraction) => `percentile_cont(${value}, ${fraction})`),
  sameValue: (a, b) => `${a} IS ${b}`,
  number: (sum) => sum,
  indexedBy: (index) => `INDEXED BY ${index}`,
  jsonText: (column, key) => `json_extract(${column}, '$.${key}')`,
};

/** Where a page of the CSV export starts: after this request (oldest first), or at the beginning. */
export type PageStart = { readonly createdAt: number; readonly id: string } | null;

/** Keeps `request_facts` (the request writer, after each change, inside its transaction). */
export class SqliteReportFacts {
  private readonly refreshStmt;

  constructor(db: SqliteDatabase) {
    this.refreshStmt = db.prepare<[Record<string, unknown>]>(refreshFactsSql(SQLITE_REPORT_DIALECT));
  }

  /** Rewrites the request's facts from its row and events. */
  refreshFacts(requestId: string): void {
    this.refreshStmt.run({ requestId });
  }
}

/** The reports' queries on one connection: a reader thread's (report-reader-worker.ts). */
export class SqliteReportQueries {
  private readonly summaryStmts: Record<ReportDimension, ReturnType<typeof prepareRows<ReportFiguresRow>>>;
  private readonly pageStmt;

  constructor(db: SqliteDatabase) {
    this.summaryStmts = Object.fromEntries(
      REPORT_DIMENSIONS.map((dim) => [
        dim,
        prepareRows<ReportFiguresRow>(db, summarySql(SQLITE_REPORT_DIALECT, dim)),
      ]),
    ) as SqliteReportQueries['summaryStmts'];
    this.pageStmt = prepareRows<ReportRequestRow>(db, requestPageSql(SQLITE_REPORT_DIALECT));
  }

  /** The figures of one group (ReportDimension) over the filter's requests. */
  summary(dim: ReportDimension, filter: ReportFilter): ReportFiguresRow[] {
    return this.summaryStmts[dim].all(params(filter));
  }

  /** Up to `limit` requests of the filter created after `after` (oldest first), with what happened to them. */
  requestPage(filter: ReportFilter, after: PageStart, limit: number): ReportRequestRow[] {
    return this.pageStmt.all({
      ...params(filter),
      afterCreated: after?.createdAt ?? -1,
      afterId: after?.id ?? '',
      limit,
    });
  }
}

function prepareRows<Row>(db: SqliteDatabase, sql: string) {
  return db.prepare<[Record<string, unknown>], Row>(sql);
}

function params(filter: ReportFilter): Record<string, unknown> {
  return {
    from: filter.from,
    to: filter.to,
    channelIds: JSON.stringify(filter.channelIds),
    assigneeId: filter.assigneeId,
    ownWorkOf: filter.ownWorkOf,
    now: filter.now,
  };
}
