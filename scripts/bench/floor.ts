/**
 * Measures the floor (scripts/bench/floor-server.ts) in the same run as the service: as many streams from
 * as many client processes of the same code, the same rate, window, warm-up and measured seconds, the
 * same change JSON; the same figures from the same client reports.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { forkClientProcesses, type ClientProcesses } from './client-processes';
import { ROOT } from './constants';
import type { FromFloor, ToFloor } from './floor-server';
import { log } from './log';
import type { ClientReport, Histogram } from './messages';
import type { Options } from './options';
import { fmt, merge, quantiles } from './stats';

/** What the floor run recorded. */
export interface FloorMeasurement {
  readonly reports: readonly ClientReport[];
  readonly measureStartWall: number;
  readonly measureEndWall: number;
  /** The floor process's CPU over the measured window, ms. */
  readonly cpuMs: number;
}

/** The processes a floor run has running, for the bench's clean-up. */
export interface FloorProcesses {
  floor: ChildProcess | null;
  clients: ClientProcesses | null;
}

/** Runs the floor: `template` is a change the service made, `requestIds` the pool it cycles over. */
export async function measureFloor(
  options: Options,
  windowMs: number,
  template: string,
  requestIds: readonly string[],
  running: FloorProcesses,
): Promise<FloorMeasurement> {
  const floor = fork(join(ROOT, 'scripts/bench/floor-server.ts'), [], {
    cwd: ROOT,
    execArgv: process.execArgv, // tsx's loader, as this process runs under it
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.floor = floor;
  const next = nextMessage(floor);
  const { url } = await next('listening');
  log(`floor: a plain ws broadcaster (pid ${floor.pid}) on ${url}; opening ${options.agents} streams…`);
  const clients = forkClientProcesses(
    Array.from({ length: options.agents }, () => 'floor'),
    options.clientProcs,
  );
  running.clients = clients;
  await clients.connect(url, 0);
  await sleep(1_000);

  log(`floor: ${options.rate} changes/s, ${options.warmup} s warm-up then ${options.seconds} s measured…`);
  floor.on('message', (message: FromFloor) => {
    if (message.type === 'window') clients.window(message.phase);
  });
  const ran = next('ran');
  const order: ToFloor = {
    type: 'run',
    template,
    requestIds,
    rate: options.rate,
    warmupSeconds: options.warmup,
    seconds: options.seconds,
    windowMs,
  };
  floor.send(order);
  const { measureStartWall, measureEndWall, head, cpuMs } = await ran;
  await clients.drain(head);
  const reports = await clients.report(measureStartWall, measureEndWall, {});
  running.clients = null;
  await clients.close();
  running.floor = null;
  floor.disconnect();
  return { reports, measureStartWall, measureEndWall, cpuMs };
}

/** The floor's figures: commit → receipt, the rate made, what was not delivered. */
export function floorFiguresOf(options: Options, floor: FloorMeasurement) {
  const commitToReceipt: Histogram = {};
  for (const report of floor.reports) merge(commitToReceipt, report.commitToReceipt);
  const measuredChanges = floor.reports[0]!.changes.filter(
    (c) => c.commitMs >= floor.measureStartWall && c.commitMs < floor.measureEndWall,
  ).length;
  const sum = (of: (report: ClientReport) => number) =>
    floor.reports.reduce((total, report) => total + of(report), 0);
  return {
    latency: quantiles(commitToReceipt),
    measuredChanges,
    changesPerSecond: measuredChanges / options.seconds,
    receiptsMeasured: sum((r) => r.receiptsMeasured),
    expectedReceipts: measuredChanges * options.agents,
    missing: sum((r) => r.missing),
    gaps: sum((r) => r.gaps),
    lost: sum((r) => r.lost),
    invalid: sum((r) => r.invalid),
    cpuCores: floor.cpuMs / (options.seconds * 1000),
    clientCpu: floor.reports.reduce((t, r) => t + r.cpuUserMs + r.cpuSystemMs, 0) / (options.seconds * 1000),
  };
}

export type FloorFigures = ReturnType<typeof floorFiguresOf>;

/** What makes the floor run unusable as a baseline. */
export function floorProblemsOf(figures: FloorFigures): string[] {
  const problems: string[] = [];
  if (figures.lost) problems.push(`floor: ${figures.lost} streams closed`);
  if (figures.gaps) problems.push(`floor: ${figures.gaps} gaps in the streams`);
  if (figures.invalid) problems.push(`floor: ${figures.invalid} stream messages malformed`);
  if (figures.missing || figures.receiptsMeasured !== figures.expectedReceipts)
    problems.push(
      `floor: ${fmt(figures.receiptsMeasured)} receipts of ${fmt(figures.expectedReceipts)}, ${fmt(figures.missing)} missing`,
    );
  return problems;
}

/** The next IPC message of `type` from `child`, or a rejection if it exits first or within 120 s. */
function nextMessage(child: ChildProcess) {
  return <T extends FromFloor['type']>(type: T) =>
    new Promise<Extract<FromFloor, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`floor: no "${type}" within 120 s`)), 120_000);
      const onExit = (code: number | null) => reject(new Error(`floor process exited (code ${code})`));
      const onMessage = (message: FromFloor) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off('message', onMessage).off('exit', onExit);
        resolve(message as Extract<FromFloor, { type: T }>);
      };
      child.on('message', onMessage).once('exit', onExit);
    });
}
