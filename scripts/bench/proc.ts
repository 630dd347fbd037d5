/** Readings from /proc: a process's memory (VmRSS, VmHWM), CPU and scheduling, and the machine's CPU. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** /proc counts CPU time in clock ticks. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's memory now and at its peak, MB. */
export interface ProcStatus {
  readonly rssMb: number;
  readonly hwmMb: number;
}

/** A process's memory (VmRSS, VmHWM), or null if it is gone. */
export function procStatus(pid: number): ProcStatus | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** A (single-threaded) process's children, none if it is gone or this is not Linux. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** CPU time of a process, ms. */
export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/**
 * The service's main thread (its event loop): time on a CPU and time runnable but waiting for one, ns
 * (/proc/<pid>/task/<pid>/schedstat). The rest of the wall time it was off CPU: idle, or blocked in a
 * system call such as SQLite's fsync.
 */
export function mainThreadSched(pid: number): { runNs: number; waitNs: number } {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ');
    return { runNs: Number(run), waitNs: Number(wait) };
  } catch {
    return { runNs: NaN, waitNs: NaN };
  }
}

/** The whole machine's CPU: busy and total time, ms, over all cores. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy: (busy * 1000) / CLOCK_TICKS, total: ((busy + idle! + iowait!) * 1000) / CLOCK_TICKS };
}
