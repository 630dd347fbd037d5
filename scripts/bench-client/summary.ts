/**
 * `bench:client --json`: the run's figures as one flat JSON object (milliseconds, bytes, counts), its
 * keys stable from run to run so that runs can be compared by a script. Ratios are to the service alone
 * paging the same sync, measured in the same run.
 */
import { liveFigures, percentiles, type Recorded } from './report';

export function summaryOf(recorded: Recorded): Record<string, number | string> {
  const { bootstrap: b, paging, coldOpens, queries, options } = recorded;
  const meanwhile = percentiles(b.queriesMeanwhile);
  const cold = percentiles(coldOpens.map((c) => c.totalMs));
  const all = percentiles(queries.map((q) => q.ms));
  const search = percentiles(queries.filter((q) => q.kind === 'search').map((q) => q.ms));
  const counts = percentiles(queries.filter((q) => q.kind === 'counts').map((q) => q.ms));
  const live = liveFigures(recorded);
  return {
    requests: options.requests,
    liveRate: options.rate,
    bootstrapMs: b.liveMs,
    bootstrapCached: b.cached,
    bootstrapFirstRowsMs: b.firstRowsMs,
    bootstrapLoopDelayP50Ms: b.loopDelay.p50,
    bootstrapLoopDelayP99Ms: b.loopDelay.p99,
    bootstrapLoopDelayMaxMs: b.loopDelay.max,
    bootstrapQueriesMeanwhileP50Ms: meanwhile.p50,
    bootstrapQueriesMeanwhileP95Ms: meanwhile.p95,
    bootstrapQueriesMeanwhileMaxMs: meanwhile.max,
    bootstrapJsonParseMaxMs: b.jsonParse.max,
    bootstrapSchemaCheckMaxMs: b.schemaCheck.max,
    bootstrapCpuMs: b.cpuMs,
    bootstrapRssBytes: b.rssMb * 1048576,
    cacheBytes: b.cacheBytes + b.walBytes,
    cacheBytesPerRequest: (b.cacheBytes + b.walBytes) / b.cached,
    servicePagingMs: paging.ms,
    servicePagingBytes: paging.bytes,
    bootstrapToServicePaging: b.liveMs / paging.ms,
    coldOpenMedianMs: cold.p50,
    coldOpenMaxMs: cold.max,
    queryP50Ms: all.p50,
    queryP95Ms: all.p95,
    searchP95Ms: search.p95,
    countsP95Ms: counts.p95,
    liveP50Ms: live.latency.p50,
    liveP99Ms: live.latency.p99,
    liveMaxMs: live.latency.max,
    liveChangesPerSecond: live.changesPerSecond,
    liveLoopDelayP99Ms: recorded.live.core.loopDelay.p99,
    liveLoopDelayMaxMs: recorded.live.core.loopDelay.max,
    loadAverageStart: recorded.load.start,
    loadAverageEnd: recorded.load.end,
  };
}
