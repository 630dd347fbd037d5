/**
 * Who used the machine's CPU over a phase: the service, the measured core, the other agents' stream
 * processes, the bench itself, and whatever else ran on the machine meanwhile (another build or test run
 * makes every latency longer, and the report says so).
 */
import { performance } from 'node:perf_hooks';
import { machineCpuMs, procCpuMs } from '../bench/proc';

export interface CpuReading {
  readonly at: number;
  readonly machine: { readonly busy: number; readonly total: number };
  readonly serviceMs: number;
  readonly bench: NodeJS.CpuUsage;
}

export function readCpu(servicePid: number): CpuReading {
  return {
    at: performance.now(),
    machine: machineCpuMs(),
    serviceMs: procCpuMs(servicePid),
    bench: process.cpuUsage(),
  };
}

/** Cores used on average between two readings, given the CPU ms the core and the stream processes reported. */
export interface CpuShare {
  readonly seconds: number;
  readonly machineCores: number;
  readonly busy: number;
  readonly service: number;
  readonly core: number;
  readonly streams: number;
  readonly bench: number;
  /** Busy, less everything the bench runs: other work on the machine. */
  readonly outside: number;
}

export function cpuShare(from: CpuReading, to: CpuReading, coreMs: number, streamsMs = 0): CpuShare {
  const wall = to.at - from.at;
  const benchMs = (to.bench.user - from.bench.user + to.bench.system - from.bench.system) / 1000;
  const busy = (to.machine.busy - from.machine.busy) / wall;
  const service = (to.serviceMs - from.serviceMs) / wall;
  const core = coreMs / wall;
  const streams = streamsMs / wall;
  const bench = benchMs / wall;
  return {
    seconds: wall / 1000,
    machineCores: (to.machine.total - from.machine.total) / wall,
    busy,
    service,
    core,
    streams,
    bench,
    outside: Math.max(0, busy - service - core - streams - bench),
  };
}
