/**
 * One world for the accessibility tests, shared by the tests of a Playwright worker (they only look, or
 * undo what they open): the real service as a child process, the browser shell as a child process (the
 * agent client, signed in as the admin, who sees every request and the Administration screens), and a
 * request in every state the table and the join page show — created through the API, and moved on by
 * the join page's own routes as an end user's browser would (open the link, Allow access, Deny).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { SessionRequest } from '../../shared/domain/session-request';
import type { Agent, Channel } from '../../shared/protocol/api';
import type { Api } from '../support/api-client';
import { expectStatus } from '../support/api-client';
import { spawnBrowserShell, type ShellProcess } from '../support/browser-shell-process';
import { createRequest, EndUser } from '../support/requests';
import {
  ADMIN,
  AGENT,
  ORG_NAME,
  login,
  startRestartableService,
  type RestartableService,
} from './agent-fixtures';

/** Who the requests are for, by the state each one is left in. */
export const RECIPIENTS = {
  open: 'Avery Open',
  waiting: 'Blake Waiting',
  denied: 'Casey Denied',
  ready: 'Drew Ready',
  connected: 'Emery Connected',
  closed: 'Finley Closed',
  expired: 'Gray Expired',
  queued: 'Harper Queued',
  /** Dana's, with the admin invited: the row says "Invited". */
  invited: 'Indigo Invited',
} as const;
export type RequestKey = keyof typeof RECIPIENTS;

const RILEY = { name: 'Riley Chen', email: 'riley.chen@northwind.example', password: 'e2e riley password' };

export interface A11yWorld {
  /** Stopped and started again by the offline screens. */
  readonly service: RestartableService;
  readonly shell: ShellProcess;
  /** Each request's join link, by the state it was left in. */
  readonly links: Record<RequestKey, string>;
  /** Dana Whitfield, a support agent in the shared channel with the release permission. */
  readonly dana: Agent;
  /** The shared channel the first start creates. */
  readonly support: Channel;
}

async function seed(url: string): Promise<Omit<A11yWorld, 'service' | 'shell'>> {
  const admin = await login(url, ADMIN);
  const dana = expectStatus(await admin.post<Agent>('/agents', { ...AGENT, roles: ['support_agent'] }), 201);
  const { channels } = expectStatus(await admin.get<{ channels: Channel[] }>('/channels'), 200);
  const support = channels.find((c) => c.kind === 'shared');
  if (!support) throw new Error('the first start created no shared channel');
  expectStatus(await admin.put(`/channels/${support.id}/members/${dana.id}`, { canRelease: true }), 200);
  // Someone the admin can still invite to a session Dana is on.
  const riley = expectStatus(await admin.post<Agent>('/agents', { ...RILEY, roles: ['support_agent'] }), 201);
  expectStatus(await admin.put(`/channels/${support.id}/members/${riley.id}`, { canRelease: false }), 200);
  const danaApi = await login(url, AGENT);
  const act = async (api: Api, request: SessionRequest, action: string, body: unknown = {}) =>
    expectStatus(await api.post<SessionRequest>(`/requests/${request.id}/${action}`, body), 200);
  const comments = { comments: 'Outlook asks for the password again and again.' };

  /** The end user has opened the request's link (Open → Waiting). */
  const opened = async (request: SessionRequest) => {
    const endUser = new EndUser(url, request);
    await endUser.open();
    return endUser;
  };

  const open = await createRequest(admin, RECIPIENTS.open, undefined, comments);
  const waiting = await createRequest(admin, RECIPIENTS.waiting, support.id, comments);
  await opened(waiting);
  // Dana helps: the admin owns a session someone else is on (Leave names who takes it over).
  await act(admin, waiting, 'invite', { agentIds: [dana.id] });
  const denied = await createRequest(admin, RECIPIENTS.denied);
  await (await opened(denied)).deny();
  const ready = await createRequest(admin, RECIPIENTS.ready);
  await (await opened(ready)).allow();
  const connected = await createRequest(admin, RECIPIENTS.connected);
  const connectedUser = await opened(connected);
  await connectedUser.allow();
  await act(admin, connected, 'connect');
  // The conversation (issue 19): both sides of the chat, one message unread, a note in the thread, and
  // the canned messages the chat box offers after `/`.
  await act(admin, connected, 'messages', { text: 'I am connecting now, please keep the app open.' });
  await connectedUser.write('Thank you, it is open.');
  await act(admin, connected, 'notes', { text: 'The printer driver looks stale.' });
  expectStatus(
    await admin.put('/canned-messages', {
      messages: [
        { name: 'readid', texts: { en: 'Please open the app and read me the ID.' } },
        { name: 'restart', texts: { en: 'Please restart your computer.' } },
      ],
    }),
    200,
  );
  const closed = await createRequest(admin, RECIPIENTS.closed);
  await act(admin, closed, 'close');
  const expired = await createRequest(admin, RECIPIENTS.expired, undefined, {
    expiresAt: new Date(Date.now() + 1_500).toISOString(),
  });
  const queued = await createRequest(admin, RECIPIENTS.queued, support.id, {
    assignTo: { type: 'unassigned' },
  });
  const invited = await createRequest(danaApi, RECIPIENTS.invited, support.id);
  await act(danaApi, invited, 'invite', { agentIds: [expectStatus(await admin.get<Agent>('/me'), 200).id] });
  // The service's clock expires it within a second of its time.
  await expect
    .poll(async () => expectStatus(await admin.get<SessionRequest>(`/requests/${expired.id}`), 200).status, {
      timeout: 15_000,
    })
    .toBe('expired');

  const requests = { open, waiting, denied, ready, connected, closed, expired, queued, invited };
  const links = Object.fromEntries(Object.entries(requests).map(([key, request]) => [key, request.link]));
  return { links: links as Record<RequestKey, string>, dana, support };
}

async function startWorld(use: (world: A11yWorld) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-a11y-service-'));
  const shellDir = mkdtempSync(join(tmpdir(), 'sessiondesk-a11y-shell-'));
  const env = {
    SESSIONDESK_ADMIN_EMAIL: ADMIN.email,
    SESSIONDESK_ADMIN_PASSWORD: ADMIN.password,
    SESSIONDESK_ORG_NAME: ORG_NAME,
  };
  let service: RestartableService | null = null;
  let shell: ShellProcess | null = null;
  try {
    service = await startRestartableService(dataDir, env);
    const url = service.url;
    const seeded = await seed(url);
    shell = await spawnBrowserShell({ serverUrl: url, dataDir: shellDir });
    await use({ service, shell, ...seeded });
  } finally {
    await shell?.stop();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(shellDir, { recursive: true, force: true });
  }
}

export const test = base.extend<object, { a11y: A11yWorld }>({
  a11y: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a destructuring.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => startWorld(use),
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect };

/**
 * Opens the agent's window and signs in as the admin, unless the shell is still signed in from an
 * earlier test (the core keeps the sign-in; the page is only its view).
 */
export async function openSignedIn(page: Page, world: A11yWorld): Promise<void> {
  await page.goto(world.shell.url);
  const grid = page.getByRole('grid', { name: 'Session requests' });
  const signIn = page.getByRole('button', { name: 'Sign in' });
  await expect(grid.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) {
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await signIn.click();
  }
  await expect(grid).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
}
