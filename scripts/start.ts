/**
 * `npm start`: the session request service on its embedded defaults (SQLite in .data/server), plus the
 * agent client, with a first agent account it prints every time. The account is generated on the first
 * run and kept in .data/first-agent.json (mode 0600) so the printed password stays true.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const DATA = join(ROOT, '.data');
const ACCOUNT_FILE = join(DATA, 'first-agent.json');

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

function startServiceProcess(account: { email: string; password: string }): ChildProcess {
  return spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
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
  );
}

requireNode22();
const account = firstAgent();
const service = startServiceProcess(account);
let announced = false;
service.stdout?.setEncoding('utf8');
service.stdout?.on('data', (chunk: string) => {
  process.stdout.write(chunk);
  const url = /listening on (\S+)/.exec(chunk)?.[1];
  if (url && !announced) {
    announced = true;
    console.log(
      [
        '',
        `  Service:      ${url}   (API ${url}/api/v1, end-user PIN page ${url}/pin)`,
        `  First agent:  ${account.email}`,
        `  Password:     ${account.password}   (kept in .data/first-agent.json)`,
        '  Agent client: not built yet — the desktop client and its browser shell are the next piece.',
        '',
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => service.kill(signal));
}
service.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
