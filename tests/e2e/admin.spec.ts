/**
 * The admin screens, end to end: the admin of the fixtures signs the browser shell in, opens
 * Administration from the sidebar, adds an agent with an initial password (who then signs in through the
 * API), disables them (sign-in refused) and enables them again; creates a channel, renames it, sets its
 * participant limit (0 is refused beside the field), adds the new agent with the release permission and
 * removes another member after asking — each checked against the service's own answer (GET /channels).
 * Then back to the requests, and offline: the screen says why nothing can be changed.
 */
import type { Locator, Page } from '@playwright/test';
import { Api } from '../support/api-client';
import { ADMIN, AGENT, expect, snapshot, test } from './agent-fixtures';
import { openWindow } from './agent-pages';

const NEW_AGENT = {
  name: 'Riley Chen',
  email: 'riley.chen@northwind.example',
  password: 'riley first password',
} as const;

async function signInAsAdmin(page: Page): Promise<void> {
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
}

/** The window signed in as the admin, on the Administration screen: its main area. */
async function openAdministration(page: Page, shellUrl: string): Promise<Locator> {
  await openWindow(page, shellUrl);
  await signInAsAdmin(page);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Administration' })
    .click();
  return page.getByRole('main', { name: 'Administration' });
}

/** POST /auth/login's status for the account. */
async function signInStatus(url: string, who: { email: string; password: string }): Promise<number> {
  const response = await new Api(url).post('/auth/login', { email: who.email, password: who.password });
  return response.status;
}

async function adminApi(url: string): Promise<Api> {
  const api = new Api(url);
  const response = await api.post<{ accessToken: string }>('/auth/login', ADMIN);
  expect(response.status).toBe(200);
  return api.as(response.body.accessToken);
}

