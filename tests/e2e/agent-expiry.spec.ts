/**
 * Scenario 5: a request with a short expiry. Its time left ticks down in the row; when the service's
 * clock passes the expiry, the request turns Expired without a reload: the details say so, it leaves
 * the open requests, and Past shows it Expired, with the sidebar's counts following.
 */
import { expect, snapshot, test } from './agent-fixtures';
import { createRequest, notReloaded, openWindow, row, signIn, statusCell } from './agent-pages';

/** A datetime-local value `ms` from now, in UTC (the page's time zone here). */
function localValue(ms: number): string {
  return new Date(Date.now() + ms).toISOString().slice(0, 19);
}

test('a short expiry: the time left ticks, then the request turns Expired live', async ({
  page,
  world,
}, testInfo) => {
  // A 25 s expiry to sit out, on top of signing in: room for a busy machine.
  test.setTimeout(90_000);
  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);
  await createRequest(page, { name: 'Jordan Lee', expiresAt: localValue(25_000) });

  const jordan = row(page, 'Jordan Lee');
  const expires = jordan.getByRole('gridcell').nth(7);
  await expect(expires).toHaveText(/^\d{1,2} s$/);
  const first = Number((await expires.textContent())!.replace(/\D/g, ''));
  await expect
    .poll(async () => Number((await expires.textContent())!.replace(/\D/g, '')))
    .toBeLessThan(first);
  await expect(expires).toHaveAccessibleName(/^Expires in \d{1,2} s$/);

  await jordan.getByRole('button', { name: 'Jordan Lee', exact: true }).click();
  const details = page.getByRole('complementary', { name: 'Jordan Lee' });
  await expect(details.getByText('Open', { exact: true })).toBeVisible();
  const views = page.getByRole('navigation', { name: 'Views' });
  await expect(views.getByRole('button', { name: /^Past/ })).toHaveText(/0$/);

  await expect(details.getByText('Expired', { exact: true })).toBeVisible({ timeout: 45_000 });
  await expect(details.getByRole('list').last()).toContainText('The request expired.');
  await expect(jordan).toHaveCount(0);
  await expect(views.getByRole('button', { name: /^All/ })).toHaveText(/0$/);
  await expect(views.getByRole('button', { name: /^Past/ })).toHaveText(/1$/);

  await page.keyboard.press('Escape');
  await views.getByRole('button', { name: /^Past/ }).click();
  await expect(views.getByRole('button', { name: /^Past/ })).toHaveAttribute('aria-current', 'page');
  await expect(statusCell(row(page, 'Jordan Lee'))).toHaveText('Expired');
  await expect(page.getByRole('toolbar', { name: 'Filter by status' }).getByRole('button')).toHaveText([
    'All statuses',
    'Closed',
    'Expired',
  ]);
  await snapshot(page, testInfo, 'past-expired');

  expect(await notReloaded(page)).toBe(true);
  expect(problems).toEqual([]);
});
