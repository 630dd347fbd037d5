/**
 * The browser shell as a person runs it (`npm run start:browser -- --server URL --port 0 --data-dir DIR`):
 * `tsx main/browser-shell/cli.ts` in a child process with its own process group, resolved once it prints
 * the address to open (with its launch key). Stopped with SIGTERM, then SIGKILL of the group.
 */
import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const LINE = /^Sessiondesk agent client \(browser shell\): (http:\/\/127\.0\.0\.1:\d+\/#key=\S+)\r?$/m;

export interface ShellProcess {
  /** The address to open, with its key. */
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

export interface ShellOptions {
  readonly serverUrl: string;
  /** Default 0: a free port. */
  readonly port?: number;
  readonly dataDir: string;
  /** Where exports are saved (`--downloads-dir`); default the shell's: the user's Downloads folder. */
  readonly downloadsDir?: string;
  /** Extra environment: PATH for a recorder program, SESSIONDESK_POLICY_FILE, … */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly startupLimitMs?: number;
}

export function spawnBrowserShell(options: ShellOptions): Promise<ShellProcess> {
  const child = spawn(
    join(BIN, 'tsx'),
    [
      '--tsconfig',
      'main/tsconfig.json',
      'main/browser-shell/cli.ts',
      '--server',
      options.serverUrl,
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      options.dataDir,
      ...(options.downloadsDir ? ['--downloads-dir', options.downloadsDir] : []),
    ],
    {
      cwd: ROOT,
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([name]) => !name.startsWith('SESSIONDESK_')),
        ),
        SESSIONDESK_LOG_LEVEL: 'warn',
        // The project's Node 22 (node_modules/.bin first), as npm scripts run it.
        ...options.env,
        PATH: `${BIN}${delimiter}${options.env?.['PATH'] ?? process.env['PATH'] ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = (stdout + chunk).slice(-32_000)));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-32_000)));
  const output = () => `--- browser shell stderr ---\n${stderr}\n--- stdout ---\n${stdout}`;
  let closed = false;
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  const killGroup = () => {
    if (closed || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  const stop = async () => {
    if (closed) return;
    child.kill('SIGTERM');
    const force = setTimeout(killGroup, 10_000);
    await exited;
    clearTimeout(force);
    process.removeListener('exit', killGroup);
  };
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      killGroup();
      reject(new Error(`The browser shell did not print its address.\n${output()}`));
    }, options.startupLimitMs ?? 60_000);
    const watch = () => {
      const match = LINE.exec(stdout);
      if (!match) return;
      clearTimeout(deadline);
      child.stdout.off('data', watch);
      resolve({ url: match[1]!, output, stop });
    };
    child.stdout.on('data', watch);
    void exited.then(() => {
      clearTimeout(deadline);
      reject(new Error(`The browser shell exited before it printed its address.\n${output()}`));
    });
  });
}
