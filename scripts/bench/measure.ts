/**
 * The measurement: drives the changes through the first service instance while its memory is sampled
 * throughout and the CPU of every instance, the driver and the machine is read at the measured window's
 * edges; then waits until every stream has every change, and collects the client processes' reports.
 */
import { performance } from 'node:perf_hooks';
import type { ClientProcesses } from './client-processes';
import { drive, openDriverConnections, type Call, type Driven } from './driver';
import { feedHead } from './http';
import { log } from './log';
import type { ClientReport, FromClientsOf } from './messages';
import type { Options } from './options';
import { machineCpuMs, mainThreadSched, procCpuMs, procStatus, type ProcStatus } from './proc';
import type { Service } from './service-process';
import type { Setup } from './setup';

/** CPU readings at the measured window's start and end. */
export interface CpuWindow {
  /** Each service instance's CPU time, ms (index 0: the one written through). */
  serviceStart: number[];
  serviceEnd: number[];
  /** The bench's PostgreSQL's processes' CPU time, ms (NaN on SQLite: it is inside the service). */
  databaseStart: number;
  databaseEnd: number;
  schedStart: { runNs: number; waitNs: number };
  /** CLOCK_MONOTONIC, µs: the time base of the .cpuprofile's samples, to cut the window out of it. */
  monotonicStartUs: bigint;
  monotonicEndUs: bigint;
  schedEnd: { runNs: number; waitNs: number };
  machineStart: { busy: number; total: number };
  machineEnd: { busy: number; total: number };
  driverStart: NodeJS.CpuUsage;
  /** The driver's (this process's) CPU over the window, ms. */
  driver: { user: number; system: number };
}

export interface Measurement {
  readonly driven: Driven;
  readonly drained: readonly FromClientsOf<'drained'>[];
  /** From the driver's last answer until every stream had received the last change, ms. */
  readonly drainMs: number;
  readonly reports: readonly ClientReport[];
  readonly cpu: CpuWindow;
  /** The service's highest RSS sampled from the streams connected until the last change delivered, MB. */
  readonly peakRunMb: number;
  /** The service's memory once the last change was delivered. */
  readonly rssEnd: ProcStatus | null;
}

/**
 * Measures the service `instances` (all on one database; writes go through the first), their streams
 * connected, the first's RSS then `connectedMb`; `databasePids` are a PostgreSQL's processes, if any.
 */
export async function measure(
  instances: readonly Service[],
  clients: ClientProcesses,
  setup: Setup,
  options: Options,
  connectedMb: number,
  databasePids: () => readonly number[] = () => [],
): Promise<Measurement> {
  const service = instances[0]!;
  await openDriverConnections(service.url, options.pool);
  const peakRss = samplePeakRss(service.pid, connectedMb);
  const cpu = readCpuAtWindowEdges(
    instances.map((instance) => instance.pid),
    databasePids,
  );
  log(
    `driving ${options.rate} changes/s: ${options.warmup} s warm-up, then ${options.seconds} s measured ` +
      `(end user denies ↔ agent requests access again, over ${options.pool} requests)…`,
  );
  const driven = await drive(service.url, setup.adminToken, setup.pool, options, (phase) => {
    clients.window(phase);
    cpu.read(phase);
  });
  const lastAnswered = performance.now();
  const drained = await clients.drain(await feedHead(service.url));
  const drainMs = performance.now() - lastAnswered;
  let peakRunMb = peakRss.stop();
  const rssEnd = procStatus(service.pid);
  if (rssEnd) peakRunMb = Math.max(peakRunMb, rssEnd.rssMb);

  const reports = await clients.report(
    driven.measureStartWall,
    driven.measureEndWall,
    sendTimes(driven.calls),
  );
  return { driven, drained, drainMs, reports, cpu: cpu.readings, peakRunMb, rssEnd };
}

/** Samples the service's RSS every 100 ms; stop() gives the highest, `floorMb` at least. */
function samplePeakRss(pid: number, floorMb: number): { stop(): number } {
  let peakMb = floorMb;
  const sampler = setInterval(() => {
    const status = procStatus(pid);
    if (status) peakMb = Math.max(peakMb, status.rssMb);
  }, 100);
  return {
    stop: () => {
      clearInterval(sampler);
      return peakMb;
    },
  };
}

/**
 * The CPU of the service instances (`pids`), of the first's main thread, of the database's processes, of
 * the machine and of the driver, read at read().
 */
function readCpuAtWindowEdges(pids: readonly number[], databasePids: () => readonly number[]) {
  const pid = pids[0]!;
  const readings: CpuWindow = {
    serviceStart: [],
    serviceEnd: [],
    databaseStart: NaN,
    databaseEnd: NaN,
    schedStart: { runNs: NaN, waitNs: NaN },
    monotonicStartUs: 0n,
    monotonicEndUs: 0n,
    schedEnd: { runNs: NaN, waitNs: NaN },
    machineStart: { busy: NaN, total: NaN },
    machineEnd: { busy: NaN, total: NaN },
    driverStart: process.cpuUsage(),
    driver: { user: NaN, system: NaN },
  };
  const databaseCpuMs = () => {
    const database = databasePids();
    return database.length ? database.reduce((total, pid) => total + procCpuMs(pid), 0) : NaN;
  };
  const read = (phase: 'start' | 'end') => {
    if (phase === 'start') {
      readings.serviceStart = pids.map(procCpuMs);
      readings.databaseStart = databaseCpuMs();
      readings.monotonicStartUs = process.hrtime.bigint() / 1000n;
      readings.schedStart = mainThreadSched(pid);
      readings.machineStart = machineCpuMs();
      readings.driverStart = process.cpuUsage();
    } else {
      readings.serviceEnd = pids.map(procCpuMs);
      readings.databaseEnd = databaseCpuMs();
      readings.monotonicEndUs = process.hrtime.bigint() / 1000n;
      readings.schedEnd = mainThreadSched(pid);
      readings.machineEnd = machineCpuMs();
      const used = process.cpuUsage(readings.driverStart);
      readings.driver = { user: used.user / 1000, system: used.system / 1000 };
    }
  };
  return { readings, read };
}

/** Per request, when each call that changed it was sent (epoch ms), in order: to match changes to calls. */
function sendTimes(calls: readonly Call[]): Record<string, number[]> {
  const sent: Record<string, number[]> = {};
  for (const call of calls) if (call.changed) (sent[call.requestId] ??= []).push(call.sentWallMs);
  return sent;
}
