/**
 * Scenario 1: a new agent signs in, creates a request with Send invitation email; the e-mail arrives at
 * the SMTP listener; the end user opens its link in another browser; the agent's row shows Waiting, then
 * Ready after Allow access — live, without a reload — and Connect becomes available.
 */
import { AGENT, expect, snapshot, test } from './agent-fixtures';
import {
  allowAccess,
  fillNewRequest,
  linkIn,
  notReloaded,
  openAsEndUser,
  openWindow,
  row,
  statusCell,
} from './agent-pages';

test('invitation by e-mail: Open → Waiting → Ready on the agent’s row, live', async ({
  page,
  browser,
  world,
}, testInfo) => {
  const { problems } = await openWindow(page, world.shell.url);

  // Sign in: the form, in the words of the product.
  await expect(page.getByRole('heading', { name: 'Sign in to Sessiondesk' })).toBeVisible();
  await page.getByLabel('E-mail').fill(AGENT.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'The e-mail address or the password is wrong. Check them and try again.',
  );
  await page.getByLabel('Password').fill(AGENT.password);
  await snapshot(page, testInfo, 'sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const grid = page.getByRole('grid', { name: 'Session requests' });
  await expect(grid).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
  await expect(
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Private/ }),
  ).toBeVisible();

  // Create request with the invitation.
  const dialog = await fillNewRequest(page, {
    name: 'Jordan Lee',
    email: 'jordan.lee@example.com',
    invite: true,
    comments: 'About ticket INC-4711: the stuck print queue.',
  });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await snapshot(page, testInfo, 'create-request-dialog');
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const created = page.getByRole('dialog', { name: 'Request created' });
  await expect(created).toBeVisible();
  await expect(created.getByText('An invitation is on its way to jordan.lee@example.com.')).toBeVisible();
  const shownLink = await created.getByRole('textbox', { name: 'Link' }).inputValue();
  await expect(created.getByRole('button', { name: 'Copy PIN' })).toBeEnabled();
  await created.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shownLink);
  await snapshot(page, testInfo, 'request-created');
  await created.getByRole('button', { name: 'Done' }).click();
  // Focus goes back to where it was.
  await expect(page.getByRole('button', { name: 'New request' })).toBeFocused();

  const jordan = row(page, 'Jordan Lee');
  await expect(statusCell(jordan)).toHaveText('Open');
  const connect = jordan.getByRole('button', { name: 'Connect to Jordan Lee' });
  await expect(connect).toBeDisabled();
  await expect(connect).toHaveAccessibleDescription(/allow|Ready/i);

  // The e-mail, as the SMTP server received it.
  const [mail] = await world.smtp.waitForMessages(1, 20_000);
  expect(mail!.to?.map((t) => t.address)).toEqual(['jordan.lee@example.com']);
  const link = linkIn(mail!.text ?? mail!.html ?? '');
  expect(link).toBe(shownLink);

  // The end user opens it: Waiting, live.
  const endUser = await openAsEndUser(browser, link);
  await expect(statusCell(jordan)).toHaveText('Waiting', { timeout: 15_000 });
  await expect(connect).toBeDisabled();

  // Allow access: Ready, and Connect is offered.
  await allowAccess(endUser);
  await expect(endUser.getByText(/Access allowed/)).toBeVisible();
  await expect(statusCell(jordan)).toHaveText('Ready', { timeout: 15_000 });
  await expect(connect).toBeEnabled();
  await expect(page.getByRole('status').filter({ hasText: 'Jordan Lee is ready' })).toBeVisible();
  await snapshot(page, testInfo, 'table-ready');

  // The details: every event with who did it.
  await jordan.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('complementary', { name: 'Jordan Lee' });
  await expect(details).toBeVisible();
  const timeline = details.getByRole('list').last();
  await expect(timeline).toContainText('Dana Whitfield created the request in Private.');
  await expect(timeline).toContainText('The end user opened the link.');
  await expect(timeline).toContainText('The end user allowed access.');
  await expect(timeline).toContainText('Email sent to jordan.lee@example.com.');
  await snapshot(page, testInfo, 'details');
  await details.getByLabel('Add a note').fill('Called Jordan; starting the session.');
  await details.getByRole('button', { name: 'Add note' }).click();
  const note = timeline.getByRole('listitem').filter({ hasText: 'Dana Whitfield added a note:' });
  await expect(note).toContainText('Called Jordan; starting the session.');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  expect(await notReloaded(page)).toBe(true);
  expect(problems).toEqual([]);
  await endUser.context().close();
});
