/**
 * The agent's world with single sign-on: a real OpenID provider (oidc-provider, tests/support/oidc-provider.ts)
 * in this process, and the service set up for it (the organisation's button "Sign in with Contoso", the
 * contoso.com domain, the admin as break-glass account). Used on the browser shell and the web console.
 */
import { TEST_CLIENT, TestOidcProvider } from '../support/oidc-provider';
import { ADMIN, test } from './agent-fixtures';

export const sso = test.extend<{ idp: TestOidcProvider }>({
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
