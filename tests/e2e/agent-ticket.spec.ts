/**
 * A request made for a ticket: the agent gives the ticket in the Create request dialog, turns the Ticket
 * column on, finds the request by the ticket's id, sees the ticket as a link in the details, and changes
 * it there (PATCH at the real service; the row follows).
 */
import { expect, test } from './agent-fixtures';
import { fillNewRequest, openWindow, row, signIn } from './agent-pages';

test('a ticket given on create: in its column, found by its id, a link in the details, changed there', async ({
  page,
  world,
}) => {
  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);

  const dialog = await fillNewRequest(page, { name: 'Ana Lopez', comments: 'VPN' });
  await dialog.getByText('Ticket (optional)').click();
  await dialog.getByLabel('Ticketing system').fill('Freshservice');
  await dialog.getByLabel('Ticket ID').fill('INC-1042');
  await dialog.getByLabel('Ticket address (optional)').fill('https://help.northwind.example/tickets/1042');
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const created = page.getByRole('dialog', { name: 'Request created' });
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toBeHidden();
  await fillNewRequest(page, { name: 'Priya Patel' }).then((d) =>
    d.getByRole('button', { name: 'Create request' }).click(),
  );
  await page.getByRole('dialog', { name: 'Request created' }).getByRole('button', { name: 'Done' }).click();

  // The Ticket column starts hidden; Columns… turns it on.
  const grid = page.getByRole('grid', { name: 'Session requests' });
  await expect(grid.getByRole('columnheader', { name: 'Ticket' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Columns…' }).click();
  const columns = page.getByRole('dialog', { name: 'Columns' });
  await columns.getByRole('checkbox', { name: 'Ticket' }).check();
  await columns.getByRole('button', { name: 'Done' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Ticket' })).toBeVisible();
  await expect(row(page, 'Ana Lopez')).toContainText('freshservice INC-1042');

  // Found by the ticket's id, and by the start of its number.
  const search = page.getByRole('searchbox', { name: 'Search requests' });
  await search.fill('INC-1042');
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(row(page, 'Ana Lopez')).toBeVisible();
  await search.fill('104');
  await expect(grid.getByRole('row')).toHaveCount(2);
  await search.fill('');
  await expect(grid.getByRole('row')).toHaveCount(3);

  // The details: the ticket is a link to its address, and can be changed.
  await row(page, 'Ana Lopez').getByRole('button', { name: 'Ana Lopez', exact: true }).click();
  const details = page.getByRole('complementary', { name: 'Ana Lopez' });
  const link = details.getByRole('button', { name: 'freshservice INC-1042' });
  await expect(link).toHaveAttribute('title', 'https://help.northwind.example/tickets/1042');
  await expect(details.getByRole('button', { name: 'Copy address' })).toBeVisible();
  await details.getByRole('button', { name: 'Change ticket' }).click();
  const form = details.getByRole('form', { name: 'The request’s ticket' });
  await form.getByLabel('Ticket ID').fill('INC-2000');
  await form.getByLabel('Ticket address (optional)').fill('not an address');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Enter an address that starts with http:// or https://')).toBeVisible();
  await form.getByLabel('Ticket address (optional)').fill('');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(details.getByText('freshservice INC-2000', { exact: true })).toBeVisible();
  // The timeline says so.
  await expect(details.getByText('Dana Whitfield linked it to ticket freshservice INC-2000')).toBeAttached();
  // Beside the details the table is narrower and leaves the ticket out; closed, the row shows it.
  await details.getByRole('button', { name: 'Close details' }).click();
  await expect(row(page, 'Ana Lopez')).toContainText('freshservice INC-2000');
  expect(problems).toEqual([]);
});
