/**
 * `npm start`: the session request service on its embedded defaults (SQLite in .data/server), plus the
 * agent client, with a first agent account it prints every time. The account is generated on the first
 * run and kept in .data/first-agent.json (mode 0600) so the printed password stays true.
 *
 * The agent client is built first (electron-vite: out/), then started once the service prints its URL:
 * the Electron app when its binary is installed (profile in .data/electron), otherwise the browser
 * shell (data in .data/browser-shell), whose address is printed. Either way the client's sign-in starts
 * with this service's address.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const DATA = join(ROOT, '.data');
const ACCOUNT_FILE = join(DATA, 'first-agent.json');
const BROWSER_SHELL_LINE = /^Sessiondesk agent client \(browser shell\): (\S+)\r?$/m;

function requireNode22(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 22) {
    console.error(
      `Sessiondesk runs on Node 22 (this is ${process.versions.node}). Start it with npm start, which uses node_modules/.bin/node.`,
    );
    process.exit(1);
  }
}

function firstAgent(): { email: string; password: string } {
  mkdirSync(DATA, { recursive: true, mode: 0o700 });
  if (!existsSync(ACCOUNT_FILE)) {
    const account = { email: 'admin@sessiondesk.local', password: randomBytes(12).toString('base64url') };
    writeFileSync(ACCOUNT_FILE, JSON.stringify(account, null, 2), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(ACCOUNT_FILE, 'utf8')) as { email: string; password: string };
}

/** Every child still running, so that a stop reaches each. */
const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function startServiceProcess(account: { email: string; password: string }): ChildProcess {
  return track(
    spawn(
      join(BIN, 'tsx'),
      [
        '--tsconfig',
        'server/tsconfig.json',
        'server/main.ts',
        '--data-dir',
        join(DATA, 'server'),
        ...process.argv.slice(2),
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          SESSIONDESK_ADMIN_EMAIL: process.env['SESSIONDESK_ADMIN_EMAIL'] ?? account.email,
          SESSIONDESK_ADMIN_PASSWORD: process.env['SESSIONDESK_ADMIN_PASSWORD'] ?? account.password,
          SESSIONDESK_LOG_LEVEL: process.env['SESSIONDESK_LOG_LEVEL'] ?? 'warn',
        },
      },
    ),
  );
}

/**
 * `npm run build`, quietly: electron-vite, then the web console's own files. Output is shown only if it
 * fails. Always run: it takes seconds.
 */
async function buildClient(): Promise<void> {
  await run(join(BIN, 'electron-vite'), ['build']);
  await run(join(BIN, 'tsx'), ['scripts/build-console.ts']);
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`Building the agent client failed (${signal ?? `exit code ${code}`}):\n${output}`),
          ),
    );
  });
}

/** The client's environment: this service for sign-in, and nothing that changes what Electron loads. */
function clientEnv(serviceUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SESSIONDESK_DEFAULT_SERVER_URL: serviceUrl };
  delete env['ELECTRON_RUN_AS_NODE'];
  delete env['ELECTRON_RENDERER_URL'];
  return env;
}

function startElectron(binary: string, serviceUrl: string): ChildProcess {
  return track(
    spawn(binary, ['.', `--user-data-dir=${join(DATA, 'electron')}`], {
      cwd: ROOT,
      stdio: 'inherit',
      env: clientEnv(serviceUrl),
    }),
  );
}

/** Starts the browser shell; resolves with the address it prints. */
function startBrowserShell(serviceUrl: string): Promise<string> {
  const child = track(
    spawn(
      join(BIN, 'tsx'),
      [
        '--tsconfig',
        'main/tsconfig.json',
        'main/browser-shell/cli.ts',
        '--server',
        serviceUrl,
        '--data-dir',
        join(DATA, 'browser-shell'),
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...clientEnv(serviceUrl),
          SESSIONDESK_LOG_LEVEL: process.env['SESSIONDESK_LOG_LEVEL'] ?? 'warn',
        },
      },
    ),
  );
  return new Promise((resolve, reject) => {
    let pending = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk;
      const url = BROWSER_SHELL_LINE.exec(pending)?.[1];
      if (url) {
        resolve(url);
        pending = '';
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(
        new Error(
          `The browser shell exited (${signal ?? `exit code ${code}`}) before it printed its address.`,
        ),
      ),
    );
  });
}

/** Starts the agent client; resolves with the line that says where it is. */
async function startClient(serviceUrl: string): Promise<string> {
  const binary = findElectronBinary();
  if (binary.path !== null) {
    const electron = startElectron(binary.path, serviceUrl);
    electron.once('exit', () => {
      if (!stopping) console.log('The agent client closed; the service keeps running. Press Ctrl-C to stop.');
    });
    return 'the Sessiondesk desktop app (Electron; its profile in .data/electron)';
  }
  console.log(
    `Electron binary missing: ${binary.reason}. Serving the agent client through the browser shell.`,
  );
  const url = await startBrowserShell(serviceUrl);
  return `${url}   (open it in a browser; data in .data/browser-shell)`;
}

let stopping = false;
/** Stops every child (each stops gracefully on the signal), then exits. */
function stop(code: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill(signal);
  const exit = () => {
    if (children.size === 0) process.exit(code);
  };
  for (const child of children) child.once('exit', exit);
  exit();
}

requireNode22();
const account = firstAgent();
const building = buildClient();
const service = startServiceProcess(account);
const serviceUrl = new Promise<string>((resolve) => {
  let pending = '';
  service.stdout?.setEncoding('utf8');
  service.stdout?.on('data', (chunk: string) => {
    process.stdout.write(chunk);
    pending += chunk;
    const url = /listening on (\S+)/.exec(pending)?.[1];
    if (url) {
      resolve(url);
      pending = '';
    }
  });
});

Promise.all([serviceUrl, building])
  .then(async ([url]) => {
    const client = await startClient(url);
    console.log(
      [
        '',
        `  Service:      ${url}   (API ${url}/api/v1, end-user PIN page ${url}/pin)`,
        `  First agent:  ${account.email}`,
        `  Password:     ${account.password}   (kept in .data/first-agent.json)`,
        `  Agent client: ${client}`,
        `  Web console:  ${url}/console/   (the same client in any browser, served by the service)`,
        '',
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    stop(1);
  });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => stop(0, signal));
}
service.on('exit', (code, signal) => stop(code ?? (signal ? 0 : 1)));
