/**
 * The report of `npm run bench:client`: the figures against the targets (PASS/FAIL), the details
 * behind them, and the problems that make it a broken run.
 */
import { printTable, type Row } from '../bench/report';
import { cpus, totalmem } from 'node:os';
import type { ClientReport } from '../bench/messages';
import type { ProcStatus } from '../bench/proc';
import { fmt, merge, quantiles } from '../bench/stats';
import { cpuShare, type CpuShare } from './cpu';
import type { LiveMeasurement } from './live';
import type { BootstrapResult, ColdOpenResult, QuerySample } from './messages';
import { TARGET, type Options } from './options';
import { QUERY_KINDS } from './queries';
import type { Seeded } from './seed';
import type { Paging } from './service-paging';

/** Everything a finished run recorded. */
export interface Recorded {
  readonly options: Options;
  readonly filesystem: string;
  readonly seeded: Seeded;
  readonly serviceRss: ProcStatus | null;
  readonly bootstrap: BootstrapResult;
  /** The CPU from forking the bootstrap's core until it reported. */
  readonly bootstrapCpu: CpuShare;
  readonly paging: Paging;
  readonly coldOpens: readonly ColdOpenResult[];
  /** The CPU of each cold open, from forking its process until its connection was live. */
  readonly coldOpenCpu: readonly CpuShare[];
  /** One more cold open of the TypeScript source through tsx, for reference. */
  readonly sourceOpen: ColdOpenResult | null;
  readonly queries: readonly QuerySample[];
  /** The CPU while the queries ran. */
  readonly queriesCpu: CpuShare;
  readonly distinctQueries: number;
  readonly live: LiveMeasurement;
  readonly cacheBytesClosed: number;
  readonly coreWarnings: readonly string[];
  readonly serviceComplaints: readonly string[];
  readonly serviceDied: boolean;
  /** The machine's 1-minute load average when the run started and when it ended. */
  readonly load: { readonly start: number; readonly end: number };
}

