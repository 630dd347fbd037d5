/**
 * Scenario 4: the service stops. The header says offline and since when; cached rows stay searchable;
 * actions that need the live state are disabled saying so; a request created offline shows as queued.
 * The service comes back: the request is created once and its row goes live. Here a managed policy
 * sets the service's address (the sign-in form does not ask for it) and locks queue notifications.
 */
import { expect, snapshot, test } from './agent-fixtures';
import {
  createRequest,
  fillNewRequest,
  notReloaded,
  openWindow,
  row,
  signIn,
  statusCell,
} from './agent-pages';

test.use({ policy: 'locked' });

test('offline: cached rows searchable, a new request queued, created once when the service is back', async ({
  page,
  world,
}, testInfo) => {
  // Going offline (three refused attempts, 1–4 s apart) and back: room for a busy machine.
  test.setTimeout(90_000);
  const { problems } = await openWindow(page, world.shell.url);
  // The policy's address, not a field.
  await expect(page.getByText(`Service: ${world.service.url}`)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Service address' })).toHaveCount(0);
  await signIn(page);
  await createRequest(page, { name: 'Jordan Lee', email: 'jordan.lee@example.com', comments: 'Printer' });
  await createRequest(page, { name: 'Priya Patel', email: 'priya.patel@example.com', comments: 'Outlook' });
  const grid = page.getByRole('grid', { name: 'Session requests' });
  await expect(grid.getByRole('row')).toHaveCount(3);

  await world.service.stop();
  const connection = page.getByRole('button', { name: /^Connection: / });
  await expect(connection).toHaveAccessibleName(/^Connection: (Reconnecting…|Offline since \d\d:\d\d)$/, {
    timeout: 15_000,
  });
  await expect(connection).toHaveAccessibleName(/^Connection: Offline since \d\d:\d\d$/, { timeout: 45_000 });
  await expect(page.getByText(/^Offline: cached requests, search/)).toBeVisible();
  await connection.click();
  const panel = page.getByRole('region', { name: /^Offline since/ });
  await expect(panel).toContainText('Needs the connection: Connect, Assign');
  await page.keyboard.press('Escape');

  // Cached rows, searched offline.
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('searchbox', { name: 'Search requests' })).toBeFocused();
  await page.keyboard.type('priya');
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(row(page, 'Priya Patel')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search requests' }).press('Escape');
  await expect(grid.getByRole('row')).toHaveCount(3);

  // What needs the connection says so; copying still works.
  await page.getByRole('button', { name: 'Actions for Jordan Lee' }).click();
  const close = page.getByRole('menuitem', { name: 'Close' });
  await expect(close).toBeDisabled();
  await expect(close).toHaveAccessibleDescription(
    /^Closing needs the connection to the service, and Sessiondesk is offline/,
  );
  await expect(page.getByRole('menuitem', { name: 'Copy link' })).toBeEnabled();
  await page.keyboard.press('Escape');

  // A request created offline: queued, shown at once.
  const dialog = await fillNewRequest(page, { name: 'Sam Offline', email: 'sam@example.com' });
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const queued = page.getByRole('dialog', { name: 'Request queued' });
  await expect(queued).toContainText('Sessiondesk is offline: the request is saved and will be created');
  await queued.getByRole('button', { name: 'Done' }).click();
  const sam = row(page, 'Sam Offline');
  await expect(statusCell(sam)).toHaveText('Open Queued');
  await expect(sam.getByRole('button', { name: 'Connect to Sam Offline' })).toHaveAccessibleDescription(
    'This request has not reached the service yet: wait until it is created.',
  );
  await expect(sam).toHaveAttribute('data-request-id', /^local:/);
  await snapshot(page, testInfo, 'offline');

  // Settings a policy sets show as locked, with the reason.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const queueNotifications = settings.getByRole('checkbox', { name: /Queue notifications/ });
  await expect(queueNotifications).toBeDisabled();
  await expect(queueNotifications).not.toBeChecked();
  await expect(queueNotifications).toHaveAccessibleDescription(
    /Set by your organisation's policy \(QueueNotifications\)/,
  );
  await snapshot(page, testInfo, 'settings-locked');
  await page.keyboard.press('Escape');

  // The service is back: the client is Live by itself (it tries every 1–4 s, so a click on Retry now
  // would race it; tests/main/core/reconnect.test.ts checks Retry now), and the queued request is
  // created — once.
  await connection.click();
  await expect(page.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await world.service.start();
  await expect(connection).toHaveAccessibleName('Connection: Live', { timeout: 30_000 });
  await expect(statusCell(sam)).toHaveText('Open', { timeout: 15_000 });
  await expect(sam).toHaveAttribute('data-request-id', /^[0-9a-f-]{36}$/);
  await expect(page.getByText(/^Offline: cached requests, search/)).toBeHidden();
  const api = await world.agentApi();
  const found = await api.get<{ requests: { recipientName: string }[] }>('/requests?q=Sam');
  expect(found.body.requests.map((r) => r.recipientName)).toEqual(['Sam Offline']);

  expect(await notReloaded(page)).toBe(true);
  expect(problems).toEqual([]);
});
