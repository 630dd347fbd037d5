/** Forks the live driver's process (driver-child.ts) and runs one drive through it. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../bench/constants';
import type { PoolRequest } from '../bench/driver';
import type { Options } from '../bench/options';
import type { DriverReport, FromDriver, ToDriver } from './driver-messages';

/**
 * Drives `options.rate` changes/s over `pool` from a process of its own; `onWindow` hears the measured
 * window's edges as the driver passes them. Resolves with its report; rejects if the process fails.
 */
export function driveInOwnProcess(
  base: string,
  adminToken: string,
  pool: PoolRequest[],
  options: Options,
  onWindow: (phase: 'start' | 'end') => void,
): Promise<DriverReport> {
  const child = fork(join(ROOT, 'scripts/bench-ui/driver-child.ts'), [], {
    cwd: ROOT,
    execArgv: process.execArgv, // tsx's loader, as this process runs under it
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  return new Promise<DriverReport>((resolve, reject) => {
    let settled = false;
    child.on('message', (message: FromDriver) => {
      if (message.type === 'window') onWindow(message.phase);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.report);
      } else if (message.type === 'failed') {
        settled = true;
        reject(new Error(`the driver failed: ${message.message}`));
      }
    });
    child.once('exit', (code, signal) => {
      process.off('exit', killChild);
      if (!settled) reject(new Error(`the driver's process exited (${signal ?? `code ${code}`})`));
    });
    child.send({ type: 'drive', base, adminToken, pool, options } satisfies ToDriver);
  });
}
