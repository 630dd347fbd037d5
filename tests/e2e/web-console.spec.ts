/**
 * The web console (issue 20): the agent client the service serves at /console, its core in a Worker of the
 * page with its cache in SQLite-WASM on the Origin Private File System. In real Chromium against the real
 * service: sign in, requests live, create one, the end user allows, Ready live, Connect opens the client's
 * link; the service stopped and the page reloaded — cached rows shown and searchable, a request created
 * offline sent once when the service is back; two agents in two browser contexts see each other live.
 * (The Playwright project `web-console` also runs the renderer's suite on this host: playwright.config.ts.)
 */
import { expectStatus } from '../support/api-client';
import type { Page } from '@playwright/test';
import type { Agent, Channel } from '../../shared/protocol/api';
import { ADMIN, AGENT, expect, login, snapshot, test } from './agent-fixtures';
import {
  allowAccess,
  chooseAction,
  createRequest,
  createRequestForLink,
  fillNewRequest,
  openAsEndUser,
  openWindow,
  row,
  signIn,
  statusCell,
} from './agent-pages';

test.use({ clientHost: 'web-console' });

test('sign in at /console, requests live, create, allow, Ready live, Connect opens the AnyDesk link', async ({
  page,
  world,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const { problems } = await openWindow(page, world.shell.url);
  // The console's service is the one that served it: its address, not a field.
  await expect(page.getByRole('textbox', { name: 'Service address' })).toHaveCount(0);
  await signIn(page);
  const tokensInStorage = await page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookie: document.cookie,
    databases: (await indexedDB.databases()).map((database) => database.name),
  }));
  // The tokens are the Worker's: nothing a page script could read.
  expect(tokensInStorage).toEqual({ local: [], session: [], cookie: '', databases: [] });

  // A request made elsewhere (the API, as the same agent) appears live.
  const api = await world.agentApi();
  expectStatus(await api.post('/requests', { recipientName: 'Avery Stone' }), 201);
  await expect(row(page, 'Avery Stone')).toBeVisible();

  // Created here; the end user allows; Ready comes live.
  const link = await createRequestForLink(page, { name: 'Jordan Lee', email: 'jordan.lee@example.com' });
  const jordan = row(page, 'Jordan Lee');
  const endUser = await openAsEndUser(browser, link);
  await allowAccess(endUser, '123 456 789');
  await expect(statusCell(jordan)).toHaveText('Ready', { timeout: 15_000 });

  // AnyDesk opens by its link: the page hands `anydesk:` to the operating system.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Remote-control client').selectOption({ label: 'AnyDesk' });
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
  const opened = page.waitForRequest((request) => request.url().startsWith('anydesk:'));
  await jordan.getByRole('button', { name: 'Connect to Jordan Lee' }).click();
  expect((await opened).url()).toBe('anydesk:123456789');
  await expect(statusCell(jordan)).toHaveText('Connected');
  await snapshot(page, testInfo, 'web-console-connected');

  // A second tab of the same browser: the first holds the cache, and the second says so.
  const second = await page.context().newPage();
  await second.goto(world.shell.url);
  await expect(
    second.getByRole('alert').filter({ hasText: /^Sessiondesk is open in another tab of this browser/ }),
  ).toBeVisible();
  await expect(second.getByRole('button', { name: 'Reload' })).toBeVisible();
  await second.close();
  expect(problems).toEqual([]);
});

