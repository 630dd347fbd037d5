/**
 * The bench's side of the measured core's process (scripts/bench-client/core-child.ts): forks it, tells
 * it what to do and waits for its answers (scripts/bench-client/messages.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../bench/constants';
import type { FromCore, FromCoreOf, ToCore } from './messages';

export interface CoreProcess {
  readonly pid: number;
  /** The next message of `type`; rejects if the process failed or exited, or at the timeout. */
  next<T extends FromCore['type']>(type: T, timeoutMs: number): Promise<FromCoreOf<T>>;
  tell(message: ToCore): void;
  /** Tells it to stop the core and waits for it to exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<FromCoreOf<'stopped'> | null>;
  /** SIGKILL, for a failed or interrupted run. */
  kill(): void;
}

/**
 * How the core's process runs: `bundle` is the path of core-child.ts bundled (scripts/bench-client/
 * bundle.ts), run by plain Node as the packaged app is; null runs the TypeScript source through tsx's
 * loader, as this process runs (every module transformed as it is imported: slower to start).
 */
export interface Runner {
  readonly bundle: string | null;
}

/** Forks the core's process on `dataDir`, in `mode` (see core-child.ts). */
export function forkCore(mode: 'bootstrap' | 'cold', dataDir: string, runner: Runner): CoreProcess {
  const script = runner.bundle ?? join(ROOT, 'scripts/bench-client/core-child.ts');
  const child: ChildProcess = fork(script, [mode, dataDir], {
    cwd: ROOT,
    // The bundle runs on plain Node (this same Node 22); the source needs tsx's loader, as here.
    execArgv: runner.bundle ? [] : process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, (message: FromCore | { type: 'gone'; message: string }) => void>();
  const early: FromCore[] = [];
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const wake of waiting.values()) wake({ type: 'gone', message: failure.message });
    waiting.clear();
  };
  child.on('message', (message: FromCore) => {
    if (message.type === 'failed') return failAll(new Error(`the core's process failed: ${message.message}`));
    const wake = waiting.get(message.type);
    if (!wake) return void early.push(message);
    waiting.delete(message.type);
    wake(message);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      failAll(new Error(`the core's process exited (${signal ?? `code ${code}`})`));
      resolve();
    }),
  );
  const next = <T extends FromCore['type']>(type: T, timeoutMs: number): Promise<FromCoreOf<T>> =>
    new Promise((resolve, reject) => {
      const already = early.findIndex((m) => m.type === type);
      if (already >= 0) return resolve(early.splice(already, 1)[0] as FromCoreOf<T>);
      if (failure) return reject(failure);
      const timer = setTimeout(() => {
        waiting.delete(type);
        reject(new Error(`the core's process sent no "${type}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      waiting.set(type, (message) => {
        clearTimeout(timer);
        if (message.type === 'gone') reject(new Error(message.message));
        else resolve(message as FromCoreOf<T>);
      });
    });
  const tell = (message: ToCore) => {
    if (child.connected) child.send(message);
  };
  return {
    pid: child.pid!,
    next,
    tell,
    stop: async (graceMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return null;
      const stopped = next('stopped', graceMs).catch(() => null);
      tell({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const answer = await stopped;
      await exited;
      clearTimeout(timer);
      return answer;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
