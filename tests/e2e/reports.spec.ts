/**
 * Reports, end to end: the admin of the fixtures creates requests through the API in a channel of their
 * own — one the end user allows (a Chinese name), one they deny (a Portuguese name), one closed and one
 * left open — then opens Reports from the sidebar in the browser shell: the totals are the service's,
 * both charts are drawn (pixels on their canvas) with their text alternatives, the per-channel table has
 * the channel; a custom period without those days shows none of them. Export CSV saves the file in the
 * shell's downloads folder: UTF-8 with a BOM, the names readable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Channel } from '@shared/protocol/api';
import { expectStatus } from '../support/api-client';
import { EndUser } from '../support/requests';
import { ADMIN, expect, login, snapshot, test } from './agent-fixtures';
import { openWindow, signIn } from './agent-pages';

const ALLOWED = '李小龍';
const DENIED = 'João Gonçalves';
const CLOSED = 'Closed Example';
const OPEN = 'Open Example';

async function signInAsAdmin(page: Page): Promise<void> {
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
}

/** The figure under its label in the totals. */
function figure(main: Locator, label: string): Locator {
  return main
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** Whether the canvas has any pixel drawn (a chart that did not render is blank). */
function drawn(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((element) => {
    const canvasElement = element as HTMLCanvasElement;
    const context = canvasElement.getContext('2d');
    if (!context || canvasElement.width === 0 || canvasElement.height === 0) return false;
    const { data } = context.getImageData(0, 0, canvasElement.width, canvasElement.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });
}

test('reports: totals, charts and the CSV export, from the service', async ({ page, world }, testInfo) => {
  const url = world.service.url;
  const admin = await login(url, ADMIN);
  const channel = expectStatus(await admin.post<Channel>('/channels', { name: 'Field support' }), 201);
  const create = async (recipientName: string) =>
    expectStatus(
      await admin.post<SessionRequest>('/requests', { recipientName, channelId: channel.id }),
      201,
    );
  const allowed = await create(ALLOWED);
  await (await new EndUser(url, allowed).open()).allow();
  const denied = await create(DENIED);
  await (await new EndUser(url, denied).open()).deny();
  const closed = await create(CLOSED);
  expectStatus(await admin.post(`/requests/${closed.id}/close`, {}), 200);
  await create(OPEN);

  const { problems } = await openWindow(page, world.shell.url);
  await signInAsAdmin(page);
  const entry = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reports' });
  // Keyboard: focus the sidebar's entry and press Enter.
  await entry.focus();
  await page.keyboard.press('Enter');
  await expect(entry).toHaveAttribute('aria-current', 'page');
  const main = page.getByRole('main', { name: 'Reports' });
  await expect(main).toBeVisible();
  await expect(main.getByLabel('Period')).toHaveValue('30');

  await expect(figure(main, 'Created')).toHaveText('4');
  await expect(figure(main, 'Allowed')).toHaveText('1');
  await expect(figure(main, 'Denied')).toHaveText('1');
  await expect(figure(main, 'Connected')).toHaveText('0');
  await expect(figure(main, 'Closed')).toHaveText('1');
  await expect(figure(main, 'Expired')).toHaveText('0');
  // How the closed request ended (issue 19): closed without an outcome, and nobody rated.
  const wrapUp = main.getByRole('region', { name: 'How closed requests ended' });
  await expect(figure(wrapUp, 'No outcome given')).toHaveText('1');
  await expect(figure(wrapUp, 'Resolved')).toHaveText('0');
  await expect(figure(wrapUp, 'End users’ rating')).toHaveText('—');
  // One request became Ready (within a minute of its creation): a median, but no Connect.
  await expect(figure(main, 'Time to Ready')).toContainText(/Median \d+(\.\d)? sec/);
  await expect(figure(main, 'Ready to Connected')).toContainText('Median —');

  // Both charts drawn, each named by a summary of what it shows, its figures in a table beside it.
  const daily = main.getByRole('img', { name: /^Requests per day by outcome\. 30 days from / });
  const histogram = main.getByRole('img', { name: /^Time to Ready\. 1 request became Ready/ });
  await expect(daily).toBeVisible();
  await expect(histogram).toBeVisible();
  await expect.poll(() => drawn(daily)).toBe(true);
  await expect.poll(() => drawn(histogram)).toBe(true);
  await expect(daily).toHaveAccessibleName(/Most requests created on one day: 4/);
  const histogramSection = main.getByRole('region', { name: 'Time to Ready' });
  await histogramSection.getByText('The figures as a table').click();
  await expect(histogramSection.getByRole('row', { name: '≤ 1 min 1' })).toBeVisible();

  const perChannel = main.getByRole('table', { name: 'Per channel' });
  await expect(perChannel.getByRole('row', { name: /Field support/ })).toContainText('4');
  await snapshot(page, testInfo, 'reports');

  // The charts follow the theme: in the dark scheme they are drawn again in its colours.
  const lightPixels = await daily.evaluate((element) => (element as HTMLCanvasElement).toDataURL());
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect
    .poll(() => daily.evaluate((element) => (element as HTMLCanvasElement).toDataURL()))
    .not.toBe(lightPixels);
  await expect.poll(() => drawn(daily)).toBe(true);
  await snapshot(page, testInfo, 'reports-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The channel filter: another channel has none of them.
  await main.getByLabel('Channel').selectOption({ label: 'Field support' });
  await expect(figure(main, 'Created')).toHaveText('4');
  // Chosen days long before: nothing created then.
  await main.getByLabel('Period').selectOption('custom');
  await main.getByLabel('First day').fill('2020-01-01');
  await main.getByLabel('Last day').fill('2020-01-31');
  await expect(figure(main, 'Created')).toHaveText('0');
  await expect(main.getByText('No request was created in this period.')).toBeVisible();
  // The first day after the last is refused beside the field, and nothing is asked.
  await main.getByLabel('First day').fill('2020-02-15');
  await expect(main.getByLabel('First day')).toHaveAccessibleDescription(
    'The first day is after the last day.',
  );
  await main.getByLabel('Period').selectOption('7');

  // Export CSV: saved in the shell's downloads folder (the browser shell has no save dialog).
  await expect(figure(main, 'Created')).toHaveText('4');
  await main.getByRole('button', { name: 'Export CSV' }).click();
  const saved = main.getByRole('status').filter({ hasText: 'Saved the requests as CSV' });
  await expect(saved).toBeVisible();
  const files = readdirSync(world.downloadsDir);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^requests-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = join(world.downloadsDir, files[0]!);
  await expect(saved).toContainText(path);
  const bytes = readFileSync(path);
  // UTF-8 with a BOM, so that a spreadsheet reads the names right.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text).toContain(ALLOWED);
  expect(text).toContain(DENIED);
  const lines = text.split('\r\n').filter(Boolean);
  expect(lines).toHaveLength(1 + 4);
  expect(problems).toEqual([]);
});

test('reports: an agent sees their own work, without the admins’ filters', async ({ page, world }) => {
  const url = world.service.url;
  const admin = await login(url, ADMIN);
  expectStatus(await admin.post<SessionRequest>('/requests', { recipientName: 'Not Dana’s' }), 201);
  const dana = await world.agentApi();
  for (const recipientName of ['Dana One', 'Dana Two']) {
    expectStatus(await dana.post<SessionRequest>('/requests', { recipientName }), 201);
  }

  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reports' }).click();
  const main = page.getByRole('main', { name: 'Reports' });
  await expect(
    main.getByText('Your own work: the requests assigned to you or created by you.'),
  ).toBeVisible();
  await expect(main.getByLabel('Channel')).toHaveCount(0);
  await expect(main.getByLabel('Agent')).toHaveCount(0);
  await expect(figure(main, 'Created')).toHaveText('2');
  await expect(main.getByRole('img', { name: /^Requests per day by outcome\./ })).toBeVisible();
  expect(problems).toEqual([]);
});
