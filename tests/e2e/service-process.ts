/**
 * The session request service as a user runs it: `tsx server/main.ts --port 0 --data-dir <temp>` in a child
 * process (tests/support/service-process.ts), one per Playwright worker. Tests get its URL, its data folder
 * and a signed-in agent that acts through the HTTP API (Node's fetch). The child is stopped (SIGTERM, then
 * SIGKILL for its whole process group if it hangs) and the data folder removed afterwards, also when tests
 * fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import type { SessionRequest } from '../../shared/domain/session-request';
import type { EmailLanguage } from '../../shared/domain/languages';
import type { TimelineEvent } from '../../shared/protocol/api';
import { Api, type ApiResponse } from '../support/api-client';
import {
  DEFAULT_STARTUP_LIMIT_MS,
  STOP_GRACE_MS,
  spawnService,
  type ServiceChild,
} from '../support/service-process';

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
  /** What the client says when the remote-control client starts, and when it exits. */
  connect(id: string): Promise<SessionRequest>;
  disconnect(id: string): Promise<SessionRequest>;
  close(id: string): Promise<SessionRequest>;
  /** The request's timeline, oldest first. */
  timeline(id: string): Promise<TimelineEvent[]>;
}

export interface ServiceProcess {
  /** Where it listens, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly dataDir: string;
  readonly agent: AgentApi;
  /** The admin changes the organisation settings (PATCH /organisation); the previous values, to restore. */
  updateOrganisation(patch: Record<string, unknown>): Promise<Record<string, unknown>>;
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
async function agentApi(url: string, admin: Api): Promise<AgentApi> {
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
    connect: async (id) =>
      check(await call<SessionRequest>('POST', `/requests/${id}/connect`, {}), 200, 'connect'),
    disconnect: async (id) =>
      check(await call<SessionRequest>('POST', `/requests/${id}/disconnect`, {}), 200, 'disconnect'),
    close: async (id) =>
      check(await call<SessionRequest>('POST', `/requests/${id}/close`, {}), 200, 'close the request'),
    timeline: async (id) =>
      check(await call<{ events: TimelineEvent[] }>('GET', `/requests/${id}/events`), 200, 'the timeline')
        .events,
  };
}

async function runService(use: (service: ServiceProcess) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-e2e-'));
  let started: ServiceChild | undefined;
  /** Set before we stop it, so the exit is not reported as a crash. */
  let stopping = false;
  try {
    const service = await spawnService({
      dataDir,
      env: {
        SESSIONDESK_ADMIN_EMAIL: ADMIN.email,
        SESSIONDESK_ADMIN_PASSWORD: ADMIN.password,
        SESSIONDESK_ORG_NAME: ORG_NAME,
      },
    });
    started = service;
    void service.exited.then(({ code, signal }) => {
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      console.error(
        `The Sessiondesk service exited early (${how}) while tests were running.\n${service.output()}`,
      );
    });
    const url = started.url;
    const admin = await signIn(url, ADMIN);
    const agent = await agentApi(url, admin);
    const updateOrganisation = async (patch: Record<string, unknown>) => {
      // A fresh sign-in: the worker's service outlives an access token.
      const fresh = await signIn(url, ADMIN);
      const before = check(
        await fresh.get<Record<string, unknown>>('/organisation'),
        200,
        'read the organisation',
      );
      check(await fresh.patch('/organisation', patch), 200, 'change the organisation');
      return Object.fromEntries(Object.keys(patch).map((key) => [key, before[key]]));
    };
    await use({ url, dataDir, agent, updateOrganisation });
  } finally {
    stopping = true;
    await started?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const test = base.extend<object, { service: ServiceProcess }>({
  service: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a destructuring.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => runService(use),
    { scope: 'worker', timeout: DEFAULT_STARTUP_LIMIT_MS + STOP_GRACE_MS + 30_000 },
  ],
});

export { expect } from '@playwright/test';
