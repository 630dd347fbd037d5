/**
 * Single sign-on in the web console (issue 20): a real OpenID provider (oidc-provider) in this process and
 * the real service set up for it. The console's page must stay (its core lives in a Worker of it), so the
 * provider opens in a window of its own, which comes back to /console/sso-return/… and hands the address to
 * the console page over a same-origin channel; the console is then signed in.
 */
import { ADMIN, expect, login } from './agent-fixtures';
import { openWindow } from './agent-pages';
import { sso } from './sso-fixtures';

sso.use({ clientHost: 'web-console' });

sso(
  'single sign-on in a window of its own; the console page stays and is signed in',
  async ({ page, world, idp }) => {
    idp.configure(`${world.service.url}/api/v1/auth/sso/callback`);
    idp.accounts.set('ana', { email: 'ana.lima@contoso.com', name: 'Ana Lima', groups: ['helpdesk'] });
    const admin = await login(world.service.url, ADMIN);
    const mapped = await admin.put('/organisation/sso-mappings', {
      mappings: [{ group: 'helpdesk', roles: ['support_agent'], channels: [] }],
    });
    expect(mapped.status).toBe(200);
    expect((await admin.patch('/organisation/sso-policy', { justInTime: true })).status).toBe(200);

    await openWindow(page, world.shell.url);
    const consoleUrl = page.url();
    const provider = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign in with Contoso' }).click();
    const window = await provider;
    await expect(window).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
    await window.getByLabel('Account').fill('ana');
    const closed = window.waitForEvent('close');
    await window.getByRole('button', { name: 'Continue' }).click();
    // The window hands the address back and closes itself.
    await closed;

    // Back in the console, which never left its address: signed in, live.
    await expect(page.getByRole('grid', { name: 'Session requests' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Connection: Live' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Account: Ana Lima' })).toBeVisible();
    expect(page.url()).toBe(consoleUrl);
  },
);
