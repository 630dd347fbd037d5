/**
 * The agent's world for the Session Requests tab's end-to-end tests, one per test: a real SMTP listener,
 * the real service as a child process (mail to the listener; it can be stopped and started again on the
 * same port and data), a new support agent created by the admin through the API, and the agent client on
 * one of its hosts — the browser shell as a child process on its own data folder, with a recorder program
 * the custom remote-control client can launch; or the web console the service serves at /console, its core
 * in a Worker of the page (the Playwright project `web-console` sets `clientHost`). Nothing is mocked; the
 * page talks to the core only through the bridge.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { Api } from '../support/api-client';
import { spawnService, type ServiceChild } from '../support/service-process';
import { SmtpListener } from '../support/smtp-listener';
import { recorderDir, type RecorderDir } from '../main/handoff/recorder';
import { spawnBrowserShell, type ShellProcess } from '../support/browser-shell-process';

export const ORG_NAME = 'Northwind IT';
export const ADMIN = { email: 'admin@northwind.example', password: 'e2e admin password' } as const;
export const AGENT = {
  name: 'Dana Whitfield',
  email: 'dana.whitfield@northwind.example',
  password: 'e2e agent password',
} as const;

/** The service, restartable on the same port and data folder. */
export interface RestartableService {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Which host runs the agent client's core for the page: the browser shell, or the web console's Worker. */
export type ClientHost = 'browser-shell' | 'web-console';

export interface World {
  readonly service: RestartableService;
  readonly smtp: SmtpListener;
  /** The agent client to open: `shell.url` (the browser shell's address, or the service's /console/). */
  readonly shell: ShellProcess;
  readonly clientHost: ClientHost;
  readonly recorder: RecorderDir;
  /** A file whose creation makes the recorder program exit. */
  readonly recorderExitFile: string;
  /** Where the browser shell saves exports (a report's CSV). */
  readonly downloadsDir: string;
  /** The API as the agent (a sign-in of its own). */
  agentApi(): Promise<Api>;
}

export async function login(url: string, who: { email: string; password: string }): Promise<Api> {
  const api = new Api(url);
  const response = await api.post<{ accessToken: string }>('/auth/login', {
    email: who.email,
    password: who.password,
  });
  if (response.status !== 200) throw new Error(`sign in as ${who.email}: HTTP ${response.status}`);
  return api.as(response.body.accessToken);
}

/** The service on `dataDir` (a child process), stopped and started again on the same port. */
export async function startRestartableService(
  dataDir: string,
  env: Readonly<Record<string, string>>,
): Promise<RestartableService> {
  let child: ServiceChild | null = await spawnService({ dataDir, env });
  const url = child.url;
  const port = Number(new URL(url).port);
  return {
    url,
    dataDir,
    stop: async () => {
      await child?.stop();
      child = null;
    },
    start: async () => {
      child = await spawnService({ dataDir, env, port });
    },
  };
}

/**
 * `locked`: a managed policy (SESSIONDESK_POLICY_FILE) sets the service's address and turns queue
 * notifications off, so both show as locked.
 */
export type PolicyChoice = 'none' | 'locked';

/** The web console as the page opens it: the service's /console/, nothing to start or stop. */
function webConsole(serviceUrl: string): ShellProcess {
  return { url: `${serviceUrl}/console/`, output: () => '', stop: () => Promise.resolve() };
}

async function startWorld(
  clientHost: ClientHost,
  policy: PolicyChoice,
  serviceEnv: Readonly<Record<string, string>>,
  use: (world: World) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-ui-service-'));
  const shellDir = mkdtempSync(join(tmpdir(), 'sessiondesk-ui-shell-'));
  const recorder = recorderDir();
  const recorderExitFile = join(recorder.dir, 'exit-now');
  const smtp = await SmtpListener.start();
  let service: RestartableService | null = null;
  let shell: ShellProcess | null = null;
  const env = {
    SESSIONDESK_ADMIN_EMAIL: ADMIN.email,
    SESSIONDESK_ADMIN_PASSWORD: ADMIN.password,
    SESSIONDESK_ORG_NAME: ORG_NAME,
    SESSIONDESK_SMTP_URL: smtp.url,
    ...serviceEnv,
  };
  try {
    service = await startRestartableService(dataDir, env);
    const url = service.url;
    const admin = await login(url, ADMIN);
    const created = await admin.post('/agents', { ...AGENT, roles: ['support_agent'] });
    if (created.status !== 201) throw new Error(`create the agent: HTTP ${created.status}`);
    const policyFile = join(shellDir, 'policy.json');
    if (policy === 'locked') {
      writeFileSync(policyFile, JSON.stringify({ ServerUrl: url, QueueNotifications: false }));
    }
    shell =
      clientHost === 'web-console'
        ? webConsole(url)
        : await spawnBrowserShell({
            serverUrl: url,
            dataDir: join(shellDir, 'data'),
            downloadsDir: join(shellDir, 'downloads'),
            env: recorder.env({
              SESSIONDESK_RECORD_WAIT_FOR: recorderExitFile,
              ...(policy === 'locked' ? { SESSIONDESK_POLICY_FILE: policyFile } : {}),
            }),
          });
    await use({
      service,
      smtp,
      shell,
      clientHost,
      recorder,
      recorderExitFile,
      downloadsDir: join(shellDir, 'downloads'),
      agentApi: () => login(url, AGENT),
    });
  } finally {
    await shell?.stop();
    await service?.stop();
    await smtp.stop();
    recorder.remove();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(shellDir, { recursive: true, force: true });
  }
}

export const test = base.extend<{
  world: World;
  /** Set by the Playwright project: which host the agent client runs on. */
  clientHost: ClientHost;
  policy: PolicyChoice;
  /** More of the service's settings, as environment variables (SESSIONDESK_…). */
  serviceEnv: Readonly<Record<string, string>>;
}>({
  clientHost: ['browser-shell', { option: true }],
  policy: ['none', { option: true }],
  serviceEnv: [{}, { option: true }],
  world: [
    async ({ clientHost, policy, serviceEnv }, use, testInfo) => {
      // The web console reads no machine policy (there is no machine of its own to read it from).
      testInfo.skip(
        clientHost === 'web-console' && policy !== 'none',
        'a managed policy is the desktop’s: the web console has none to read',
      );
      await startWorld(clientHost, policy, serviceEnv, use);
    },
    { timeout: 120_000 },
  ],
  viewport: { width: 1600, height: 900 },
  locale: 'en-GB',
  timezoneId: 'UTC',
  permissions: ['clipboard-read', 'clipboard-write'],
});

export { expect };

/** A screenshot of what the agent sees, kept under test-results/screenshots/ and attached to the report. */
export async function snapshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = join('test-results', 'screenshots', `${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
