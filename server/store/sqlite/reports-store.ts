/** SQL of reports on SQLite (what it computes: ../reports-sql.ts). Its percentiles are SQLite's own. */
import type { SqliteDatabase } from '../../db/database';
import {
  refreshFactsSql,
  requestPageSql,
  summarySql,
  type ReportDialect,
  type ReportFiguresRow,
  type ReportFilter,
  type ReportRequestRow,
} from '../reports-sql';

const SQLITE: ReportDialect = {
  param: (name) => `@${name}`,
  channelIn: (column) => `${column} IN (SELECT value FROM json_each(@channelIds))`,
  // The percentile functions SQLite builds in (3.47+, on in better-sqlite3's build).
  percentile: (value, fraction) => `percentile_cont(${value}, ${fraction})`,
  sameValue: (a, b) => `${a} IS ${b}`,
  number: (sum) => sum,
};

export class SqliteReportsStore {
  private readonly summaryStmt;
  private readonly pageStmt;
  private readonly refreshStmt;

  constructor(db: SqliteDatabase) {
    this.summaryStmt = db.prepare<[Record<string, unknown>], ReportFiguresRow>(summarySql(SQLITE));
    this.pageStmt = db.prepare<[Record<string, unknown>], ReportRequestRow>(requestPageSql(SQLITE));
    this.refreshStmt = db.prepare<[Record<string, unknown>]>(refreshFactsSql(SQLITE));
  }

  /** Rewrites the request's facts from its row and events (the request writer, after each change). */
  refreshFacts(requestId: string): void {
    this.refreshStmt.run({ requestId });
  }

  /** The figures of every group (ReportDimension) over the filter's requests. */
  summary(filter: ReportFilter): ReportFiguresRow[] {
    return this.summaryStmt.all(params(filter));
  }

  /** Up to `limit` requests of the filter created after `after` (oldest first), with what happened to them. */
  requestPage(
    filter: ReportFilter,
    after: { readonly createdAt: number; readonly id: string } | null,
    limit: number,
  ): ReportRequestRow[] {
    return this.pageStmt.all({
      ...params(filter),
      afterCreated: after?.createdAt ?? -1,
      afterId: after?.id ?? '',
      limit,
    });
  }
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
