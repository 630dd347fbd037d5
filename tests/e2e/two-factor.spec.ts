/**
 * Two-factor sign-in through the browser shell, against the real service: an agent turns it on from the
 * account menu (the QR code and its key, a code of the key to confirm, the recovery codes shown once),
 * then signs in with a recovery code after a wrong code is refused in words; an admin resets an agent's
 * and requires it for everyone from Administration, and the agent's next sign-in sets it up (the codes
 * shown once signed in). Codes are made by otplib from the key the screen shows, as a phone would.
 */
import type { Page } from '@playwright/test';
import { generate } from 'otplib';
import type { Agent, Organisation, TwoFactorEnrolment } from '@shared/protocol/api';
import type { AuditEntry } from '@shared/protocol/integrations';
import { Api } from '../support/api-client';
import { ADMIN, AGENT, expect, login, test } from './agent-fixtures';
import { openWindow, signIn } from './agent-pages';

const WRONG_CODE =
  'The code is wrong or was already used. Type the current code of your authenticator app, or one of your recovery codes.';

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Sessiondesk' })).toBeVisible();
}

async function typePassword(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The key the set-up shows (grouped in fours), as the authenticator app takes it. */
async function shownKey(page: Page): Promise<string> {
  await expect(page.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
  return (await page.getByLabel('Or type this key into the app').inputValue()).replace(/\s/g, '');
}

/** The agent as the admin's API lists them. */
async function agentOf(admin: Api, email: string): Promise<Agent> {
  const { agents } = (await admin.get<{ agents: Agent[] }>('/agents')).body;
  return agents.find((agent) => agent.email === email)!;
}

test('an agent turns two-factor sign-in on, then signs in with a recovery code', async ({ page, world }) => {
  const { problems } = await openWindow(page, world.shell.url);
  await signIn(page);

  await page.getByRole('button', { name: /^Account/ }).click();
  await page.getByRole('menuitem', { name: 'Two-factor sign-in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Two-factor sign-in' });
  await expect(dialog).toContainText('Two-factor sign-in is off');
  await dialog.getByRole('button', { name: 'Turn on' }).click();
  const key = await shownKey(page);
  // Six digits the key does not give now (one time step either way is accepted too).
  await dialog.getByRole('textbox', { name: 'Code', exact: true }).fill('000000');
  await dialog.getByRole('button', { name: 'Turn on' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(WRONG_CODE);
  await dialog.getByRole('textbox', { name: 'Code', exact: true }).fill(await generate({ secret: key }));
  await dialog.getByRole('button', { name: 'Turn on' }).click();

  const codesDialog = page.getByRole('dialog', { name: 'Your recovery codes' });
  const listed = codesDialog.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem');
  await expect(listed).toHaveCount(10);
  const codes = await listed.allTextContents();
  for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await codesDialog.getByRole('button', { name: 'Done' }).click();
  const admin = await login(world.service.url, ADMIN);
  expect((await agentOf(admin, AGENT.email)).twoFactorEnabled).toBe(true);

  // The password alone no longer signs in: the code is asked next; a wrong one is refused in words.
  await signOut(page);
  await typePassword(page, AGENT);
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill('abcde-fghjk');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(WRONG_CODE);
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill(codes[0]!.toUpperCase());
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible();

  const audit = (await admin.get<{ entries: AuditEntry[] }>('/audit?type=two_factor.')).body.entries.map(
    (e) => e.type,
  );
  expect(audit.sort()).toEqual(['two_factor.enabled', 'two_factor.recovery_code_used']);
  expect(problems).toEqual([]);
});

test('an admin resets an agent’s two-factor sign-in and requires it: the next sign-in sets it up', async ({
  page,
  world,
}) => {
  // Dana has two-factor sign-in on (set up through the API, as the account menu does).
  const dana = await world.agentApi();
  const { secret } = (await dana.post<TwoFactorEnrolment>('/me/two-factor')).body;
  expect((await dana.post('/me/two-factor/confirm', { code: await generate({ secret }) })).status).toBe(200);

  // Signed in before two-factor sign-in is required (the admin has none).
  const admin = await login(world.service.url, ADMIN);
  const { problems } = await openWindow(page, world.shell.url);
  await typePassword(page, ADMIN);
  await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Administration' })
    .click();
  const main = page.getByRole('main', { name: 'Administration' });
  const row = main.getByRole('table', { name: 'Agents' }).getByRole('row', { name: new RegExp(AGENT.name) });
  await expect(row).toContainText('Two-factor');
  await row.getByRole('button', { name: `Reset two-factor for ${AGENT.name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: `Reset the two-factor sign-in of ${AGENT.name}?` });
  await confirm.getByRole('button', { name: 'Reset two-factor' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).not.toContainText('Two-factor');
  expect((await agentOf(admin, AGENT.email)).twoFactorEnabled).toBe(false);

  await main.getByRole('tab', { name: 'Organisation' }).click();
  await main.getByLabel('Require two-factor sign-in').check();
  await main.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(async () => (await admin.get<Organisation>('/organisation')).body.requireTwoFactor)
    .toBe(true);

  // Dana's next sign-in sets it up: the QR code and key, a code of it, then the recovery codes once.
  await signOut(page);
  await typePassword(page, AGENT);
  await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
  const key = await shownKey(page);
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill(await generate({ secret: key }));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible();
  const codes = page.getByRole('dialog', { name: 'Your recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  expect((await agentOf(admin, AGENT.email)).twoFactorEnabled).toBe(true);
  // The admin, who has none, is asked to set it up too.
  const adminSignIn = await new Api(world.service.url).post('/auth/login', ADMIN);
  expect(adminSignIn.body).toMatchObject({ secondFactor: { enrolment: { otpauthUri: expect.any(String) } } });
  expect(problems).toEqual([]);
});
