/**
 * Three agents at three desks work one request together (GoToAssist's collaborative session): Dana
 * invites Ben, who sees it arrive live and connects once the end user allows access; Cara joins by the
 * session code Dana copied (after a mistyped code is refused); everyone on it sees who joins and
 * leaves; Dana leaves and the session passes to Ben; Cara joins again and Ben ends it for everyone.
 */
import type { SessionRequest } from '../../shared/domain/session-request';
import { expectStatus } from '../support/api-client';
import { snapshot } from './agent-fixtures';
import { allowAccess, chooseAction, openAsEndUser, row, statusCell } from './agent-pages';
import { CHANNEL, expect, test, toastCount, told, type Desk } from './team-fixtures';

const NAME = 'Jordan Lee';

async function details(desk: Desk) {
  const panel = desk.page.getByRole('complementary', { name: NAME });
  if (!(await panel.isVisible()))
    await row(desk.page, NAME).getByRole('button', { name: NAME, exact: true }).click();
  await expect(panel).toBeVisible();
  return panel;
}

async function joinByCode(desk: Desk, code: string) {
  await desk.page.getByRole('button', { name: 'Join session' }).click();
  const dialog = desk.page.getByRole('dialog', { name: 'Join session' });
  await dialog.getByLabel('Session code').fill(code);
  await dialog.getByRole('button', { name: 'Join' }).click();
  return dialog;
}

async function leave(desk: Desk, choice: 'Leave' | 'End session for everyone', says: RegExp) {
  await chooseAction(desk.page, NAME, 'Leave session…');
  const dialog = desk.page.getByRole('alertdialog', { name: 'Leave this session?' });
  await expect(dialog).toContainText(says);
  await dialog.getByRole('button', { name: choice, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('invite, connect after Ready, join by code, join and leave messages, Leave passes ownership, End session', async ({
  team,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const { dana, ben, cara } = team.desks;

  // Dana creates the request in the shared channel, assigned to herself.
  await dana.page.getByRole('button', { name: 'New request' }).click();
  const create = dana.page.getByRole('dialog', { name: 'New session request' });
  await create.getByLabel('Recipient name').fill(NAME);
  await create.getByLabel('Channel').selectOption({ label: CHANNEL });
  await create.getByRole('button', { name: 'Create request' }).click();
  const created = dana.page.getByRole('dialog', { name: 'Request created' });
  const link = await created.getByRole('textbox', { name: 'Link' }).inputValue();
  await created.getByRole('button', { name: 'Done' }).click();

  // Invite technicians: Ben. The dialog also gives the join URL to copy.
  await chooseAction(dana.page, NAME, 'Invite technicians…');
  const invite = dana.page.getByRole('dialog', { name: 'Invite technicians' });
  await expect(invite).toContainText('2 more agents fit');
  await invite.getByRole('checkbox', { name: 'Ben Okafor' }).check();
  await invite.getByRole('button', { name: 'Copy join URL' }).click();
  const joinUrl = await dana.page.evaluate(() => navigator.clipboard.readText());
  expect(joinUrl).toMatch(/^sessiondesk:\/\/join\/\d{8}$/);
  const code = joinUrl.slice(-8);
  await snapshot(dana.page, testInfo, 'team-invite');
  await invite.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(invite).toBeHidden();

  // Ben is told, and the request is in his list live, Connect waiting for Ready.
  await told(ben.page, 'You are invited to a session');
  const bensRow = row(ben.page, NAME);
  await expect(bensRow).toBeVisible();
  const bensConnect = bensRow.getByRole('button', { name: `Connect to ${NAME}` });
  await expect(bensConnect).toHaveAttribute('aria-disabled', 'true');

  // The end user allows access: Ben connects (his recorder program is launched with the ID).
  const endUser = await openAsEndUser(browser, link);
  await allowAccess(endUser, '123 456 789');
  await expect(statusCell(bensRow)).toHaveText('Ready', { timeout: 15_000 });
  await bensConnect.click();
  await expect(statusCell(bensRow)).toHaveText('Connected', { timeout: 15_000 });
  await expect.poll(() => ben.recorder.runs()).toEqual([['--connect', '123456789']]);

  // Cara mistypes the code, then joins with the one Dana copied.
  const wrong = await joinByCode(cara, '00000000');
  await expect(wrong).toContainText('No live session has this code');
  await wrong.getByLabel('Session code').fill(code);
  await wrong.getByRole('button', { name: 'Join' }).click();
  await expect(wrong).toBeHidden();
  await told(cara.page, 'You joined the session.');
  for (const other of [dana, ben]) await told(other.page, 'Cara Lindqvist joined the session');
  const danasDetails = await details(dana);
  const participants = danasDetails.getByRole('list', { name: 'Participants' });
  await expect(participants).toContainText('Dana Whitfield — owner');
  await expect(participants.getByRole('listitem').filter({ hasText: 'Ben Okafor' })).toContainText(
    'Connected now',
  );
  await expect(participants).toContainText('Cara Lindqvist — joined');
  await expect(danasDetails).toContainText('Cara Lindqvist joined the session.');
  await snapshot(dana.page, testInfo, 'team-participants');

  // Cara leaves: the others see it, and the timeline records it.
  await leave(cara, 'Leave', /goes on for the other technicians/);
  for (const other of [dana, ben]) await told(other.page, 'Cara Lindqvist left the session');
  await expect(danasDetails).toContainText('Cara Lindqvist left the session.');

  // Dana, the owner, leaves: Ben takes it over.
  await leave(dana, 'Leave', /Ben Okafor takes it over/);
  await told(ben.page, `You now own the session with ${NAME}`);
  const bensDetails = await details(ben);
  await expect(bensDetails.getByRole('list', { name: 'Participants' })).toContainText('Ben Okafor — owner');
  await expect(bensDetails).toContainText('Ben Okafor now owns the session.');

  // Cara joins again; Ben ends the session for everyone, and Cara is told.
  const bensToasts = await toastCount(ben.page);
  await joinByCode(cara, code);
  await told(ben.page, 'Cara Lindqvist joined the session', bensToasts);
  await leave(ben, 'End session for everyone', /end it for everyone/);
  await told(cara.page, 'Ben Okafor ended the session');
  const carasDetails = await details(cara);
  await expect(carasDetails.getByText('Closed', { exact: true })).toBeVisible();

  // The service agrees: closed, and the code no longer joins.
  const api = await cara.api();
  const request = (
    await api.get<{ requests: SessionRequest[] }>('/requests?status=closed')
  ).body.requests.find((r) => r.recipientName === NAME);
  expect(request?.status).toBe('closed');
  expect((await api.post('/join', { sessionCode: code })).status).toBe(404);
  expectStatus(await api.get(`/requests/${request!.id}`), 200);
});
