/**
 * The browser shell's single sign-on return (`/sso/return/<random>` on its own origin) with the real
 * core, service and OpenID provider: the page's redirect with the attempt's code signs the core in and
 * sends the tab home; one with a forged `state` is refused on a page while the attempt keeps waiting; one
 * of no attempt sends the tab home.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '@shared/i18n/translator';
import { startBrowserShell, type BrowserShell } from '../../../main/browser-shell/shell';
import { ssoServiceFlags, TestOidcProvider } from '../../support/oidc-provider';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { fixtureRenderer, noPolicyEnv, ShellSocket, temporaryDir } from './helpers';

describe('the browser shell’s single sign-on return', () => {
  let idp: TestOidcProvider;
  let t: TestService;
  let shell: BrowserShell;
  let page: ShellSocket;
  const dirs = ['renderer', 'policy', 'data'].map((name) => temporaryDir(`sso-shell-${name}`));

  beforeAll(async () => {
    idp = await TestOidcProvider.listen();
    t = await startTestService({
      flags: ssoServiceFlags(idp, ['--sso-break-glass', ADMIN.email]),
    });
    idp.configure(`${t.url}/api/v1/auth/sso/callback`);
    idp.accounts.set('ana', { email: 'ana@contoso.com', groups: [] });
    // Ana exists already: matched by e-mail, no mapping needed.
    await t.admin.post('/agents', {
      email: 'ana@contoso.com',
      name: 'Ana',
      roles: ['support_agent'],
      password: 'a long enough password',
    });
    shell = await startBrowserShell({
      dataDir: dirs[2]!.path,
      port: 0,
      rendererDir: fixtureRenderer(dirs[0]!.path),
      env: noPolicyEnv(dirs[1]!.path),
      serverUrl: t.url,
    });
    page = await ShellSocket.ready(shell.origin, shell.key);
  });

  afterAll(async () => {
    page?.close();
    await shell?.stop();
    await t?.cleanup();
    await idp?.close();
    for (const dir of dirs) dir.remove();
  });

  it('refuses a forged state on a page, then takes the attempt’s own redirect and sends the tab home signed in', async () => {
    const started = await page.invoke(1, 'account.signInWithSso', {});
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const { status, authorizationUrl } = started.value as { status: string; authorizationUrl: string };
    expect(status).toBe('continueInPage');
    const callback = await idp.signIn(authorizationUrl, 'ana');
    const back = new URL((await fetch(callback, { redirect: 'manual' })).headers.get('location')!);
    expect(back.origin).toBe(shell.origin);
    expect(back.pathname).toMatch(/^\/sso\/return\/[A-Za-z0-9_-]{32}$/);

    const forged = new URL(back);
    forged.searchParams.set('state', 'forged');
    const refused = await fetch(forged, { redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(translator('en').t('error.sso_state_mismatch'));

    const home = await fetch(back, { redirect: 'manual' });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/');
    const account = await page.invoke(2, 'account.get', {});
    expect(account).toMatchObject({ ok: true, value: { agent: { email: 'ana@contoso.com' } } });
  });

  it('sends the tab home from a redirect of no attempt', async () => {
    const stray = await fetch(`${shell.origin}/sso/return/nothing-waits?code=x&state=y`, {
      redirect: 'manual',
    });
    expect(stray.status).toBe(303);
    expect(stray.headers.get('location')).toBe('/');
  });
});
