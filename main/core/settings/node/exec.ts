/**
 * The one way the policy readers run a program (`reg export`, `plutil`): execFile with an argument
 * array, never a shell, so nothing in a path or key is ever interpreted. It is a parameter of the readers
 * so tests can stand in for programs this machine does not have, and check the arguments they get.
 */
import { execFile } from 'node:child_process';

export interface ExecResult {
  /** The program's exit status; a non-zero status is a result, not a failure to run. */
  readonly exitCode: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs `command` with `args`; rejects only when it cannot run at all (missing, timed out, killed). */
export type ExecFile = (command: string, args: readonly string[]) => Promise<ExecResult>;

const TIMEOUT_MS = 15_000;
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

export const runFile: ExecFile = (command, args) =>
  new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        encoding: 'buffer',
        shell: false,
        windowsHide: true,
        timeout: TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT_BYTES,
      },
      (error, stdout, stderr) => {
        const result = { stdout, stderr: stderr.toString('utf8') };
        if (!error) return resolve({ exitCode: 0, ...result });
        // A numeric code is the exit status; anything else (ENOENT, a signal, the timeout) means it did not run.
        if (typeof error.code === 'number') return resolve({ exitCode: error.code, ...result });
        reject(new Error(error.message, { cause: error }));
      },
    );
  });
