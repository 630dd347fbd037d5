/** SQL of reports on PostgreSQL (what it computes: ../reports-sql.ts). */
import {
  refreshFactsSql,
  REPORT_DIMENSIONS,
  requestPageSql,
  summarySql,
  type ReportDialect,
  type ReportFiguresRow,
  type ReportFilter,
  type ReportParam,
  type ReportRequestRow,
} from '../reports-sql';
import type { ReportsTable } from '../store';
import type { PostgresExecutor, SqlValue } from './executor';

/** The parameters' positions ($1…), in the order values() passes them. */
const ORDER: readonly ReportParam[] = [
  'from',
  'to',
  'channelIds',
  'assigneeId',
  'ownWorkOf',
  'now',
  'afterCreated',
  'afterId',
  'limit',
];

/** Typed where PostgreSQL could not infer a type from the use alone (`$4 IS NULL`). */
const TYPES: Partial<Record<ReportParam, string>> = {
  from: 'bigint',
  to: 'bigint',
  assigneeId: 'text',
  ownWorkOf: 'text',
  now: 'bigint',
  afterCreated: 'bigint',
  afterId: 'text',
  limit: 'integer',
};

const POSTGRES: ReportDialect = {
  param: (name) => `$${ORDER.indexOf(name) + 1}${TYPES[name] ? `::${TYPES[name]}` : ''}`,
  channelIn: (column) => `${column} = ANY($${ORDER.indexOf('channelIds') + 1}::text[])`,
  // All fractions from one sort of the group's values: the array form, read an element per expression (the
  // same aggregate written twice is computed once).
  percentiles: (value, fractions) =>
    fractions.map(
      (_, index) =>
        `(percentile_cont(ARRAY[${fractions.join(', ')}]::float8[]) WITHIN GROUP (ORDER BY ${value}))[${index + 1}]`,
    ),
  sameValue: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
  number: (sum) => `(${sum})::float8`,
  indexedBy: () => '',
  jsonText: (column, key) => `(${column}::jsonb ->> '${key}')`,
};

const SUMMARY = REPORT_DIMENSIONS.map((dim) => summarySql(POSTGRES, dim));
const REQUEST_PAGE = requestPageSql(POSTGRES);
/** Its one parameter is the first: the others are not there. */
const REFRESH_FACTS = refreshFactsSql({
  ...POSTGRES,
  param: (name) => (name === 'requestId' ? '$1::text' : POSTGRES.param(name)),
});

export class PostgresReportsStore implements ReportsTable {
  constructor(private readonly db: PostgresExecutor) {}

  /** Every group's figures; the groups' statements run at the same time, each on a connection of the pool. */
  async summary(filter: ReportFilter): Promise<ReportFiguresRow[]> {
    const groups = await Promise.all(
      SUMMARY.map((sql) => this.db.rows<ReportFiguresRow>(sql, values(filter).slice(0, highestParam(sql)))),
    );
    return groups.flat();
  }

  async refreshFacts(requestId: string): Promise<void> {
    await this.db.exec(REFRESH_FACTS, [requestId]);
  }

  requestPage(
    filter: ReportFilter,
    after: { readonly createdAt: number; readonly id: string } | null,
    limit: number,
  ): Promise<ReportRequestRow[]> {
    return this.db.rows<ReportRequestRow>(REQUEST_PAGE, [
      ...values(filter),
      after?.createdAt ?? -1,
      after?.id ?? '',
      limit,
    ]);
  }
}

function values(filter: ReportFilter): SqlValue[] {
  return [filter.from, filter.to, filter.channelIds, filter.assigneeId, filter.ownWorkOf, filter.now];
}

/** The highest $n a statement names: PostgreSQL refuses values for parameters it does not use (a day's
 * counts do not use `now`). */
function highestParam(sql: string): number {
  return Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
}
