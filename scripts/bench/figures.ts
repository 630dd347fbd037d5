/**
 * The figures of a finished run, from what it recorded, and the problems that make it a broken run (a
 * stream lost or resynced, a gap in a feed, a change not delivered, an HTTP call refused, the service dying).
 */
import type { Call } from './driver';
import { floorFiguresOf, floorProblemsOf, type FloorMeasurement } from './floor';
import type { Measurement } from './measure';
import type { ClientReport, Histogram } from './messages';
import type { Options } from './options';
import type { ProcStatus } from './proc';
import { fmt, merge, quantiles, sortedQuantiles } from './stats';

/** The service's memory through the run. */
export interface Memory {
  readonly start: ProcStatus | null;
  readonly setup: ProcStatus | null;
  readonly connected: ProcStatus | null;
  /** The highest RSS sampled from the streams connected until the last change delivered, MB. */
  readonly peakRunMb: number;
  readonly end: ProcStatus | null;
  /** Once the client processes had closed their streams. */
  readonly afterClose: ProcStatus | null;
}

/** Everything a finished run recorded. */
export interface Recorded {
  readonly options: Options;
  /** The database's folder's filesystem. */
  readonly filesystem: string;
  /** Streams held by each service instance (index 0: the one written through, whose memory is measured). */
  readonly streamsPerInstance: readonly number[];
  /** Where the service's CPU profiles are, with --cpu-prof. */
  readonly profileDir: string | null;
  readonly measurement: Measurement;
  readonly memory: Memory;
  /** Streams the service closed, as the client processes reported them. */
  readonly lostStreams: readonly string[];
  /** The service's log lines at warn or above, and anything on its stderr. */
  readonly complaints: readonly string[];
  readonly serviceDied: boolean;
  /** The plain-ws floor measured after the service, unless --no-floor. */
  readonly floor: FloorMeasurement | null;
  /** The service's batching window, which the floor used too, ms. */
  readonly windowMs: number;
}

export type Figures = ReturnType<typeof figuresOf>;

/** The report's figures, from what the run recorded. */
export function figuresOf({ options, measurement, memory, floor: floorRun, streamsPerInstance }: Recorded) {
  const { driven, drained, reports, cpu } = measurement;
  const commitToReceipt: Histogram = {};
  const sendToReceipt: Histogram = {};
  for (const report of reports) {
    merge(commitToReceipt, report.commitToReceipt);
    merge(sendToReceipt, report.sendToReceipt);
  }
  // Measured: the changes the service committed in the window, by their own timestamps (whether their call
  // was due in the warm-up or in the window); the commit rate is theirs.
  const measuredChanges = reports[0]!.changes.filter(
    (c) => c.commitMs >= driven.measureStartWall && c.commitMs < driven.measureEndWall,
  ).length;
  const windowCalls = driven.calls.filter(
    (c) => c.sentAt >= driven.windowStart && c.sentAt < driven.windowEnd,
  );
  const sum = (of: (report: ClientReport) => number) =>
    reports.reduce((total, report) => total + of(report), 0);
  const rtt = (kind: Call['kind']) =>
    sortedQuantiles(windowCalls.filter((c) => c.kind === kind).map((c) => c.answeredAt - c.sentAt));
  const windowMs = options.seconds * 1000;
  const instanceCpu = cpu.serviceStart.map((start, k) => (cpu.serviceEnd[k]! - start) / windowMs);
  const serviceCpu = instanceCpu.reduce((total, cores) => total + cores, 0);
  // PostgreSQL's processes (backends come and go little: the instances' pools keep theirs); null on SQLite.
  const databaseCpu = Number.isFinite(cpu.databaseEnd - cpu.databaseStart)
    ? (cpu.databaseEnd - cpu.databaseStart) / windowMs
    : null;
  const clientCpu = reports.reduce((total, r) => total + r.cpuUserMs + r.cpuSystemMs, 0) / windowMs;
  const driverCpu = (cpu.driver.user + cpu.driver.system) / windowMs;
  const machineBusy = (cpu.machineEnd.busy - cpu.machineStart.busy) / windowMs;
  const latency = quantiles(commitToReceipt);
  const floor = floorRun ? floorFiguresOf(options, floorRun) : null;
  // ms resolution: a floor under 1 ms counts as 1 ms rather than making the ratio infinite.
  const ratioTo = (ours: number, theirs: number) => ours / Math.max(1, theirs);
  const MB = 1024 * 1024;
  return {
    latency,
    floor,
    floorRatio: floor
      ? { p50: ratioTo(latency.p50, floor.latency.p50), p99: ratioTo(latency.p99, floor.latency.p99) }
      : null,
    instances: instancesOf(reports, streamsPerInstance.length),
    /** What the streams added to the (first) service's memory, per agent it holds (RSS connected − set up). */
    bytesPerAgent:
      (((memory.connected?.rssMb ?? NaN) - (memory.setup?.rssMb ?? NaN)) * MB) / streamsPerInstance[0]!,
    sendLatency: quantiles(sendToReceipt),
    measuredChanges,
    changesPerSecond: measuredChanges / options.seconds,
    receiptsMeasured: sum((r) => r.receiptsMeasured),
    expectedReceipts: measuredChanges * options.agents,
    changedCalls: driven.calls.filter((c) => c.changed).length,
    missing: sum((r) => r.missing),
    windowCalls: windowCalls.length,
    receiptsInWindow: sum((r) => r.receiptsInWindow),
    gaps: sum((r) => r.gaps),
    lost: sum((r) => r.lost),
    invalid: sum((r) => r.invalid),
    unmatched: sum((r) => r.unmatched),
    invalidates: sum((r) => r.invalidates),
    behind: drained.reduce((total, d) => total + d.behind, 0),
    rttDeny: rtt('deny'),
    rttRerequest: rtt('rerequest'),
    dueInWindow: Math.round(options.rate * options.seconds),
    mainThread: {
      onCpu: (cpu.schedEnd.runNs - cpu.schedStart.runNs) / 1e6 / windowMs,
      waiting: (cpu.schedEnd.waitNs - cpu.schedStart.waitNs) / 1e6 / windowMs,
    },
    lag: sortedQuantiles(windowCalls.map((c) => c.sentAt - c.dueAt)),
    lateCalls: windowCalls.filter((c) => c.sentAt - c.dueAt > 10).length,
    serviceCpu,
    instanceCpu,
    databaseCpu,
    clientCpu,
    driverCpu,
    machineBusy,
    machineCores: (cpu.machineEnd.total - cpu.machineStart.total) / windowMs,
    others: machineBusy - serviceCpu - (databaseCpu ?? 0) - clientCpu - driverCpu,
    loopDelayP99Ms: Math.max(...reports.map((r) => r.loopDelayP99Ms)),
    loopDelayMaxMs: Math.max(...reports.map((r) => r.loopDelayMaxMs)),
  };
}

