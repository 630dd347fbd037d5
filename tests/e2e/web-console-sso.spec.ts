/**
 * Single sign-on in the web console (issue 20): a real OpenID provider (oidc-provider) in this process and
 * the real service set up for it. The console's page must stay (its core lives in a Worker of it), so the
 * provider opens in a window of its own, which comes back to /console/sso-return/… and hands the address to
 * the console page over a same-origin channel; the console is then signed in.
 */
import { TEST_CLIENT, TestOidcProvider } from '../support/oidc-provider';
import { ADMIN, expect, login, test } from './agent-fixtures';
import { openWindow } from './agent-pages';

const sso = test.extend<{ idp: TestOidcProvider }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  idp: async ({}, use) => {
    const idp = await TestOidcProvider.listen();
    await use(idp);
    await idp.close();
  },
  serviceEnv: async ({ idp }, use) =>
    use({
      SESSIONDESK_SSO_ISSUER: idp.issuer,
      SESSIONDESK_SSO_CLIENT_ID: TEST_CLIENT.id,
      SESSIONDESK_SSO_CLIENT_SECRET: TEST_CLIENT.secret,
      SESSIONDESK_SSO_LABEL: 'Sign in with Contoso',
      SESSIONDESK_SSO_SCOPES: 'openid email profile groups',
      SESSIONDESK_SSO_ALLOWED_DOMAINS: 'contoso.com',
      SESSIONDESK_SSO_BREAK_GLASS: ADMIN.email,
    }),
});
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
