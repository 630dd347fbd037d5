/**
 * Scenario 2: the end user chooses Deny; the agent's row shows Waiting with Denied beside it, live.
 * Request access again (from the row's menu, by keyboard) brings the prompt back on the end user's page,
 * which is still open, without them reloading it.
 */
import { expect, snapshot, test } from './agent-fixtures';
import {
  fillNewRequest,
  notReloaded,
  openAsEndUser,
  openWindow,
  row,
  signIn,
  statusCell,
} from './agent-pages';

test('Deny shows Denied; Request access again brings the prompt back on the open page', async ({
  page,
  browser,
  world,
}, testInfo) => {
  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);

  const dialog = await fillNewRequest(page, { name: 'Jordan Lee', comments: 'VPN will not connect.' });
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const created = page.getByRole('dialog', { name: 'Request created' });
  const link = await created.getByRole('textbox', { name: 'Link' }).inputValue();
  await created.getByRole('button', { name: 'Done' }).click();

  const jordan = row(page, 'Jordan Lee');
  const endUser = await openAsEndUser(browser, link);
  await expect(statusCell(jordan)).toHaveText('Waiting', { timeout: 15_000 });

  // Before a Deny there is nothing to ask again: the item says why, to the eye and to a screen reader.
  await page.getByRole('button', { name: 'Actions for Jordan Lee' }).click();
  const again = page.getByRole('menuitem', { name: 'Request access again' });
  await expect(again).toBeDisabled();
  await expect(again).toHaveAccessibleDescription(
    'The end user has not denied access, so there is nothing to ask again.',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Actions for Jordan Lee' })).toBeFocused();

  await endUser.getByRole('button', { name: 'Deny', exact: true }).click();
  await expect(endUser.getByText(/You denied access/)).toBeVisible();
  await expect(statusCell(jordan)).toHaveText('Waiting Denied', { timeout: 15_000 });
  await snapshot(page, testInfo, 'table-denied');

  // Keyboard only: the row, its menu (Shift+F10), the item by its first letter, Enter.
  await jordan.focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu', { name: 'Actions for Jordan Lee' })).toBeVisible();
  await expect(again).toBeEnabled();
  // "Resend invitation" comes first; the second R is "Request access again".
  await page.keyboard.press('r');
  await page.keyboard.press('r');
  await expect(again).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Access requested again' })).toBeVisible();
  await expect(statusCell(jordan)).toHaveText('Waiting', { timeout: 15_000 });

  // The end user's page, left open, asks again by itself.
  await expect(endUser.getByRole('button', { name: 'Allow access', exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(endUser.getByRole('button', { name: 'Deny', exact: true })).toBeVisible();

  expect(await notReloaded(page)).toBe(true);
  expect(problems).toEqual([]);
  await endUser.context().close();
});
