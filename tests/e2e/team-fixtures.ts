/**
 * A support team for the collaboration end-to-end tests, one per test: a real SMTP listener, the real
 * service as a child process, and three support agents created by the admin through the API — each
 * signed in to their own browser shell (their own core, cache and data folder) in their own browser
 * context, as three people at three desks. All three work the shared channel "Service Desk"; only Cara
 * holds its release permission. Each shell's remote-control client is a recorder program (set by a
 * policy file), so Connect really launches something. Nothing is mocked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { Agent, Channel } from '../../shared/protocol/api';
import { Api, expectStatus } from '../support/api-client';
import { spawnBrowserShell, type ShellProcess } from '../support/browser-shell-process';
import { spawnService, type ServiceChild } from '../support/service-process';
import { SmtpListener } from '../support/smtp-listener';
import { recorderDir, type RecorderDir } from '../main/handoff/recorder';
import { ADMIN, ORG_NAME } from './agent-fixtures';
import { openWindow } from './agent-pages';

export const CHANNEL = 'Service Desk';

export const PEOPLE = {
  dana: { name: 'Dana Whitfield', email: 'dana@northwind.example', canRelease: false },
  ben: { name: 'Ben Okafor', email: 'ben@northwind.example', canRelease: false },
  cara: { name: 'Cara Lindqvist', email: 'cara@northwind.example', canRelease: true },
} as const;
export type Person = keyof typeof PEOPLE;
const PASSWORD = 'e2e team password';

export interface Desk {
  readonly person: Person;
  readonly agent: Agent;
  readonly page: Page;
  readonly shell: ShellProcess;
  readonly recorder: RecorderDir;
  /** The API as this agent (a sign-in of its own). */
  api(): Promise<Api>;
}

export interface Team {
  readonly serviceUrl: string;
  readonly admin: Api;
  readonly channel: Channel;
  readonly desks: Record<Person, Desk>;
}

async function login(url: string, email: string, password: string): Promise<Api> {
  const api = new Api(url);
  const response = await api.post<{ accessToken: string }>('/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`sign in as ${email}: HTTP ${response.status}`);
  return api.as(response.body.accessToken);
}

/**
 * Signs the desk's window in as its person and waits for the live connection. The address is already
 * there: the shell was started for that service (--server).
 */
export async function signInAs(page: Page, email: string, serviceUrl: string): Promise<void> {
  await expect(page.getByRole('textbox', { name: 'Service address' })).toHaveValue(serviceUrl);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Three desks sign in at once, each a password hash at the service and a cache opened by its core: on
  // a loaded 2-core machine that outlasted the default 5 s once (the page still said "Signing in…").
  await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 30_000 });
}

async function startTeam(browser: Browser, use: (team: Team) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-team-service-'));
  const deskDir = mkdtempSync(join(tmpdir(), 'sessiondesk-team-desks-'));
  const smtp = await SmtpListener.start();
  let child: ServiceChild | null = null;
  const shells: ShellProcess[] = [];
  const contexts: BrowserContext[] = [];
  const recorders: RecorderDir[] = [];
  try {
    child = await spawnService({
      dataDir,
      env: {
        SESSIONDESK_ADMIN_EMAIL: ADMIN.email,
        SESSIONDESK_ADMIN_PASSWORD: ADMIN.password,
        SESSIONDESK_ORG_NAME: ORG_NAME,
        SESSIONDESK_SMTP_URL: smtp.url,
      },
    });
    const url = child.url;
    const admin = await login(url, ADMIN.email, ADMIN.password);
    const channel = expectStatus(
      await admin.post<Channel>('/channels', { name: CHANNEL, participantLimit: 3 }),
      201,
    );
    const agents = {} as Record<Person, Agent>;
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const { name, email, canRelease } = PEOPLE[person];
      agents[person] = expectStatus(
        await admin.post<Agent>('/agents', { name, email, password: PASSWORD, roles: ['support_agent'] }),
        201,
      );
      expectStatus(
        await admin.put(`/channels/${channel.id}/members/${agents[person].id}`, { canRelease }),
        200,
      );
    }

    // The desks start side by side: three shells, three browser contexts.
    const desks = await Promise.all(
      (Object.keys(PEOPLE) as Person[]).map(async (person): Promise<Desk> => {
        const recorder = recorderDir();
        recorders.push(recorder);
        const program = recorder.install('bin/remote-client');
        const policyFile = join(deskDir, `${person}-policy.json`);
        writeFileSync(
          policyFile,
          JSON.stringify({
            RemoteClient: 'custom',
            CustomCommand: `"${program}" --connect {remoteId}`,
            QueueNotificationMinutes: 0,
          }),
        );
        const shell = await spawnBrowserShell({
          serverUrl: url,
          dataDir: join(deskDir, person),
          env: recorder.env({
            SESSIONDESK_POLICY_FILE: policyFile,
            SESSIONDESK_RECORD_WAIT_FOR: join(recorder.dir, 'exit-now'),
          }),
        });
        shells.push(shell);
        const context = await browser.newContext({
          viewport: { width: 1500, height: 900 },
          locale: 'en-GB',
          timezoneId: 'UTC',
          permissions: ['clipboard-read', 'clipboard-write'],
        });
        contexts.push(context);
        await context.addInitScript(recordToasts);
        const page = await context.newPage();
        await openWindow(page, shell.url);
        await signInAs(page, PEOPLE[person].email, url);
        return {
          person,
          agent: agents[person],
          page,
          shell,
          recorder,
          api: () => login(url, PEOPLE[person].email, PASSWORD),
        };
      }),
    );
    const byPerson = Object.fromEntries(desks.map((d) => [d.person, d])) as Record<Person, Desk>;
    await use({ serviceUrl: url, admin, channel, desks: byPerson });
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await Promise.all(shells.map((s) => s.stop()));
    await child?.stop();
    await smtp.stop();
    for (const recorder of recorders) recorder.remove();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(deskDir, { recursive: true, force: true });
  }
}

export const test = base.extend<{ team: Team }>({
  team: [async ({ browser }, use) => startTeam(browser, use), { timeout: 180_000 }],
});

export { expect };

declare global {
  interface Window {
    /** Every toast shown since the page loaded, in order (the test's record: toasts go after seconds). */
    __toasts?: string[];
  }
}

/**
 * Runs in each desk's page before the app: records the text of every toast as it appears. Several desks
 * are told of one change at once, and a toast leaves after 8 seconds; a test checking one desk after the
 * other must not miss the last one's because the first took long on a busy machine.
 */
function recordToasts(): void {
  const log: string[] = [];
  const seen = new WeakSet<Element>();
  window.__toasts = log;
  new MutationObserver(() => {
    for (const element of document.querySelectorAll('.toast')) {
      if (seen.has(element)) continue;
      seen.add(element);
      log.push(element.textContent ?? '');
    }
  }).observe(document, { subtree: true, childList: true });
}

/** How many toasts the desk has shown so far: `toldSince` looks only at the ones after. */
export function toastCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__toasts?.length ?? 0);
}

/** Waits until the desk has shown a toast (after the first `since`) whose text holds `text`. */
export async function told(page: Page, text: string, since = 0): Promise<void> {
  await expect
    .poll(() => page.evaluate((from) => (window.__toasts ?? []).slice(from), since), {
      message: `a toast saying “${text}”`,
      timeout: 20_000,
    })
    .toContainEqual(expect.stringContaining(text));
}
