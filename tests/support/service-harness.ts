/**
 * A real session request service for tests: port 0 on loopback, a fresh data folder, a clock the test
 * moves, and helpers to sign agents in. Nothing of the service is mocked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Agent, Channel, LoginResponse } from '@shared/protocol/api';
import type { Role } from '@shared/domain/permissions';
import { loadConfig, type ServiceConfig } from '../../server/config';
import type { SqliteDatabase } from '../../server/db/database';
import { startService, type RunningService, type ServiceOptions } from '../../server/service';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store';
import { Api, expectStatus } from './api-client';
import { ManualClock } from './clock';
import { createTestDatabase, type TestDatabase } from './postgres-database';

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery' } as const;

export interface TestService {
  readonly service: RunningService;
  readonly clock: ManualClock;
  readonly dataDir: string;
  readonly url: string;
  /** An unauthenticated client. */
  readonly api: Api;
  /** The first admin (admin and support_agent), signed in. */
  readonly admin: Api;
  readonly adminAgent: Agent;
  /** The shared "Support" channel the service creates at first start. */
  readonly supportChannel: Channel;
  /** Stops the service; the data folder stays until `cleanup`. */
  stop(): Promise<void>;
  /** Starts the service again on the same data folder and clock (a restart). */
  restart(overrides?: Partial<TestServiceOptions>): Promise<TestService>;
  cleanup(): Promise<void>;
}

export interface TestServiceOptions extends Omit<ServiceOptions, 'config' | 'clock'> {
  /** The PostgreSQL database to use (a restart keeps it); by default the run's backend decides. */
  readonly database?: TestDatabase | null;
  /** Whether cleanup() drops `database` (default: only a database the harness made itself). */
  readonly dropDatabase?: boolean;
  /** Extra flags, as on the command line (e.g. ['--smtp-url', url]). */
  readonly flags?: readonly string[];
  readonly clock?: ManualClock;
  readonly dataDir?: string;
}

export function testConfig(dataDir: string, flags: readonly string[] = []): ServiceConfig {
  const parsed = loadConfig(
    [
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--admin-email',
      ADMIN.email,
      '--admin-password',
      ADMIN.password,
      '--org-name',
      'Acme IT',
      ...flags,
    ],
    {},
  );
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.config;
}

/**
 * The database backend the service tests run on: SQLite unless SESSIONDESK_TEST_BACKEND=postgres (the
 * PostgreSQL project of vitest.config.ts runs the service's suites again so).
 */
export function serviceBackend(): 'sqlite' | 'postgres' {
  return process.env['SESSIONDESK_TEST_BACKEND'] === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * For `skipIf`: whether this run's backend is PostgreSQL, where a test that holds on SQLite alone is
 * skipped; it prints why, so a skipped test never goes unexplained.
 */
export function sqliteOnly(reason: string): boolean {
  if (serviceBackend() !== 'postgres') return false;
  console.info(`skipped on PostgreSQL: ${reason}`);
  return true;
}

export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sessiondesk-test-'));
  const clock = options.clock ?? new ManualClock();
  const dropDatabase = options.dropDatabase ?? options.database === undefined;
  const database =
    options.database !== undefined
      ? options.database
      : serviceBackend() === 'postgres'
        ? await createTestDatabase()
        : null;
  const flags = [...(database ? ['--database-url', database.url] : []), ...(options.flags ?? [])];
  let service;
  try {
    service = await startService({
      scheduler: false,
      logger: pino({ level: process.env['SESSIONDESK_TEST_LOG'] ?? 'silent' }),
      outbox: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 4 },
      ...options,
      config: testConfig(dataDir, flags),
      clock,
    });
  } catch (error) {
    if (dropDatabase) await database?.drop();
    throw error;
  }
  const api = new Api(service.url);
  const login = expectStatus(await api.post<LoginResponse>('/auth/login', ADMIN), 200);
  const admin = api.as(login.accessToken);
  const channels = expectStatus(await admin.get<{ channels: Channel[] }>('/channels'), 200).channels;
  const supportChannel = channels.find((c) => c.kind === 'shared' && c.name === 'Support');
  if (!supportChannel) throw new Error('the first start did not create the Support channel');
  const harness: TestService = {
    service,
    clock,
    dataDir,
    url: service.url,
    api,
    admin,
    adminAgent: login.agent,
    supportChannel,
    stop: () => service.stop(),
    restart: async (overrides = {}) => {
      await service.stop();
      return startTestService({ ...options, database, dropDatabase, ...overrides, dataDir, clock });
    },
    cleanup: async () => {
      await service.stop();
      if (dropDatabase) await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export interface TestAgent {
  readonly agent: Agent;
  readonly api: Api;
  readonly login: LoginResponse;
}

let agentCounter = 0;

/** Creates an agent as the admin and signs them in. */
export async function createAgent(
  t: TestService,
  options: { name?: string; roles?: Role[]; channels?: { id: string; canRelease?: boolean }[] } = {},
): Promise<TestAgent> {
  agentCounter++;
  const name = options.name ?? `Agent ${agentCounter}`;
  const email = `agent${agentCounter}-${Date.now()}@example.com`;
  const password = 'a long enough password';
  const agent = expectStatus(
    await t.admin.post<Agent>('/agents', {
      email,
      name,
      roles: options.roles ?? ['support_agent'],
      password,
    }),
    201,
  );
  for (const channel of options.channels ?? []) {
    expectStatus(
      await t.admin.put(`/channels/${channel.id}/members/${agent.id}`, {
        canRelease: channel.canRelease ?? false,
      }),
      200,
    );
  }
  const login = expectStatus(await t.api.post<LoginResponse>('/auth/login', { email, password }), 200);
  return { agent, login, api: t.api.as(login.accessToken) };
}

/** The link token of a request's end-user link. */
/** The SQLite connection under a running service, for tests that read or damage the file's rows directly. */
export function sqliteDatabase(service: RunningService): SqliteDatabase {
  const { store } = service.services.ctx;
  if (!(store instanceof SqliteStore))
    throw new Error('This test reads SQLite rows: run it on the SQLite store.');
  return store.db;
}

export function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}
