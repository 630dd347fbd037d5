/**
 * `npm run start:browser`: its flags, and the CLI as an operator runs it (tsx, a child process, the real
 * core and the built renderer): one line with the address, a page with the bridge, a graceful stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../../main/browser-shell/cli-options';
import { ROOT, temporaryDir } from './helpers';

const BIN = join(ROOT, 'node_modules', '.bin');
const LINE =
  /^Sessiondesk agent client \(browser shell\): (http:\/\/127\.0\.0\.1:(\d+)\/#key=([A-Za-z0-9_-]{43}))$/m;

describe('parseCli', () => {
  it('has defaults: port 7310, ./.data/browser-shell, no server', () => {
    expect(parseCli([], {})).toEqual({
      help: false,
      serverUrl: undefined,
      port: 7310,
      dataDir: resolve('.data/browser-shell'),
      downloadsDir: undefined,
    });
  });

  it('reads every flag, and the server from the environment when the flag is absent', () => {
    expect(
      parseCli(
        [
          ...['--server', 'https://support.example.com', '--port', '0', '--data-dir', '/tmp/x'],
          ...['--downloads-dir', '/tmp/exports'],
        ],
        {},
      ),
    ).toEqual({
      help: false,
      serverUrl: 'https://support.example.com',
      port: 0,
      dataDir: '/tmp/x',
      downloadsDir: '/tmp/exports',
    });
    expect(parseCli([], { SESSIONDESK_DEFAULT_SERVER_URL: 'http://127.0.0.1:7300' }).serverUrl).toBe(
      'http://127.0.0.1:7300',
    );
    expect(parseCli(['--help'], {}).help).toBe(true);
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--server', 'ftp://x']],
    [['--server', 'not a url']],
    [['--unknown']],
    [['positional']],
  ])('refuses %j', (argv) => {
    expect(() => parseCli(argv, {})).toThrow(UsageError);
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

function runCli(args: string[]) {
  const child = spawn(
    join(BIN, 'tsx'),
    ['--tsconfig', 'main/tsconfig.json', 'main/browser-shell/cli.ts', ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: `${BIN}${delimiter}${process.env['PATH'] ?? ''}`,
        SESSIONDESK_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => done({ code, signal })),
  );
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

describe('the CLI', () => {
  it('--help prints the flags and exits 0', async () => {
    const cli = runCli(['--help']);
    expect((await cli.exited).code).toBe(0);
    expect(cli.stdout()).toContain('--server URL');
    expect(cli.stdout()).toContain('--port N');
    expect(cli.stdout()).toContain('--data-dir DIR');
  });

  it('a bad flag exits 2 with the reason and the usage', async () => {
    const cli = runCli(['--port', 'twelve']);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toContain('--port is a number');
    expect(cli.stderr()).toContain('Usage:');
  });

  it('prints its address on one line, serves the page with the bridge, and stops on SIGTERM', async () => {
    const indexHtml = join(ROOT, 'out', 'renderer', 'index.html');
    if (!existsSync(indexHtml))
      throw new Error(`${indexHtml} is missing: run npm run build first (npm test does).`);
    const data = temporaryDir('cli-data');
    try {
      const dataDir = join(data.path, 'profile');
      const cli = runCli(['--port', '0', '--data-dir', dataDir, '--server', 'http://127.0.0.1:7300']);
      await expect.poll(() => LINE.test(cli.stdout()), { timeout: 30_000 }).toBe(true);
      const [, url, port] = LINE.exec(cli.stdout())!;
      expect(
        cli
          .stdout()
          .split('\n')
          .filter((line) => line.includes('#key=')),
      ).toHaveLength(1);

      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script src="./bridge.js"></script>');
      expect((await fetch(`http://127.0.0.1:${port}/bridge.js`)).status).toBe(200);
      if (process.platform !== 'win32') expect(statSync(dataDir).mode & 0o777).toBe(0o700);

      cli.child.kill('SIGTERM');
      const exit = await cli.exited;
      expect(exit, cli.stderr()).toEqual({ code: 0, signal: null });
      await expect(fetch(url!)).rejects.toThrow();
    } finally {
      data.remove();
    }
  }, 60_000);
});
