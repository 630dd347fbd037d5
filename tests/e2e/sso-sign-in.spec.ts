/**
 * Single sign-on in the browser shell, end to end (issue 18): a real OpenID provider (oidc-provider,
 * tests/support/oidc-provider.ts) in this process, the real service as a child process set up for it,
 * the browser shell and Chromium. The service's address is set by policy, so first launch is one click:
 * the organisation's button, the provider's login page in the same tab, and back in the shell signed in —
 * the agent created at this first sign-in with the roles and channel their group maps to.
 */
import type { Agent, Channel } from '@shared/protocol/api';
import { ADMIN, expect, login, snapshot } from './agent-fixtures';
import { sso } from './sso-fixtures';
import { openWindow } from './agent-pages';

sso.use({ policy: 'locked' });

sso(
  'first launch: one click, the provider’s page, back signed in as a new agent with the mapped roles',
  async ({ page, world, idp }, testInfo) => {
    idp.configure(`${world.service.url}/api/v1/auth/sso/callback`);
    idp.accounts.set('ana', { email: 'ana.lima@contoso.com', name: 'Ana Lima', groups: ['helpdesk'] });
    const admin = await login(world.service.url, ADMIN);
    const channel = await admin.post<Channel>('/channels', {
      name: 'Helpdesk',
      defaultExpiryMinutes: 60,
      participantLimit: 3,
    });
    expect(channel.status).toBe(201);
    const mapped = await admin.put('/organisation/sso-mappings', {
      mappings: [
        {
          group: 'helpdesk',
          roles: ['support_agent'],
          channels: [{ channelId: channel.body.id, canRelease: true }],
        },
      ],
    });
    expect(mapped.status).toBe(200);
    expect((await admin.patch('/organisation/sso-policy', { justInTime: true })).status).toBe(200);

    const { problems } = await openWindow(page, world.shell.url);
    const shellOrigin = new URL(world.shell.url).origin;
    await page.getByRole('button', { name: 'Sign in with Contoso' }).click();
    // The provider's own page, in this tab (the shell never sees the account's credentials).
    await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
    await page.getByLabel('Account').fill('ana');
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible({ timeout: 20_000 });
    expect(new URL(page.url()).origin).toBe(shellOrigin);
    await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
    await snapshot(page, testInfo, 'sso-signed-in');

    const agents = await admin.get<{ agents: Agent[] } | Agent[]>('/agents');
    const list = Array.isArray(agents.body) ? agents.body : agents.body.agents;
    expect(list.find((agent) => agent.email === 'ana.lima@contoso.com')).toMatchObject({
      name: 'Ana Lima',
      roles: ['support_agent'],
    });
    expect(problems).toEqual([]);
  },
);

sso('a refusal comes back to the sign-in screen, worded', async ({ page, world, idp }) => {
  idp.configure(`${world.service.url}/api/v1/auth/sso/callback`);
  idp.accounts.set('mallory', { email: 'mallory@example.org', groups: ['helpdesk'] });
  await openWindow(page, world.shell.url);
  await page.getByRole('button', { name: 'Sign in with Contoso' }).click();
  await page.getByLabel('Account').fill('mallory');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('alert').filter({
      hasText: 'Accounts of your e-mail domain may not sign in to Sessiondesk with single sign-on',
    }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with Contoso' })).toBeVisible();
});

sso(
  'SSO only: a break-glass admin signs in by password behind a link, and maps a group to roles and a channel in Administration → Single sign-on',
  async ({ page, world, idp }) => {
    idp.configure(`${world.service.url}/api/v1/auth/sso/callback`);
    const admin = await login(world.service.url, ADMIN);
    const channel = await admin.post<Channel>('/channels', {
      name: 'Helpdesk',
      defaultExpiryMinutes: 60,
      participantLimit: 3,
    });
    expect(channel.status).toBe(201);
    expect((await admin.patch('/organisation/sso-policy', { ssoOnly: true })).status).toBe(200);

    await openWindow(page, world.shell.url);
    // SSO only: the organisation's button alone; the password form, for break-glass admins, behind a link.
    await expect(page.getByRole('button', { name: 'Sign in with Contoso' })).toBeVisible();
    await expect(page.getByLabel('E-mail')).toBeHidden();
    await page.getByRole('button', { name: 'Sign in with e-mail and password' }).click();
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Administration' })
      .click();
    const main = page.getByRole('main', { name: 'Administration' });
    await main.getByRole('tab', { name: 'Single sign-on' }).click();

    // The tab shows the policy set above; a box ticked shows it at once, before the service has answered.
    await expect(main.getByLabel('Single sign-on only')).toBeChecked();
    await main.getByLabel('Create agents at their first sign-in').check();
    await expect(main.getByLabel('Create agents at their first sign-in')).toBeChecked();
    await main.getByRole('button', { name: 'Add a group' }).click();
    const row = main.getByRole('region', { name: 'Group …' });
    await row.getByLabel('Group name or ID').fill('it-admins');
    const mapping = main.getByRole('region', { name: 'Group it-admins' });
    await mapping.getByLabel('Administrator').check();
    await mapping.getByLabel('Channel Helpdesk').selectOption({ label: 'Member, may release' });
    await main.getByRole('button', { name: 'Save groups' }).click();

    // The box ticked above said "saved" too: what was saved is read from the service until it is there.
    await expect
      .poll(
        async () => (await admin.get<{ mappings: unknown[] }>('/organisation/sso-mappings')).body.mappings,
      )
      .toEqual([
        {
          group: 'it-admins',
          roles: ['admin', 'support_agent'],
          channels: [{ channelId: channel.body.id, canRelease: true }],
        },
      ]);
    await expect(main.getByRole('button', { name: 'Save groups' })).toBeEnabled();
    expect((await admin.get('/organisation/sso-policy')).body).toMatchObject({
      justInTime: true,
      ssoOnly: true,
    });
  },
);
