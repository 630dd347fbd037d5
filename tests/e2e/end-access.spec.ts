/**
 * The end user ends access during a session: the agent's row shows Waiting and Denied live, the agent is
 * told in a notification, and the remote-control client exiting afterwards (its disconnect, which the
 * service no longer needs) shows the agent no error. The agent's client is the real one in the browser
 * shell, its remote-control client a recorder program (agent-fixtures.ts); the end user uses Chromium.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { expect, test } from './agent-fixtures';
import {
  allowAccess,
  createRequestForLink,
  openAsEndUser,
  openWindow,
  row,
  signIn,
  statusCell,
  useCustomCommand,
} from './agent-pages';

test('End access during a session: Denied live, a notification, and no error when the client exits', async ({
  page,
  browser,
  world,
}) => {
  // A whole session, from sign-in to a launched client's exit, in two browsers.
  test.slow();
  const program = world.recorder.install('bin/remote client');
  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);
  await useCustomCommand(page, program);
  const link = await createRequestForLink(page, { name: 'Jordan Lee' });

  const jordan = row(page, 'Jordan Lee');
  const endUser = await openAsEndUser(browser, link);
  await allowAccess(endUser, '123 456 789');
  await expect(statusCell(jordan)).toHaveText('Ready', { timeout: 15_000 });
  await jordan.getByRole('button', { name: 'Connect to Jordan Lee' }).click();
  await expect(statusCell(jordan)).toHaveText('Connected', { timeout: 15_000 });
  await expect.poll(() => world.recorder.runs()).toEqual([['--connect', '123456789']]);

  // The end user's page, live, offers End access.
  await endUser.getByRole('button', { name: 'End access', exact: true }).click();
  await expect(endUser.getByText(/^You ended access/)).toBeVisible();

  await expect(statusCell(jordan)).toHaveText('Waiting Denied', { timeout: 15_000 });
  const notifications = page.getByRole('status', { name: 'Notifications' });
  await expect(notifications.getByText('Jordan Lee ended access')).toBeVisible();
  await expect(
    notifications.getByText(
      'Jordan Lee ended your access to their computer. End the remote session; connecting again needs their permission.',
    ),
  ).toBeVisible();

  // The remote-control client exits afterwards. The service no longer counts the agent connected, so the
  // disconnect is moot: the client settles it and shows the agent nothing.
  await jordan.getByRole('button', { name: 'Jordan Lee', exact: true }).click();
  const details = page.getByRole('complementary', { name: 'Jordan Lee' });
  await expect(details.getByText('Custom command is running.')).toBeVisible();
  writeFileSync(world.recorderExitFile, '');
  await expect.poll(() => existsSync(`${world.recorderExitFile}.seen`)).toBe(true);
  // The core has seen the exit (and settled the disconnect nobody needs any more) once it forgets it.
  await expect(details.getByText('Custom command is running.')).toHaveCount(0, { timeout: 15_000 });
  await expect(details.getByRole('list').last()).toContainText('The end user ended access.');
  await expect(page.getByRole('alert')).toHaveText('');
  await expect(statusCell(jordan)).toHaveText('Waiting Denied');
  expect(problems).toEqual([]);
  await endUser.context().close();
});
