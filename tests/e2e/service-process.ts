/**
 * The session request service as a user runs it: `tsx server/main.ts --port 0 --data-dir <temp>` in a child
 * process, one per Playwright worker. Tests get its URL, its data folder and a signed-in agent that acts
 * through the HTTP API (Node's fetch). The child is stopped (SIGTERM, then SIGKILL for its whole process
 * group if it hangs) and the data folder removed afterwards, also when tests fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import type { SessionRequest } from '../../shared/domain/session-request';
import type { EmailLanguage } from '../../shared/domain/languages';
import { Api, type ApiResponse } from '../support/api-client';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules', '.bin');
const STARTUP_LIMIT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const KEEP_OUTPUT_CHARS = 64_000;

export const ORG_NAME = 'Northwind IT';
const ADMIN = { email: 'admin@northwind.example', password: 'e2e admin password' } as const;
export const AGENT = {
  name: 'Dana Whitfield',
  email: 'dana.whitfield@northwind.example',
  password: 'e2e agent password',
} as const;

/** The body of POST /api/v1/requests, as an agent's client sends it. */
export interface NewRequest {
  recipientName: string;
  recipientEmail?: string;
  sendInvitation?: boolean;
  emailLanguage?: EmailLanguage;
  comments?: string;
}

/** An agent signed in to the service, acting through its HTTP API. */
export interface AgentApi {
  readonly name: string;
  createRequest(input: NewRequest): Promise<SessionRequest>;
  get(id: string): Promise<SessionRequest>;
  /** Status and consent, as the agent's status column shows them. */
  state(id: string): Promise<Pick<SessionRequest, 'status' | 'consent'>>;
  requestAccessAgain(id: string): Promise<SessionRequest>;
  close(id: string): Promise<SessionRequest>;
}

export interface ServiceProcess {
  /** Where it listens, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly dataDir: string;
  readonly agent: AgentApi;
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

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** Set before we stop it, so the exit is not reported as a crash. */
  stopping: boolean;
}

function startChild(dataDir: string): Promise<Started> {
  // The child sees no SESSIONDESK_* setting of whoever runs the tests, only ours.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('SESSIONDESK_')),
  );
  const child = spawn(
    join(BIN, 'tsx'),
    ['--tsconfig', 'server/tsconfig.json', 'server/main.ts', '--port', '0', '--data-dir', dataDir],
    {
      cwd: ROOT,
      env: {
        ...env,
        // tsx starts with `#!/usr/bin/env node`: the project's Node 22, as npm scripts would pick it.
        PATH: `${BIN}${delimiter}${process.env['PATH'] ?? ''}`,
        SESSIONDESK_ADMIN_EMAIL: ADMIN.email,
        SESSIONDESK_ADMIN_PASSWORD: ADMIN.password,
        SESSIONDESK_ORG_NAME: ORG_NAME,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a hung child can be killed with the node process tsx starts under it.
      detached: true,
    },
  );
  const stdout = new Tail();
  const stderr = new Tail();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => stderr.add(chunk));

  return new Promise<Started>((resolvePromise, reject) => {
    let started: Started | undefined;
    let pending = '';
    const fail = (message: string) => {
      clearTimeout(deadline);
      reject(
        new Error(
          `${message}\n--- service stderr ---\n${stderr.read()}\n--- service stdout ---\n${stdout.read()}`,
        ),
      );
    };
    const deadline = setTimeout(() => {
      fail(`The service did not print its URL within ${STARTUP_LIMIT_MS / 1000} s.`);
      killGroup(child);
    }, STARTUP_LIMIT_MS);

    child.stdout.on('data', (chunk: string) => {
      stdout.add(chunk);
      if (started) return;
      pending += chunk;
      const match = /^Sessiondesk service listening on (http:\/\/\S+)$/m.exec(pending);
      if (match) {
        clearTimeout(deadline);
        started = { child, url: match[1]!.replace(/\/+$/, ''), stopping: false };
        resolvePromise(started);
      }
    });
    child.once('error', (error) => fail(`The service could not be started: ${error.message}`));
    child.once('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!started) fail(`The service exited (${how}) before it printed its URL.`);
      else if (!started.stopping) {
        console.error(
          `The Sessiondesk service exited early (${how}) while tests were running.\n` +
            `--- service stderr ---\n${stderr.read()}\n--- service stdout ---\n${stdout.read()}`,
        );
      }
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** SIGTERM (tsx passes it on; the service stops gracefully), then SIGKILL if it does not exit in time. */
async function stopChild(started: Started): Promise<void> {
  const { child } = started;
  started.stopping = true;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const force = setTimeout(() => killGroup(child), STOP_GRACE_MS);
  await exited;
  clearTimeout(force);
}

function check<T>(response: ApiResponse<T>, status: number, what: string): T {
  if (response.status !== status) {
    throw new Error(
      `${what}: expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}

async function signIn(url: string, who: { email: string; password: string }): Promise<Api> {
  const api = new Api(url);
  const login = check(
    await api.post<{ accessToken: string }>('/auth/login', { email: who.email, password: who.password }),
    200,
    `sign in as ${who.email}`,
  );
  return api.as(login.accessToken);
}

/** The admin creates the agent (a support agent, as the product intends); the agent signs in. */
async function agentApi(url: string): Promise<AgentApi> {
  const admin = await signIn(url, ADMIN);
  check(
    await admin.post('/agents', {
      email: AGENT.email,
      name: AGENT.name,
      roles: ['support_agent'],
      password: AGENT.password,
    }),
    201,
    'create the agent',
  );
  let api = await signIn(url, AGENT);
  // Access tokens last 15 minutes; a long-lived worker signs in again when one has run out.
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResponse<T>> => {
    const send = () => (method === 'GET' ? api.get<T>(path) : api.post<T>(path, body));
    const response = await send();
    if (response.status !== 401) return response;
    api = await signIn(url, AGENT);
    return send();
  };
  const get = async (id: string) =>
    check(await call<SessionRequest>('GET', `/requests/${id}`), 200, `GET request ${id}`);
  return {
    name: AGENT.name,
    createRequest: async (input) =>
      check(await call<SessionRequest>('POST', '/requests', input), 201, 'create a request'),
    get,
    state: async (id) => {
      const { status, consent } = await get(id);
      return { status, consent };
    },
    requestAccessAgain: async (id) =>
      check(await call<SessionRequest>('POST', `/requests/${id}/rerequest`, {}), 200, 'request access again'),
    close: async (id) =>
      check(await call<SessionRequest>('POST', `/requests/${id}/close`, {}), 200, 'close the request'),
  };
}

async function runService(use: (service: ServiceProcess) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-e2e-'));
  let started: Started | undefined;
  // Last resort if the worker itself is torn down without running fixture teardown.
  const onWorkerExit = () => {
    if (started) killGroup(started.child);
  };
  process.once('exit', onWorkerExit);
  try {
    started = await startChild(dataDir);
    const agent = await agentApi(started.url);
    await use({ url: started.url, dataDir, agent });
  } finally {
    if (started) await stopChild(started);
    process.removeListener('exit', onWorkerExit);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const test = base.extend<object, { service: ServiceProcess }>({
  service: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a destructuring.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => runService(use),
    { scope: 'worker', timeout: STARTUP_LIMIT_MS + STOP_GRACE_MS + 30_000 },
  ],
});

export { expect } from '@playwright/test';