test('offline: reloaded without the service, cached rows searchable, a request made offline sent once', async ({
  page,
  world,
}) => {
  test.setTimeout(120_000);
  await openWindow(page, world.shell.url);
  await signIn(page);
  await createRequest(page, { name: 'Jordan Lee', email: 'jordan.lee@example.com', comments: 'Printer' });
  await createRequest(page, { name: 'Priya Patel', email: 'priya.patel@example.com', comments: 'Outlook' });
  const grid = page.getByRole('grid', { name: 'Session requests' });
  await expect(grid.getByRole('row')).toHaveCount(3);

  // The service stops and the page is reloaded: the service worker opens the console, the Worker opens
  // the cache on OPFS, and the rows are there. (The service worker has kept the console's files once it is
  // active: `ready` says so.)
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe(
    'activated',
  );
  await world.service.stop();
  await page.reload();
  await expect(grid.getByRole('row')).toHaveCount(3, { timeout: 20_000 });
  const connection = page.getByRole('button', { name: /^Connection: / });
  await expect(connection).toHaveAccessibleName(/^Connection: (Reconnecting…|Offline since \d\d:\d\d)$/, {
    timeout: 45_000,
  });
  await page.getByRole('searchbox', { name: 'Search requests' }).fill('priya');
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(row(page, 'Priya Patel')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search requests' }).fill('');
  await expect(grid.getByRole('row')).toHaveCount(3);

  const dialog = await fillNewRequest(page, { name: 'Sam Offline', email: 'sam@example.com' });
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const queued = page.getByRole('dialog', { name: 'Request queued' });
  await expect(queued).toBeVisible();
  await queued.getByRole('button', { name: 'Done' }).click();
  const sam = row(page, 'Sam Offline');
  await expect(statusCell(sam)).toHaveText('Open Queued');

  // Back: the sign-in is refreshed from the cookie, and the queued request is created once.
  await world.service.start();
  await expect(connection).toHaveAccessibleName('Connection: Live', { timeout: 30_000 });
  await expect(statusCell(sam)).toHaveText('Open', { timeout: 15_000 });
  await expect(sam).toHaveAttribute('data-request-id', /^[0-9a-f-]{36}$/);
  const api = await world.agentApi();
  const found = await api.get<{ requests: { recipientName: string }[] }>('/requests?q=Sam');
  expect(found.body.requests.map((r) => r.recipientName)).toEqual(['Sam Offline']);
});

test('two agents in two browser contexts see each other’s changes live', async ({ page, world, browser }) => {
  test.setTimeout(90_000);
  const admin = await login(world.service.url, ADMIN);
  const channel = expectStatus(await admin.post<Channel>('/channels', { name: 'Service Desk' }), 201);
  const ben = { name: 'Ben Okafor', email: 'ben@northwind.example', password: 'e2e ben password' };
  const benAgent = expectStatus(
    await admin.post<Agent>('/agents', { ...ben, roles: ['support_agent'] }),
    201,
  );
  const danaAgent = (await admin.get<{ agents: Agent[] }>('/agents')).body.agents.find(
    (agent) => agent.email === AGENT.email,
  )!;
  for (const agent of [danaAgent, benAgent]) {
    expectStatus(await admin.put(`/channels/${channel.id}/members/${agent.id}`, {}), 200);
  }

  await openWindow(page, world.shell.url);
  await signIn(page);
  const bensContext = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
  const bensPage = await bensContext.newPage();
  await openWindow(bensPage, world.shell.url);
  await bensPage.getByLabel('E-mail').fill(ben.email);
  await bensPage.getByLabel('Password').fill(ben.password);
  await bensPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(bensPage.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });

  // Each creates a request in the shared channel: the other's console shows it live.
  const createInChannel = async (desk: Page, name: string) => {
    await desk.getByRole('button', { name: 'New request' }).click();
    const create = desk.getByRole('dialog', { name: 'New session request' });
    await create.getByLabel('Recipient name').fill(name);
    await create.getByLabel('Channel').selectOption({ label: 'Service Desk' });
    await create.getByRole('button', { name: 'Create request' }).click();
    await desk.getByRole('dialog', { name: 'Request created' }).getByRole('button', { name: 'Done' }).click();
  };
  await createInChannel(page, 'Kim Shared');
  await expect(row(bensPage, 'Kim Shared')).toBeVisible();
  await createInChannel(bensPage, 'Lee Shared');
  await expect(row(page, 'Lee Shared')).toBeVisible();

  // Dana closes hers: it leaves Ben's open requests without a reload.
  await chooseAction(page, 'Kim Shared', 'Close');
  const close = page.getByRole('alertdialog', { name: 'Close this request?' });
  await close
    .getByRole('group', { name: /^Outcome/ })
    .getByRole('radio', { name: 'Resolved', exact: true })
    .check();
  await close.getByRole('textbox', { name: /^Wrap-up note/ }).fill('Done together.');
  await close.getByRole('textbox', { name: /^Wrap-up note/ }).press('Enter');
  await expect(close).toBeHidden();
  await expect(row(bensPage, 'Kim Shared')).toHaveCount(0, { timeout: 15_000 });
  await bensContext.close();
});
