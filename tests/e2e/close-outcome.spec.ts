/**
 * Close asks how the request ended (issue 19), in the agent's window (the browser shell against the real
 * service): with the organisation requiring an outcome and a wrap-up note, the dialog marks both required,
 * has the focus on the first outcome, refuses Enter without them beside each field, cancels with Escape,
 * and closes with Enter once they are given; the service keeps them in the closed event.
 */
import { ADMIN, expect, login, test } from './agent-fixtures';
import { chooseAction, createRequest, openWindow, row, signIn } from './agent-pages';

test('Close asks for the outcome and the wrap-up note when the organisation requires them', async ({
  page,
  world,
}) => {
  const admin = await login(world.service.url, ADMIN);
  expect((await admin.patch('/organisation', { requireCloseOutcome: true })).status).toBe(200);
  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);
  await createRequest(page, { name: 'Jordan Lee' });
  const jordan = row(page, 'Jordan Lee');

  // Escape cancels: nothing is closed.
  await chooseAction(page, 'Jordan Lee', 'Close');
  const dialog = page.getByRole('alertdialog', { name: 'Close this request?' });
  const outcome = dialog.getByRole('group', { name: 'Outcome (required)' });
  await expect(outcome).toBeVisible();
  await expect(outcome.getByRole('radio', { name: 'Resolved', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(jordan).toHaveCount(1);

  await chooseAction(page, 'Jordan Lee', 'Close');
  await expect(outcome).toBeVisible();
  const note = dialog.getByRole('textbox', { name: 'Wrap-up note (required)' });
  await expect(note).toBeVisible();
  // Enter on the first outcome, nothing chosen: each field says what is missing, the dialog stays.
  await expect(outcome.getByRole('radio', { name: 'Resolved', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(outcome.getByRole('alert')).toHaveText('Fill in this field.');
  await expect(outcome).toHaveAttribute('aria-invalid', 'true');
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await expect(note).toHaveAccessibleDescription(/Fill in this field\./);
  await expect(jordan).toHaveCount(1);

  // Chosen and written: Enter in the note closes the request.
  await outcome.getByRole('radio', { name: 'Follow-up needed' }).check();
  await note.fill('Printer queue cleared; call back Monday.');
  await note.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(jordan).toHaveCount(0, { timeout: 15_000 });

  const agent = await world.agentApi();
  const list = await agent.get<{ requests: { id: string; recipientName: string }[] }>(
    '/requests?status=closed',
  );
  const closed = list.body.requests.find((r) => r.recipientName === 'Jordan Lee')!;
  const events = (
    await agent.get<{ events: { type: string; data: unknown }[] }>(`/requests/${closed.id}/events`)
  ).body.events;
  expect(events.filter((e) => e.type === 'closed').map((e) => e.data)).toEqual([
    { outcome: 'follow_up', wrapUp: 'Printer queue cleared; call back Monday.' },
  ]);
  expect(problems).toEqual([]);
});
