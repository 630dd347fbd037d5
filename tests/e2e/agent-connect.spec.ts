/**
 * Scenario 3: Connect launches the remote-control client — here a recorder program set as the custom
 * command in Settings — with the ID the end user entered; the row shows Connected, and Connect is
 * disabled saying the client runs (one hand-off per request); when the program exits it is Ready again.
 * Connected again, End session in the row's menu makes it Ready at once. Close (confirmed) makes it
 * Closed: it leaves the open requests for Past.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { expect, snapshot, test } from './agent-fixtures';
import {
  allowAccess,
  chooseAction,
  fillNewRequest,
  notReloaded,
  openAsEndUser,
  openWindow,
  row,
  signIn,
  statusCell,
} from './agent-pages';

test('Connect launches the custom client; Connected while it runs, Ready after; Close → Closed', async ({
  page,
  browser,
  world,
}, testInfo) => {
  test.setTimeout(90_000);
  const program = world.recorder.install('bin/remote client');
  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);

  // Settings: the custom command.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Remote-control client').selectOption({ label: 'Custom command' });
  await settings.getByLabel('Custom command').fill(`"${program}" --connect {remoteId}`);
  await snapshot(page, testInfo, 'settings');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();

  const dialog = await fillNewRequest(page, { name: 'Jordan Lee' });
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const created = page.getByRole('dialog', { name: 'Request created' });
  const link = await created.getByRole('textbox', { name: 'Link' }).inputValue();
  await created.getByRole('button', { name: 'Done' }).click();

  const jordan = row(page, 'Jordan Lee');
  const connect = jordan.getByRole('button', { name: 'Connect to Jordan Lee' });
  const endUser = await openAsEndUser(browser, link);
  await allowAccess(endUser, '123 456 789');
  await expect(statusCell(jordan)).toHaveText('Ready', { timeout: 15_000 });

  await connect.click();
  await expect(page.getByRole('status').filter({ hasText: 'Custom command started.' })).toBeVisible();
  await expect(statusCell(jordan)).toHaveText('Connected', { timeout: 15_000 });
  await expect.poll(() => world.recorder.runs()).toEqual([['--connect', '123456789']]);
  // One running hand-off per request: Connect says why it is not offered again.
  await expect(connect).toHaveAttribute('aria-disabled', 'true');
  await expect(connect).toHaveAccessibleDescription(
    'Custom command is already running for this request: switch to its window. Choose End session when you are done.',
  );
  await snapshot(page, testInfo, 'table-connected');

  // The program exits: Ready again.
  writeFileSync(world.recorderExitFile, '');
  await expect.poll(() => existsSync(`${world.recorderExitFile}.seen`)).toBe(true);
  await expect(statusCell(jordan)).toHaveText('Ready', { timeout: 15_000 });
  await expect(connect).toBeEnabled();
  await expect(connect).not.toHaveAttribute('aria-disabled', 'true');

  // Connected again, then End session from the row's menu: Ready at once; the client is left open.
  for (const suffix of ['', '.seen', '.pid']) rmSync(`${world.recorderExitFile}${suffix}`, { force: true });
  await connect.click();
  await expect(statusCell(jordan)).toHaveText('Connected', { timeout: 15_000 });
  await chooseAction(page, 'Jordan Lee', 'End session');
  await expect(
    page.getByRole('status').filter({ hasText: 'Session ended. Custom command is still open' }),
  ).toBeVisible();
  await expect(statusCell(jordan)).toHaveText('Ready');
  await expect(connect).not.toHaveAttribute('aria-disabled', 'true');
  writeFileSync(world.recorderExitFile, '');
  await expect.poll(() => existsSync(`${world.recorderExitFile}.seen`)).toBe(true);

  // Details open, then Close, confirmed.
  await jordan.getByRole('button', { name: 'Jordan Lee', exact: true }).click();
  const details = page.getByRole('complementary', { name: 'Jordan Lee' });
  await expect(details.getByRole('list').last()).toContainText('Dana Whitfield connected.');
  await expect(details.getByRole('list').last()).toContainText('Dana Whitfield disconnected.');
  // Consent lasts one session: the details say until when the Allow still holds.
  await expect(
    details.getByText(/^Allowed until .+; after that the end user is asked again\.$/),
  ).toBeVisible();

  // Connected once more, End session from the details panel this time.
  for (const suffix of ['', '.seen', '.pid']) rmSync(`${world.recorderExitFile}${suffix}`, { force: true });
  await details.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(statusCell(jordan)).toHaveText('Connected', { timeout: 15_000 });
  await details.getByRole('button', { name: 'End session', exact: true }).click();
  await expect(statusCell(jordan)).toHaveText('Ready');
  await expect(details.getByRole('button', { name: 'End session', exact: true })).toHaveCount(0);
  writeFileSync(world.recorderExitFile, '');
  await expect.poll(() => existsSync(`${world.recorderExitFile}.seen`)).toBe(true);
  await chooseAction(page, 'Jordan Lee', 'Close');
  const confirm = page.getByRole('alertdialog', { name: 'Close this request?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Close request' }).click();
  await expect(details.getByText('Closed', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(jordan).toHaveCount(0);
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: /^Past/ }).click();
  await expect(statusCell(row(page, 'Jordan Lee'))).toHaveText('Closed');
  await expect(
    row(page, 'Jordan Lee').getByRole('button', { name: 'Connect to Jordan Lee' }),
  ).toHaveAccessibleDescription(/closed/i);

  expect(await notReloaded(page)).toBe(true);
  expect(problems).toEqual([]);
  await endUser.context().close();
});
