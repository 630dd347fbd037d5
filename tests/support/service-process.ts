/**
 * The session request service as an operator runs it (`npm run server`): `tsx server/main.ts --port 0
 * --data-dir <dir> [--database-url <url>]` in a child process, from the repository root. tsx runs the
 * service in a child process of its own, so the child gets a process group of its own and a kill reaches
 * the whole group.
 *
 * Used by the Playwright fixture (tests/e2e) and by tests that kill the service (tests/server): Node's
 * built-ins only, so that both loaders run it as it is. `runServerCommand` runs the same command line to its
 * end (a refused start, a backup, a restore) and gives its exit code and output.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_RECORDING_ENV } from '../../server/http/api-recording';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
export const DEFAULT_STARTUP_LIMIT_MS = 60_000;
/** How long `stop` waits after SIGTERM before it kills the process group. */
export const STOP_GRACE_MS = 10_000;
const KEEP_OUTPUT_CHARS = 64_000;

export interface SpawnServiceOptions {
  readonly dataDir: string;
  /** The port to listen on; 0 (the default) picks a free one. A restart passes the first run's. */
  readonly port?: number;
  /** A PostgreSQL database to run on (`--database-url`); absent, the service keeps its data in SQLite. */
  readonly databaseUrl?: string;
  /** Variables for the service (SESSIONDESK_*, …): the only SESSIONDESK_* variables it sees. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long it may take to print its URL. */
  readonly startupLimitMs?: number;
}

export interface ServiceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceChild {
  /** The tsx process, leader of the process group. */
  readonly child: ChildProcess;
  /** Where it listens, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  /** The last of what it wrote to stderr and to stdout, for a failure message. */
  output(): string;
  /** SIGTERM (tsx passes it on: the service stops gracefully), then SIGKILL of the process group after a grace. */
  stop(): Promise<void>;
  /** SIGKILL of the whole process group: a signal to tsx alone would leave the service running. */
  kill(): Promise<void>;
  /** Resolves once the process has exited and everything holding its output has too, however it ended. */
  readonly exited: Promise<ServiceExit>;
}

/** The last `KEEP_OUTPUT_CHARS` characters written to a stream. */
class Tail {
  private text = '';
  add(chunk: string): void {
    this.text = (this.text + chunk).slice(-KEEP_OUTPUT_CHARS);
  }
  read(): string {
    return this.text || '(nothing)';
  }
}

/**
 * The caller's environment without its SESSIONDESK_* variables, but for the directory the e2e suite has its
 * services record their API answers in (tests/e2e/api-answers-setup.ts).
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('SESSIONDESK_') || name === API_RECORDING_ENV,
    ),
  );
}

export interface CommandResult {
  /** The exit code; null when the process ended by a signal. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `npm run server -- <args>` as an operator would: without the caller's SESSIONDESK_* variables, with
 * those of `env`.
 */
export function runServerCommand(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  limitMs = 60_000,
): Promise<CommandResult> {
  return new Promise((done) => {
    execFile(
      join(BIN, 'tsx'),
      ['--tsconfig', 'server/tsconfig.json', 'server/main.ts', ...args],
      {
        cwd: ROOT,
        env: { ...inheritedEnv(), ...env, PATH: `${BIN}${delimiter}${process.env['PATH'] ?? ''}` },
        timeout: limitMs,
      },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** Starts the service; resolves once it has printed the URL it listens on. */
export function spawnService(options: SpawnServiceOptions): Promise<ServiceChild> {
  const startupLimitMs = options.startupLimitMs ?? DEFAULT_STARTUP_LIMIT_MS;
  const child = spawn(
    join(BIN, 'tsx'),
    [
      '--tsconfig',
      'server/tsconfig.json',
      'server/main.ts',
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      options.dataDir,
      ...(options.databaseUrl === undefined ? [] : ['--database-url', options.databaseUrl]),
    ],
    {
      cwd: ROOT,
      env: {
        ...inheritedEnv(),
        ...options.env,
        // tsx starts with `#!/usr/bin/env node`: the project's Node 22, as npm scripts would pick it.
        PATH: `${BIN}${delimiter}${process.env['PATH'] ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that a kill reaches the node process tsx starts under it.
      detached: true,
    },
  );
  const stdout = new Tail();
  const stderr = new Tail();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => stdout.add(chunk));
  child.stderr.on('data', (chunk: string) => stderr.add(chunk));
  const output = () => `--- service stderr ---\n${stderr.read()}\n--- service stdout ---\n${stdout.read()}`;

  let closed = false;
  const exited = new Promise<ServiceExit>((resolveExit) =>
    child.once('close', (code, signal) => {
      closed = true;
      resolveExit({ code, signal });
    }),
  );
  const killGroup = () => {
    if (closed || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  // Last resort: should the test process exit without stopping it, the service does not outlive it.
  process.once('exit', killGroup);
  void exited.then(() => process.removeListener('exit', killGroup));

  const kill = async () => {
    killGroup();
    await exited;
  };
  const stop = async () => {
    if (closed) return;
    child.kill('SIGTERM');
    const force = setTimeout(killGroup, STOP_GRACE_MS);
    await exited;
    clearTimeout(force);
  };

  return new Promise<ServiceChild>((resolveStarted, reject) => {
    let settled = false;
    let pending = '';
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      child.stdout.off('data', watch);
      killGroup();
      reject(new Error(`${message}\n${output()}`));
    };
    const deadline = setTimeout(
      () => fail(`The service did not print its URL within ${startupLimitMs / 1000} s.`),
      startupLimitMs,
    );
    const watch = (chunk: string) => {
      pending += chunk;
      const match = /^Sessiondesk service listening on (http:\/\/\S+)\r?\n/m.exec(pending);
      if (!match || settled) return;
      settled = true;
      clearTimeout(deadline);
      child.stdout.off('data', watch);
      const url = match[1]!.replace(/\/+$/, '');
      resolveStarted({ child, url, output, stop, kill, exited });
    };
    child.stdout.on('data', watch);
    child.once('error', (error) => {
      // A process that could not be started at all never closes.
      if (child.pid === undefined) process.removeListener('exit', killGroup);
      fail(`The service could not be started: ${error.message}`);
    });
    void exited.then(({ code, signal }) =>
      fail(`The service exited (${signal ? `signal ${signal}` : `code ${code}`}) before it printed its URL.`),
    );
  });
}
