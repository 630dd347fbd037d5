/**
 * The service under test, in its own process as it runs in production (`tsx server/main.ts --port 0` on a
 * fresh data folder, and on PostgreSQL with `--database-url`), so that its memory and CPU are measured
 * apart from the clients'.
 */
import { execFileSync, spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ADMIN, ROOT } from './constants';
import { childPids } from './proc';

export interface Service {
  readonly url: string;
  /** The node process running server/main.ts (not tsx's wrapper). */
  readonly pid: number;
  readonly process: ChildProcess;
  /** Log lines at warn or above, and anything on stderr. */
  readonly complaints: string[];
  readonly exited: Promise<number | null>;
  /** Whether it exited before stop() was called: it died during the run. */
  died(): boolean;
  stop(): Promise<void>;
}

/** The filesystem `dir` is on (fsync's cost, which every change pays, depends on it). */
export function filesystemOf(dir: string): string {
  try {
    return execFileSync('findmnt', ['-n', '-o', 'FSTYPE', '--target', dir], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'an unknown filesystem';
  }
}

/** The service on `dataDir`; with `databaseUrl`, on that PostgreSQL database (several may share it). */
export async function startServiceProcess(
  dataDir: string,
  profileDir: string | null,
  databaseUrl?: string,
): Promise<Service> {
  // node_modules/.bin/tsx, run by this same Node 22 (its shebang would take whichever `node` is on PATH).
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/.bin/tsx'),
      '--tsconfig',
      'server/tsconfig.json',
      'server/main.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SESSIONDESK_ADMIN_EMAIL: ADMIN.email,
        SESSIONDESK_ADMIN_PASSWORD: ADMIN.password,
        // As --database-url, but out of `ps`: the URL holds the password.
        ...(databaseUrl ? { SESSIONDESK_DATABASE_URL: databaseUrl } : {}),
        ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const complaints: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping = false;
  let died = false;
  void exited.then(() => (died = !stopping));
  const url = await listeningUrl(child, exited, complaints);
  const pid = serviceChildPid(child.pid!);
  return {
    url,
    pid,
    process: child,
    complaints,
    exited,
    died: () => died,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // tsx passes it on; the service finishes in-flight work and exits
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        if (pid !== child.pid) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The URL the service says it listens on. Meanwhile, and after, its log lines at warn or above and
 * anything on stderr go to `complaints`.
 */
function listeningUrl(
  child: ChildProcessByStdio<null, Readable, Readable>,
  exited: Promise<number | null>,
  complaints: string[],
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('the service did not start within 60 s')), 60_000);
    const onLine = (line: string) => {
      const listening = /Sessiondesk service listening on (\S+)/.exec(line);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      } else if (line.trim() && !/^(First admin|Password|Links point|SIG)/.test(line)) {
        complaints.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      lines.forEach(onLine);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) complaints.push(`stderr: ${line}`);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (code ${code}) before listening:\n${complaints.join('\n')}`));
    });
  });
}

/** `tsx` runs the script in a child node process: that child is the service. */
function serviceChildPid(wrapperPid: number): number {
  try {
    for (const pid of childPids(wrapperPid)) {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('server/main.ts')) return pid;
    }
  } catch {
    /* not Linux, or already gone: fall back to the wrapper */
  }
  return wrapperPid;
}
