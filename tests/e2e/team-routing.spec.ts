/**
 * Requests moving between people (Splashtop's Service Desk): Transfer to an agent is refused to agents
 * without the channel's release permission — in the UI with the rule's reason, and by the service — and
 * allowed to Cara, who holds it; her note reaches Ben's notification and the timeline. Ben releases it
 * to the queue (In queue on every desk, a queue notification for the members) and Dana picks it up.
 * A request in Dana's Private channel never appears to the others, in the list, a search or the API.
 */
import type { SessionRequest } from '../../shared/domain/session-request';
import { chooseAction, row, statusCell } from './agent-pages';
import { CHANNEL, expect, test, told, type Desk } from './team-fixtures';

const NAME = 'Morgan Diaz';

async function create(desk: Desk, name: string, channel: string) {
  await desk.page.getByRole('button', { name: 'New request' }).click();
  const dialog = desk.page.getByRole('dialog', { name: 'New session request' });
  await dialog.getByLabel('Recipient name').fill(name);
  await dialog.getByLabel('Channel').selectOption({ label: channel });
  await dialog.getByRole('button', { name: 'Create request' }).click();
  const created = dialog.page().getByRole('dialog', { name: 'Request created' });
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(row(desk.page, name)).toBeVisible();
}

async function menuItem(desk: Desk, name: string, item: string) {
  await desk.page.getByRole('button', { name: `Actions for ${name}` }).click();
  return desk.page.getByRole('menu').getByRole('menuitem', { name: item });
}

test('transfer needs the release permission; release to the queue, pick up; Private stays private', async ({
  team,
}) => {
  test.setTimeout(180_000);
  const { dana, ben, cara } = team.desks;
  await create(dana, NAME, CHANNEL);
  const id = (await (await dana.api()).get<{ requests: SessionRequest[] }>(`/requests?q=Morgan`)).body
    .requests[0]!.id;

  // Ben is neither the assignee nor holds the release permission: Transfer is disabled with the reason.
  await expect(row(ben.page, NAME)).toBeVisible({ timeout: 15_000 });
  const bensTransfer = await menuItem(ben, NAME, 'Transfer…');
  await expect(bensTransfer).toHaveAttribute('aria-disabled', 'true');
  await expect(bensTransfer).toHaveAccessibleDescription(/release permission/);
  await ben.page.keyboard.press('Escape');
  // The service refuses it too, with the same rule.
  const refused = await (await ben.api()).post(`/requests/${id}/transfer`, { agentId: ben.agent.id });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('release_permission_required');

  // Dana, the assignee without the permission: agents are refused with the reason in the dialog.
  await chooseAction(dana.page, NAME, 'Transfer…');
  const danasDialog = dana.page.getByRole('dialog', { name: 'Transfer' });
  const toBen = danasDialog.getByRole('radio', { name: 'Ben Okafor' });
  await expect(toBen).toBeDisabled();
  await expect(toBen).toHaveAccessibleDescription(
    'Only agents with the release permission can transfer to another agent.',
  );
  await danasDialog.getByRole('button', { name: 'Cancel' }).click();

  // Cara holds it: she transfers to Ben with a note; Ben is told, with the note.
  await expect(row(cara.page, NAME)).toBeVisible();
  await chooseAction(cara.page, NAME, 'Transfer…');
  const carasDialog = cara.page.getByRole('dialog', { name: 'Transfer' });
  await carasDialog.getByRole('radio', { name: 'Ben Okafor' }).check();
  await carasDialog.getByLabel('Note (optional)').fill('Printer driver, second floor');
  await carasDialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(carasDialog).toBeHidden();
  await told(
    ben.page,
    'Cara Lindqvist transferred a request to youMorgan Diaz: “Printer driver, second floor”',
  );
  const bensRow = row(ben.page, NAME);
  await expect(bensRow.getByRole('gridcell').nth(3)).toHaveText('Ben Okafor');

  // Ben releases it: In queue everywhere, and the other members are told it waits.
  await chooseAction(ben.page, NAME, 'Release');
  for (const desk of [dana, ben, cara]) {
    await expect(statusCell(row(desk.page, NAME))).toContainText('In queue', { timeout: 15_000 });
  }
  await told(dana.page, `${NAME} is waiting in the queue`);

  // Dana picks it up.
  await chooseAction(dana.page, NAME, 'Pick up');
  await told(dana.page, 'Picked up: it is assigned to you.');
  for (const desk of [ben, cara]) {
    const theirs = row(desk.page, NAME);
    await expect(theirs.getByRole('gridcell').nth(3)).toHaveText('Dana Whitfield', { timeout: 15_000 });
    await expect(statusCell(theirs)).not.toContainText('In queue');
  }
  await dana.page.getByRole('button', { name: NAME, exact: true }).click();
  const timeline = dana.page.getByRole('complementary', { name: NAME });
  await expect(timeline).toContainText('Cara Lindqvist transferred it to Ben Okafor.');
  await expect(timeline).toContainText('Printer driver, second floor');
  await expect(timeline).toContainText('Ben Okafor released it to the queue.');
  await expect(timeline).toContainText('Dana Whitfield picked it up.');

  // A request in Dana's Private channel: hers alone.
  await create(dana, 'Priya Private', 'Private');
  const priya = (await (await dana.api()).get<{ requests: SessionRequest[] }>('/requests?q=Priya')).body
    .requests[0]!;
  for (const desk of [ben, cara]) {
    await desk.page.getByRole('searchbox', { name: 'Search requests' }).fill('Priya');
    await expect(desk.page.getByText('No session requests match “Priya”.')).toBeVisible();
    const api = await desk.api();
    expect((await api.get(`/requests/${priya.id}`)).status).toBe(404);
    expect((await api.get<{ requests: SessionRequest[] }>('/requests?q=Priya')).body.requests).toEqual([]);
  }
});