test('admin: agents and channels, checked against the service', async ({ page, world }, testInfo) => {
  const { problems } = await openWindow(page, world.shell.url);
  await signInAsAdmin(page);
  const url = world.service.url;
  const nav = page.getByRole('navigation', { name: 'Views' });

  // Administration, from the sidebar: it replaces the requests table; header and sidebar stay.
  const adminEntry = nav.getByRole('button', { name: 'Administration' });
  await adminEntry.click();
  await expect(adminEntry).toHaveAttribute('aria-current', 'page');
  const main = page.getByRole('main', { name: 'Administration' });
  await expect(main).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Session requests' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New request' })).toBeVisible();
  const agentsTab = main.getByRole('tab', { name: 'Agents' });
  const channelsTab = main.getByRole('tab', { name: 'Channels' });
  await expect(agentsTab).toHaveAttribute('aria-selected', 'true');

  // The agents: the admin (you) and the fixtures' agent. An admin cannot disable themselves.
  const agents = main.getByRole('table', { name: 'Agents' });
  await expect(agents.getByRole('row', { name: /Administrator/ })).toContainText(
    'Administrator and Support agent',
  );
  const dana = agents.getByRole('row', { name: new RegExp(AGENT.name) });
  await expect(dana).toContainText(AGENT.email);
  await expect(dana).toContainText('Active');
  const disableSelf = agents.getByRole('button', { name: 'Disable Administrator' });
  await expect(disableSelf).toHaveAttribute('aria-disabled', 'true');
  await expect(disableSelf).toHaveAccessibleDescription(/cannot disable your own account/);
  await snapshot(page, testInfo, 'admin-agents');

  // Add agent, with an initial password; a short one is refused beside the field first.
  await main.getByRole('button', { name: 'Add agent' }).click();
  const add = page.getByRole('dialog', { name: 'Add agent' });
  await expect(add).toHaveAttribute('aria-modal', 'true');
  await expect(add.getByRole('textbox', { name: 'E-mail' })).toBeFocused();
  await add.getByRole('textbox', { name: 'E-mail' }).fill(NEW_AGENT.email);
  await add.getByLabel('Name').fill(NEW_AGENT.name);
  await expect(add.getByRole('checkbox', { name: 'Support agent' })).toBeChecked();
  await expect(add.getByRole('checkbox', { name: 'Administrator' })).not.toBeChecked();
  await expect(add.getByRole('radio', { name: 'Set an initial password' })).toBeChecked();
  await add.getByLabel('Initial password', { exact: true }).fill('short');
  await add.getByRole('button', { name: 'Add agent' }).click();
  await expect(add.getByLabel('Initial password', { exact: true })).toHaveAccessibleDescription(
    /Too short: at least 10 characters\./,
  );
  await expect(add.getByLabel('Initial password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  // The link option hides the password box and says where the link goes.
  await add.getByRole('radio', { name: 'Send a set-password link by e-mail' }).check();
  await expect(add.getByLabel('Initial password', { exact: true })).toHaveCount(0);
  await expect(add.getByText(`${NEW_AGENT.email} gets an e-mail with a link`)).toBeVisible();
  await snapshot(page, testInfo, 'admin-add-agent-link');
  await add.getByRole('radio', { name: 'Set an initial password' }).check();
  await add.getByLabel('Initial password', { exact: true }).fill(NEW_AGENT.password);
  await add.getByRole('button', { name: 'Add agent' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${NEW_AGENT.name} was added.` })).toBeVisible();
  // Focus goes back to the button that opened the dialog.
  await expect(main.getByRole('button', { name: 'Add agent' })).toBeFocused();
  const riley = agents.getByRole('row', { name: new RegExp(NEW_AGENT.name) });
  await expect(riley).toContainText(NEW_AGENT.email);
  await expect(riley).toContainText('Support agent');

  // The same e-mail again is refused by the service, beside the e-mail.
  await main.getByRole('button', { name: 'Add agent' }).click();
  await add.getByRole('textbox', { name: 'E-mail' }).fill(NEW_AGENT.email);
  await add.getByLabel('Name').fill('Someone Else');
  await add.getByLabel('Initial password', { exact: true }).fill('another long password');
  await add.getByRole('button', { name: 'Add agent' }).click();
  await expect(add.getByRole('textbox', { name: 'E-mail' })).toHaveAccessibleDescription(/already exists/);
  // Esc closes it, and focus goes back to Add agent.
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();
  await expect(main.getByRole('button', { name: 'Add agent' })).toBeFocused();

  // The new agent signs in with that password.
  expect(await signInStatus(url, NEW_AGENT)).toBe(200);

  // Disable asks first; then the row says Disabled and the sign-in is refused.
  await riley.getByRole('button', { name: `Disable ${NEW_AGENT.name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Disable ${NEW_AGENT.name}?` });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Disable agent' }).click();
  await expect(confirm).toBeHidden();
  await expect(riley).toContainText('Disabled');
  expect([401, 403]).toContain(await signInStatus(url, NEW_AGENT));
  // Enable needs no confirmation; the sign-in works again.
  await riley.getByRole('button', { name: `Enable ${NEW_AGENT.name}` }).click();
  await expect(riley).toContainText('Active');
  expect(await signInStatus(url, NEW_AGENT)).toBe(200);

  // Reset password: a new one; the old one no longer signs in.
  await riley.getByRole('button', { name: `Reset password for ${NEW_AGENT.name}` }).click();
  const reset = page.getByRole('dialog', { name: `Reset the password of ${NEW_AGENT.name}` });
  await expect(reset).toHaveAccessibleDescription(/signed out everywhere/);
  await reset.getByLabel('New password', { exact: true }).fill('riley second password');
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(reset).toBeHidden();
  expect(await signInStatus(url, NEW_AGENT)).toBe(401);
  expect(await signInStatus(url, { ...NEW_AGENT, password: 'riley second password' })).toBe(200);

  // Rename and give the admin role.
  await riley.getByRole('button', { name: `Edit ${NEW_AGENT.name}` }).click();
  const editRiley = page.getByRole('dialog', { name: `Edit ${NEW_AGENT.name}` });
  await editRiley.getByLabel('Name').fill('Riley Chen-Park');
  await editRiley.getByRole('checkbox', { name: 'Administrator' }).check();
  await editRiley.getByRole('button', { name: 'Save' }).click();
  await expect(editRiley).toBeHidden();
  const rileyRenamed = agents.getByRole('row', { name: /Riley Chen-Park/ });
  await expect(rileyRenamed).toContainText('Administrator and Support agent');
  await rileyRenamed.getByRole('button', { name: 'Edit Riley Chen-Park' }).click();
  const editBack = page.getByRole('dialog', { name: 'Edit Riley Chen-Park' });
  await editBack.getByLabel('Name').fill(NEW_AGENT.name);
  await editBack.getByRole('checkbox', { name: 'Administrator' }).uncheck();
  await editBack.getByRole('button', { name: 'Save' }).click();
  await expect(editBack).toBeHidden();
  await expect(riley).not.toContainText('Administrator');

  // Edit: the admin cannot take their own admin role away (disabled, with the reason).
  await agents.getByRole('button', { name: 'Edit Administrator' }).click();
  const editSelf = page.getByRole('dialog', { name: 'Edit Administrator' });
  const ownAdmin = editSelf.getByRole('checkbox', { name: 'Administrator' });
  await expect(ownAdmin).toBeChecked();
  await expect(ownAdmin).toBeDisabled();
  await expect(ownAdmin).toHaveAccessibleDescription(/cannot remove your own administrator role/);
  await editSelf.getByRole('button', { name: 'Cancel' }).click();

  // Channels: the arrow keys move between the tabs.
  await agentsTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(channelsTab).toBeFocused();
  await expect(channelsTab).toHaveAttribute('aria-selected', 'true');
  const channels = main
    .getByRole('tabpanel', { name: 'Channels' })
    .getByRole('table', { name: 'Shared channels' });
  await expect(channels.getByRole('row', { name: /Support/ })).toContainText('1 day');

  // New channel: a participant limit of 0 is refused beside the field, before anything is sent.
  await main.getByRole('button', { name: 'New channel' }).click();
  const create = page.getByRole('dialog', { name: 'New channel' });
  await create.getByLabel('Channel name').fill('Field service');
  await create.getByLabel('Default expiry').fill('4');
  await create.getByLabel('Expiry unit').selectOption('hours');
  await create.getByLabel('Participant limit').fill('0');
  await create.getByRole('button', { name: 'Create channel' }).click();
  const limit = create.getByLabel('Participant limit');
  await expect(limit).toHaveAttribute('aria-invalid', 'true');
  await expect(limit).toHaveAccessibleDescription(/Too small: at least 1\./);
  await expect(create.getByText('Too small: at least 1.')).toBeVisible();
  await snapshot(page, testInfo, 'admin-channel-invalid');
  await limit.fill('5');
  await expect(limit).not.toHaveAttribute('aria-invalid', 'true');
  await create.getByRole('button', { name: 'Create channel' }).click();
  await expect(create).toBeHidden();
  const field = channels.getByRole('row', { name: /Field service/ });
  await expect(field).toContainText('4 hours');
  await expect(field).toContainText('5 agents');

  // Rename it and change the participant limit.
  await field.getByRole('button', { name: 'Edit the channel Field service' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit the channel Field service' });
  await expect(edit.getByLabel('Default expiry')).toHaveValue('4');
  await expect(edit.getByLabel('Expiry unit')).toHaveValue('hours');
  await edit.getByLabel('Channel name').fill('Field support');
  await edit.getByLabel('Participant limit').fill('4');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  const renamed = channels.getByRole('row', { name: /Field support/ });
  await expect(renamed).toContainText('4 agents');

  // Members: the new agent with the release permission, and the fixtures' agent without.
  await renamed.getByRole('button', { name: 'Members of Field support' }).click();
  const members = page.getByRole('dialog', { name: 'Members of Field support' });
  await expect(members.getByText('Nobody is a member of this channel yet.')).toBeVisible();
  await members.getByRole('button', { name: 'Add member' }).click();
  await expect(members.getByLabel('Agent', { exact: true })).toHaveAccessibleDescription(
    'Choose the agent to add.',
  );
  await members
    .getByLabel('Agent', { exact: true })
    .selectOption({ label: `${NEW_AGENT.name} (${NEW_AGENT.email})` });
  await members.getByRole('checkbox', { name: 'With the release permission' }).check();
  await members.getByRole('button', { name: 'Add member' }).click();
  const list = members.getByRole('list', { name: 'Members' });
  await expect(
    list.getByRole('checkbox', { name: `Release permission for ${NEW_AGENT.name}` }),
  ).toBeChecked();
  await members
    .getByLabel('Agent', { exact: true })
    .selectOption({ label: `${AGENT.name} (${AGENT.email})` });
  await members.getByRole('button', { name: 'Add member' }).click();
  await expect(
    list.getByRole('checkbox', { name: `Release permission for ${AGENT.name}` }),
  ).not.toBeChecked();
  await snapshot(page, testInfo, 'admin-members');
  // Keys typed in an admin dialog stay there: N does not open New request behind it.
  await members.getByRole('button', { name: 'Add member' }).focus();
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New session request' })).toHaveCount(0);

  const api = await adminApi(url);
  const rileyId = (await api.get('/agents')).body.agents.find(
    (a: { email: string }) => a.email === NEW_AGENT.email,
  ).id;
  const danaId = (await api.get('/agents')).body.agents.find(
    (a: { email: string }) => a.email === AGENT.email,
  ).id;
  const fieldSupport = async () =>
    (await api.get('/channels')).body.channels.find((c: { name: string }) => c.name === 'Field support');
  expect(await fieldSupport()).toMatchObject({
    kind: 'shared',
    defaultExpiryMinutes: 240,
    participantLimit: 4,
  });
  expect((await fieldSupport()).members).toEqual(
    expect.arrayContaining([
      { agentId: rileyId, canRelease: true },
      { agentId: danaId, canRelease: false },
    ]),
  );

  // Removing a member asks first; focus then goes to Add a member.
  await list.getByRole('button', { name: `Remove ${AGENT.name} from the channel` }).click();
  const remove = page.getByRole('alertdialog', { name: `Remove ${AGENT.name} from the channel?` });
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await remove.getByRole('button', { name: 'Remove member' }).click();
  await expect(remove).toBeHidden();
  await expect(list.getByRole('checkbox', { name: `Release permission for ${AGENT.name}` })).toHaveCount(0);
  await expect(members.getByLabel('Agent', { exact: true })).toBeFocused();
  expect((await fieldSupport()).members).toEqual([{ agentId: rileyId, canRelease: true }]);
  await members.getByRole('button', { name: 'Close' }).last().click();
  await expect(members).toBeHidden();
  await expect(renamed).toContainText('1 member');

  // A view in the sidebar goes back to the requests.
  await nav.getByRole('button', { name: /^All/ }).click();
  await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible();
  await expect(adminEntry).not.toHaveAttribute('aria-current', 'page');

  expect(problems).toEqual([]);

  // Offline: the screen says why nothing can be changed, and its buttons say so too.
  await adminEntry.click();
  await world.service.stop();
  await expect(
    main.getByRole('status').filter({ hasText: 'cannot be changed while Sessiondesk is not connected' }),
  ).toBeVisible({
    timeout: 20_000,
  });
  const addOffline = main.getByRole('button', { name: 'Add agent' });
  await expect(addOffline).toHaveAttribute('aria-disabled', 'true');
  await expect(addOffline).toHaveAccessibleDescription('Needs the connection to the service.');
  await snapshot(page, testInfo, 'admin-offline');
});

test('admin: a new agent gets a set-password link by e-mail', async ({ page, world }) => {
  const main = await openAdministration(page, world.shell.url);
  await main.getByRole('button', { name: 'Add agent' }).click();
  const add = page.getByRole('dialog', { name: 'Add agent' });
  await add.getByRole('textbox', { name: 'E-mail' }).fill('sky.morgan@northwind.example');
  await add.getByLabel('Name').fill('Sky Morgan');
  await add.getByRole('radio', { name: 'Send a set-password link by e-mail' }).check();
  await add.getByRole('button', { name: 'Add agent' }).click();
  await expect(add).toBeHidden();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'A set-password link is on its way to sky.morgan@northwind.example' }),
  ).toBeVisible();
  await expect(
    main.getByRole('table', { name: 'Agents' }).getByRole('row', { name: /Sky Morgan/ }),
  ).toBeVisible();
  const mails = await world.smtp.waitForMessages(1, 20_000);
  expect(mails.some((mail) => mail.to?.some((to) => to.address === 'sky.morgan@northwind.example'))).toBe(
    true,
  );
});

test('admin: the organisation’s name and instructions reach the end user’s page at once', async ({
  page,
  browser,
  world,
}) => {
  const main = await openAdministration(page, world.shell.url);
  await main.getByRole('tab', { name: 'Organisation' }).click();
  const name = main.getByLabel('Organisation name');
  await expect(name).toHaveValue('Northwind IT');

  // A refusal beside its field, then a good save.
  await main.getByLabel('Download page').fill('ftp://files.example');
  await main.getByRole('button', { name: 'Save' }).click();
  await expect(main.getByText(/http:\/\/ or https:\/\//)).toBeVisible();
  await main.getByLabel('Download page').fill('https://rustdesk.com/download');
  await name.fill('Northwind IT Service Desk');
  await main
    .getByLabel('Instructions for end users')
    .fill('Install RustDesk from the Company Portal.\nThen call us on <b>4400</b>.');
  await main.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The organisation’s settings are saved' }),
  ).toBeVisible();

  // The service has it, and the join page shows it (as text, on its lines).
  const api = await adminApi(world.service.url);
  const organisation = await api.get<{ name: string; remoteAppInstructions: string }>('/organisation');
  expect(organisation.body).toMatchObject({
    name: 'Northwind IT Service Desk',
    remoteAppInstructions: 'Install RustDesk from the Company Portal.\nThen call us on <b>4400</b>.',
  });
  const agent = await world.agentApi();
  const created = await agent.post<{ link: string }>('/requests', { recipientName: 'Quinn Park' });
  expect(created.status).toBe(201);
  const endUser = await (await browser.newContext()).newPage();
  await endUser.goto(created.body.link);
  await expect(endUser.getByRole('heading', { level: 1 })).toContainText('Northwind IT Service Desk');
  const instructions = endUser.locator('.instructions');
  await expect(instructions).toHaveText(
    'Install RustDesk from the Company Portal.Then call us on <b>4400</b>.',
  );
  await expect(instructions.locator('br')).toHaveCount(1);
  await expect(instructions.locator('b')).toHaveCount(0);
  await endUser.context().close();
});

test('admin: how long an end user’s permission lasts after a session, checked before it is sent', async ({
  page,
  browser,
  world,
}) => {
  const main = await openAdministration(page, world.shell.url);
  await main.getByRole('tab', { name: 'Organisation' }).click();
  const grace = main.getByLabel('Permission after a session (minutes)');
  await expect(grace).toHaveValue('10');

  await grace.fill('1441');
  await main.getByRole('button', { name: 'Save' }).click();
  await expect(main.getByText('At most 1 day.')).toBeVisible();
  await grace.fill('0');
  await main.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'The organisation’s settings are saved' }),
  ).toBeVisible();

  const api = await adminApi(world.service.url);
  expect((await api.get<{ consentGraceMinutes: number }>('/organisation')).body.consentGraceMinutes).toBe(0);
  // The end user is told: the permission ends with the session.
  const agent = await world.agentApi();
  const created = await agent.post<{ link: string }>('/requests', { recipientName: 'Quinn Park' });
  const endUser = await (await browser.newContext()).newPage();
  await endUser.goto(created.body.link);
  await endUser.getByRole('textbox', { name: 'The ID shown by RustDesk' }).fill('123456789');
  await endUser.getByRole('button', { name: 'Allow access', exact: true }).click();
  await expect(
    endUser.getByText('Your permission is for one session: it ends when the session ends.'),
  ).toBeVisible();
  await endUser.context().close();
});