/**
 * With several instances, fan-out apart: to streams on the instance the changes were written through
 * (single-instance) and to streams on the others (cross-instance), and the cross p99 ÷ the single p99.
 * Null with one instance.
 */
function instancesOf(reports: readonly ClientReport[], count: number) {
  if (count < 2) return null;
  const single: Histogram = {};
  const cross: Histogram = {};
  for (const report of reports) {
    report.commitToReceiptByInstance.forEach((histogram, k) => merge(k === 0 ? single : cross, histogram));
  }
  const singleLatency = quantiles(single);
  const crossLatency = quantiles(cross);
  // ms resolution: a p99 under 1 ms counts as 1 ms, as for the floor's ratio.
  return {
    count,
    single: singleLatency,
    cross: crossLatency,
    p99Ratio: crossLatency.p99 / Math.max(1, singleLatency.p99),
  };
}

/** What makes the run a broken one (it then exits 1): none, for a sound run. */
export function problemsOf(recorded: Recorded, figures: Figures): string[] {
  const { measurement, lostStreams } = recorded;
  const { driven, reports } = measurement;
  const { lost, gaps, behind, receiptsMeasured, expectedReceipts, measuredChanges, changedCalls } = figures;
  const problems: string[] = [];
  if (recorded.serviceDied) problems.push('the service exited during the run');
  if (driven.failures.length)
    problems.push(`${driven.failures.length} HTTP calls failed: ${driven.failures.slice(0, 3).join('; ')}`);
  if (lost || lostStreams.length)
    problems.push(
      `${Math.max(lost, lostStreams.length)} streams closed by the service: ${lostStreams.slice(0, 3).join('; ')}`,
    );
  if (gaps) problems.push(`${gaps} gaps in the streams (a change's prev was not the previous seq)`);
  if (behind) problems.push(`${behind} streams had not received every change 60 s after the last call`);
  if (receiptsMeasured !== expectedReceipts)
    problems.push(`${fmt(receiptsMeasured)} receipts of measured changes, expected ${fmt(expectedReceipts)}`);
  if (reports.some((r) => r.seenChanges !== changedCalls || r.measuredChanges !== measuredChanges))
    problems.push(
      `client processes saw ${reports.map((r) => `${r.seenChanges} (${r.measuredChanges} in the window)`).join(' / ')} ` +
        `changes; ${changedCalls} calls made one (${measuredChanges} committed in the window)`,
    );
  if (figures.missing)
    problems.push(`${fmt(figures.missing)} receipts missing: changes not delivered to every stream`);
  if (figures.invalid) problems.push(`${figures.invalid} stream messages were malformed or unexpected`);
  if (figures.unmatched)
    problems.push(`${figures.unmatched} receipts could not be matched to the call that made them`);
  if (figures.floor) problems.push(...floorProblemsOf(figures.floor));
  return problems;
}