/** Nearest-rank percentiles of samples. */
export function percentiles(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return {
    count: sorted.length,
    p50: at(0.5) ?? NaN,
    p95: at(0.95) ?? NaN,
    p99: at(0.99) ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

const plural = (n: number, noun: string) => `${fmt(n)} ${noun}${n === 1 ? '' : 's'}`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const ms = (value: number, digits = 0) => `${fmt(value, digits)} ms`;
const mb = (bytes: number) => `${fmt(bytes / 1048576, 1)} MB`;

/** The live phase's figures: the core's commit → applied, and the other streams' commit → receipt. */
export function liveFigures(recorded: Recorded) {
  const { live, options } = recorded;
  const { driven } = live;
  const inWindow = (commitMs: number) =>
    commitMs >= driven.measureStartWall && commitMs < driven.measureEndWall;
  const seqs = new Set(live.core.records.map((r) => r.seq));
  const measured = live.core.records.filter((r) => inWindow(r.commitMs));
  const latency = percentiles(measured.map((r) => r.appliedMs - r.commitMs));
  const batches = percentiles(measured.map((r) => r.batch));
  const othersHistogram = {};
  for (const report of live.others) merge(othersHistogram, report.commitToReceipt);
  const sum = (of: (report: ClientReport) => number) => live.others.reduce((t, r) => t + of(r), 0);
  const changedCalls = driven.calls.filter((c) => c.changed).length;
  const windowCalls = driven.calls.filter(
    (c) => c.sentAt >= driven.windowStart && c.sentAt < driven.windowEnd,
  );
  return {
    latency,
    batches,
    measuredChanges: measured.length,
    changesPerSecond: measured.length / options.seconds,
    seenByCore: seqs.size,
    changedCalls,
    windowCalls: windowCalls.length,
    others: quantiles(othersHistogram),
    othersReceipts: sum((r) => r.receiptsMeasured),
    othersMissing: sum((r) => r.missing),
    othersGaps: sum((r) => r.gaps),
    othersLost: sum((r) => r.lost),
    othersLoopP99: Math.max(...live.others.map((r) => r.loopDelayP99Ms)),
    cpu: cpuShare(
      live.cpu.start,
      live.cpu.end,
      live.core.cpuMs,
      sum((r) => r.cpuUserMs + r.cpuSystemMs),
    ),
    behind: live.drained.reduce((t, d) => t + d.behind, 0),
  };
}

/** What makes the run a broken one (it then exits 1): none, for a sound run. */
export function problemsOf(recorded: Recorded): string[] {
  const problems: string[] = [];
  const { bootstrap, seeded, live } = recorded;
  const expected = recorded.options.requests;
  if (recorded.serviceDied) problems.push('the service exited during the run');
  if (bootstrap.cached !== expected)
    problems.push(`the bootstrap cached ${fmt(bootstrap.cached)} requests, expected ${fmt(expected)}`);
  if (seeded.pool.length !== recorded.options.pool) problems.push('the live pool was not seeded in full');
  const figures = liveFigures(recorded);
  if (live.driven.failures.length)
    problems.push(
      `${live.driven.failures.length} driver calls failed: ${live.driven.failures.slice(0, 3).join('; ')}`,
    );
  if (!live.coreCaughtUp)
    problems.push("the core's cache did not reach the feed's head within 30 s of the last change");
  if (figures.seenByCore !== figures.changedCalls)
    problems.push(
      `the core applied ${fmt(figures.seenByCore)} live changes; the driver made ${fmt(figures.changedCalls)}`,
    );
  if (live.core.connectionDrops.length)
    problems.push(`the core's connection dropped: ${live.core.connectionDrops.slice(0, 3).join('; ')}`);
  if (figures.othersLost || live.lostStreams.length)
    problems.push(
      `${Math.max(figures.othersLost, live.lostStreams.length)} other agents' streams were closed`,
    );
  if (figures.othersGaps) problems.push(`${figures.othersGaps} gaps in the other agents' streams`);
  if (figures.behind)
    problems.push(`${figures.behind} other streams had not received every change after 60 s`);
  if (figures.othersMissing)
    problems.push(`${fmt(figures.othersMissing)} receipts missing at the other streams`);
  return problems;
}

export function printReport(recorded: Recorded, problems: readonly string[]): void {
  const { options, seeded } = recorded;
  const cpu = cpus();
  console.log('');
  console.log(
    `Sessiondesk agent client core: ${fmt(options.requests)} requests cached, ${fmt(options.others)} other agents live`,
  );
  console.log(
    `  machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, ` +
      `Node ${process.version}, ${process.platform}; data folders on ${recorded.filesystem}; ` +
      `load average ${fmt(recorded.load.start, 2)} at the start, ${fmt(recorded.load.end, 2)} at the end`,
  );
  console.log(
    `  parameters: --requests ${options.requests} --others ${options.others} --accounts ${options.accounts} ` +
      `--rate ${options.rate} --seconds ${options.seconds} --warmup ${options.warmup} --queries ${options.queries} ` +
      `--cold-opens ${options.coldOpens} --pool ${options.pool} --client-procs ${options.clientProcs}`,
  );
  const statuses = Object.entries(seeded.byStatus)
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${status} ${fmt(n)}`)
    .join(', ');
  console.log(
    `  seeded in-process in ${fmt(seeded.seconds, 1)} s: ${statuses};\n` +
      `  ${fmt(seeded.scheduled)} scheduled, ${fmt(seeded.notes)} with a note; ${fmt(seeded.timelineEvents)} timeline ` +
      `events; 80% in "Support", 20% in the admin's Private channel.\n` +
      '  The measured core signs in as the admin, who sees them all.',
  );
  console.log(
    '  The service runs in its own process (tsx server/main.ts); the measured core in another, bundled as the\n' +
      '  packaged app is (esbuild: the app code in one file, node_modules external) and run by plain Node.',
  );
  console.log('');
  printTable([
    ...bootstrapRows(recorded),
    ['', '', '', ''],
    ...coldOpenRows(recorded),
    ['', '', '', ''],
    ...queryRows(recorded),
    ['', '', '', ''],
    ...liveRows(recorded),
  ]);
  console.log('');
  printSlowestQueries(recorded);
  printNotes(recorded);
  if (problems.length) {
    console.log('RUN FAILED:');
    for (const problem of problems) console.log(`  - ${problem}`);
  }
}

function bootstrapRows({ bootstrap: b, bootstrapCpu: cpu, paging, options, serviceRss }: Recorded): Row[] {
  const seconds = b.liveMs / 1000;
  const pageMs = percentiles(b.pages.filter((p) => p.changes > 0).map((p) => p.ms));
  const applyTotal = b.pages.reduce((t, p) => t + p.ms, 0);
  const longest = b.pages.reduce((a, p) => (p.ms > a.ms ? p : a), b.pages[0]!);
  // Between one page's write and the next: receiving the prefetched page (its body is read by this same
  // event loop, so not while a write blocks it), parsing and checking it.
  const gaps = b.pages.slice(1).map((p, i) => p.at - (b.pages[i]!.at + b.pages[i]!.ms));
  const gapSpread = percentiles(gaps);
  const gapTotal = gaps.reduce((t, g) => t + g, 0);
  const last = b.pages.at(-1)!;
  const meanwhile = percentiles(b.queriesMeanwhile);
  return [
    [
      '1. bootstrap: account.signIn → sync live, all cached',
      `${fmt(seconds, 2)} s (${fmt(b.cached)} of ${fmt(options.requests)} rows)`,
      `≤ ${TARGET.bootstrapS} s`,
      verdict(seconds <= TARGET.bootstrapS && b.cached === options.requests),
    ],
    ['   rows/s (signIn → live)', fmt(b.cached / seconds), '', ''],
    ['   signIn answered / first sync started', `${ms(b.signInMs)} / ${ms(b.syncStartMs)}`, '', ''],
    ['   first rows in the cache (first page written)', ms(b.firstRowsMs), '', ''],
    [
      '   applyIncoming (in the worker): calls, p50 / max',
      `${pageMs.count} × ≤500 changes, ${ms(pageMs.p50)} / ${ms(longest.ms)}`,
      '',
      '',
    ],
    [
      '   applyIncoming total (call → answer)',
      `${fmt(applyTotal / 1000, 2)} s (${fmt((100 * applyTotal) / b.liveMs)}% of the bootstrap)`,
      '',
      '',
    ],
    [
      '   between page writes (next page read, parsed, checked)',
      `${fmt(gapTotal / 1000, 2)} s in all, p50 ${ms(gapSpread.p50)} / max ${ms(gapSpread.max)}`,
      '',
      '',
    ],
    [
      '   before the first write / after the last',
      `${ms(b.pages[0]!.at)} / ${ms(b.liveMs - last.at - last.ms)}`,
      '',
      '',
    ],
    [
      '   page JSON.parse / schema check on the main thread, max',
      `${ms(b.jsonParse.max)} / ${ms(b.schemaCheck.max)} (totals ${fmt(b.jsonParse.total / 1000, 2)} / ${fmt(b.schemaCheck.total / 1000, 2)} s)`,
      '',
      '',
    ],
    [
      '   event-loop delay p50 / p99 / max',
      `${ms(b.loopDelay.p50, 1)} / ${ms(b.loopDelay.p99, 1)} / ${ms(b.loopDelay.max)}`,
      '≤ 10 ms p99',
      verdict(b.loopDelay.p99 <= 10),
    ],
    // With --reads-during-bootstrap only.
    ...(meanwhile.count > 0
      ? [
          [
            '   first 100 rows / counts meanwhile: p50 / p95 / max',
            `${ms(meanwhile.p50, 1)} / ${ms(meanwhile.p95, 1)} / ${ms(meanwhile.max)} (${plural(meanwhile.count, 'call')})`,
            '',
            '',
          ] as Row,
        ]
      : []),
    [
      '   bootstrap / the service alone paging',
      `${fmt(b.liveMs / paging.ms, 2)}×`,
      '≤ 1.5×',
      verdict(b.liveMs / paging.ms <= 1.5),
    ],
    [
      '   core CPU during the bootstrap',
      `${fmt(b.cpuMs / 1000, 1)} s of ${fmt(seconds, 1)} s (${fmt(b.cpuMs / b.liveMs, 2)} cores)`,
      '',
      '',
    ],
    [
      '   CPU meanwhile, cores: core / service / outside',
      `${fmt(cpu.core, 2)} / ${fmt(cpu.service, 2)} / ${fmt(cpu.outside, 2)} of ${fmt(cpu.machineCores, 0)}`,
      '',
      '',
    ],
    ['   cache file + WAL once live', `${mb(b.cacheBytes)} + ${mb(b.walBytes)}`, '', ''],
    ['   cache bytes per request', fmt((b.cacheBytes + b.walBytes) / b.cached), '', ''],
    ['   core RSS once live / peak (VmHWM)', `${fmt(b.rssMb)} / ${fmt(b.hwmMb)} MB`, '', ''],
    [
      '   the service alone: GET /sync from 0, all pages',
      `${fmt(paging.ms / 1000, 2)} s, ${plural(paging.pages, 'page')}, ${mb(paging.bytes)} (slowest page ${ms(paging.slowestPageMs)})`,
      '',
      '',
    ],
    [
      '   service RSS after the bootstrap / peak',
      `${fmt(serviceRss?.rssMb ?? NaN)} / ${fmt(serviceRss?.hwmMb ?? NaN)} MB`,
      '',
      '',
    ],
  ];
}

function coldOpenRows({ coldOpens, coldOpenCpu, sourceOpen }: Recorded): Row[] {
  const worst = coldOpens.reduce((a, c) => (c.totalMs > a.totalMs ? c : a), coldOpens[0]!);
  const totals = percentiles(coldOpens.map((c) => c.totalMs));
  const rows: Row[] = [
    [
      '2. cold open → first page of 100 rows (median)',
      `${ms(totals.p50)} (${plural(coldOpens.length, 'run')}, worst ${ms(worst.totalMs)})`,
      `≤ ${TARGET.coldOpenMs} ms`,
      verdict(totals.p50 <= TARGET.coldOpenMs) +
        (worst.totalMs > TARGET.coldOpenMs ? ' (worst run over)' : ''),
    ],
  ];
  coldOpens.forEach((c, i) =>
    rows.push([
      `   run ${i + 1}: import / AgentCore.start / first query`,
      `${ms(c.importMs)} / ${ms(c.startMs)} / ${ms(c.firstPageMs, 1)} = ${ms(c.totalMs)}`,
      '',
      '',
    ]),
  );
  rows.push(
    [
      '   then requests.counts (the sidebar), worst',
      ms(Math.max(...coldOpens.map((c) => c.countsMs))),
      '',
      '',
    ],
    ['   rows / total of the first page', `${worst.rows} / ${fmt(worst.total)}`, '', ''],
    ['   service up, connecting at once: events before it', worst.connectionBeforeFirstPage, '', ''],
    ['   core RSS at the first page', `${fmt(worst.rssMb)} MB`, '', ''],
    [
      '   CPU outside the bench in each run, cores',
      coldOpenCpu.map((c) => fmt(c.outside, 2)).join(' / '),
      '',
      '',
    ],
  );
  if (sourceOpen) {
    rows.push([
      '   (reference: TypeScript source through tsx)',
      `${ms(sourceOpen.importMs)} / ${ms(sourceOpen.startMs)} / ${ms(sourceOpen.firstPageMs, 1)} = ${ms(sourceOpen.totalMs)}`,
      '',
      'dev only',
    ]);
  }
  return rows;
}

function queryRows({ queries, distinctQueries, queriesCpu: cpu }: Recorded): Row[] {
  const all = percentiles(queries.map((q) => q.ms));
  const rows: Row[] = [
    [
      `3. queries: p95 over all (${fmt(all.count)} runs of ${distinctQueries} distinct)`,
      ms(all.p95, 1),
      `≤ ${TARGET.queryP95Ms} ms`,
      verdict(all.p95 <= TARGET.queryP95Ms),
    ],
    ['   all: p50 / p95 / p99 / max', spread(all), '', ''],
  ];
  for (const kind of QUERY_KINDS) {
    const of = percentiles(queries.filter((q) => q.kind === kind).map((q) => q.ms));
    if (!of.count) continue;
    rows.push([
      `   ${kind} (${fmt(of.count)}): p50 / p95 / p99 / max`,
      spread(of),
      `p95 ≤ ${TARGET.queryP95Ms} ms`,
      of.p95 <= TARGET.queryP95Ms ? 'pass' : 'fail',
    ]);
  }
  rows.push([
    '   CPU meanwhile, cores: core / service / outside',
    `${fmt(cpu.core, 2)} / ${fmt(cpu.service, 2)} / ${fmt(cpu.outside, 2)} of ${fmt(cpu.machineCores, 0)} (${fmt(cpu.seconds, 1)} s)`,
    '',
    '',
  ]);
  return rows;
}

const spread = (p: { p50: number; p95: number; p99: number; max: number }) =>
  `${fmt(p.p50, 1)} / ${fmt(p.p95, 1)} / ${fmt(p.p99, 1)} / ${fmt(p.max, 1)} ms`;

function liveRows(recorded: Recorded): Row[] {
  const { options, live } = recorded;
  const f = liveFigures(recorded);
  const rateHeld = f.changesPerSecond >= 0.95 * options.rate;
  return [
    [
      `4. live: commit → in the core's cache, p99 (${fmt(options.others)} others)`,
      ms(f.latency.p99),
      `≤ ${TARGET.liveP99Ms} ms`,
      !rateHeld ? 'FAIL (rate not held)' : verdict(f.latency.p99 <= TARGET.liveP99Ms),
    ],
    ['   p50 / p95 / p99 / max, changes measured', `${spread(f.latency)}, ${fmt(f.measuredChanges)}`, '', ''],
    [
      '   changes/s committed (window)',
      `${fmt(f.changesPerSecond, 1)} of ${fmt(options.rate)} driven`,
      '',
      rateHeld ? 'held' : 'NOT HELD',
    ],
    [
      '   changes per applyLive (stream batch) p50 / max',
      `${fmt(f.batches.p50)} / ${fmt(f.batches.max)}`,
      '',
      '',
    ],
    [
      '   applyLive calls, mean / max',
      `${fmt(live.core.applyMs.count)}, ${ms(live.core.applyMs.total / Math.max(1, live.core.applyMs.count), 1)} / ${ms(live.core.applyMs.max, 1)}`,
      '',
      '',
    ],
    [
      "   other agents' streams: commit → receipt p50 / p99 / max",
      `${ms(f.others.p50)} / ${ms(f.others.p99)} / ${ms(f.others.max)} (${fmt(f.othersReceipts)} receipts)`,
      '',
      '',
    ],
    [
      '   core event-loop delay p99 / max; CPU',
      `${ms(live.core.loopDelay.p99, 1)} / ${ms(live.core.loopDelay.max, 1)}; ${fmt(live.core.cpuMs / (options.seconds * 1000), 2)} cores`,
      '',
      '',
    ],
    [
      '   CPU in the window, cores: service / core / streams',
      `${fmt(f.cpu.service, 2)} / ${fmt(f.cpu.core, 2)} / ${fmt(f.cpu.streams, 2)}, driver ${fmt(f.cpu.bench, 2)}`,
      '',
      '',
    ],
    [
      '   machine busy / outside the bench',
      `${fmt(f.cpu.busy, 2)} / ${fmt(f.cpu.outside, 2)} of ${fmt(f.cpu.machineCores, 0)} cores`,
      '',
      '',
    ],
    ['   core RSS at the end / peak', `${fmt(live.core.rssMb)} / ${fmt(live.core.hwmMb)} MB`, '', ''],
    ['   streams ready in', `${fmt(live.streamsReadyMs / 1000, 1)} s`, '', ''],
  ];
}

/** The slowest distinct queries, by median over their runs, and each kind's slowest. */
function printSlowestQueries({ queries }: Recorded): void {
  const byLabel = new Map<string, QuerySample[]>();
  for (const sample of queries) byLabel.set(sample.label, [...(byLabel.get(sample.label) ?? []), sample]);
  const distinct = [...byLabel.values()].map((samples) => ({
    kind: samples[0]!.kind,
    label: samples[0]!.label,
    total: samples[0]!.total,
    ...percentiles(samples.map((s) => s.ms)),
  }));
  distinct.sort((a, b) => b.p50 - a.p50);
  console.log('Slowest queries of each kind (median of their runs, and their slowest run):');
  const line = (d: (typeof distinct)[number]) =>
    `  ${fmt(d.p50, 1).padStart(7)} ms  max ${fmt(d.max, 1).padStart(7)} ms  ${d.kind.padEnd(6)}  ${d.label}` +
    (d.total >= 0 ? ` (${fmt(d.total)} rows match)` : '');
  for (const kind of QUERY_KINDS) {
    for (const d of distinct.filter((q) => q.kind === kind).slice(0, 3)) console.log(line(d));
  }
  console.log('');
}

function printNotes(recorded: Recorded): void {
  const { options, live, coreWarnings, serviceComplaints, cacheBytesClosed, bootstrap } = recorded;
  console.log(
    `note: during the bootstrap the core's event loop was blocked for up to ${ms(bootstrap.loopDelay.max)} at a time ` +
      '(a page: its JSON.parse, schema\n  check and applyFullPage transaction, all on the main thread): an IPC ' +
      'command from the renderer waits that long.',
  );
  console.log(
    'note: query times are core.invoke as the IPC host calls it: input validation, the SQL (page and total),\n' +
      '  decoding the rows; not the IPC transport.',
  );
  if (options.requests !== TARGET.requests || options.others !== TARGET.others) {
    console.log(
      `note: the targets are stated for ${fmt(TARGET.requests)} requests and ${fmt(TARGET.others)} other agents; ` +
        `this run had ${fmt(options.requests)} and ${fmt(options.others)}.`,
    );
  }
  console.log(
    "note: commit → cache is from a change's updatedAt (the service's clock when its write transaction began,\n" +
      '  so its commit and fsync are inside; 1 ms resolution) to the return of CacheStore.applyLive (the\n' +
      "  cache's transaction committed, fsync included), same machine clock. It includes the service's\n" +
      '  stream batching (a change within 20 ms of the last flush waits for the next one).',
  );
  console.log(`note: cache file after the core closed it: ${mb(cacheBytesClosed)}.`);
  const busy = [
    ['the bootstrap', recorded.bootstrapCpu],
    ['the cold opens', recorded.coldOpenCpu.reduce((a, c) => (c.outside > a.outside ? c : a))],
    ['the queries', recorded.queriesCpu],
    ['the live window', liveFigures(recorded).cpu],
  ] as const;
  for (const [phase, cpu] of busy) {
    if (cpu.outside > 0.25) {
      console.log(
        `note: during ${phase}, work outside the bench kept ${fmt(cpu.outside, 2)} of the ${fmt(cpu.machineCores, 0)} ` +
          'cores busy (at most, for the cold opens): those figures include waiting for a CPU.',
      );
    }
  }
  if (live.driven.unsent)
    console.log(`note: ${fmt(live.driven.unsent)} calls due were never sent (the service was behind).`);
  if (coreWarnings.length) {
    console.log(`core log, ${coreWarnings.length} line(s):`);
    for (const warning of coreWarnings) console.log(`  ${warning}`);
  }
  if (serviceComplaints.length) {
    console.log(`service log (warn and above), ${serviceComplaints.length} line(s):`);
    for (const complaint of serviceComplaints.slice(0, 10)) console.log(`  ${complaint}`);
  }
}
