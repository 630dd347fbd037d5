/**
 * Single sign-on from the core (issue 18, RFC 8252) against a real service and a real OpenID provider
 * (oidc-provider): the core starts the attempt and "opens the system browser" (the host's openUri, which
 * here plays the browser: it signs the account in at the provider over HTTP and follows the service's
 * redirect to the core's loopback listener). Then: a wrong `state` on the loopback refused while the
 * attempt keeps waiting, the provider's refusal worded, cancel, a second start cancelling the first, the
 * timeout, the browser shell's page mode, a `sessiondesk://auth/…` link, and RP-initiated sign-out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Me } from '@shared/protocol/api';
import type { SsoMappings, SsoPolicy } from '@shared/protocol/sso';
import { translator } from '@shared/i18n/translator';
import { ApiClient } from '../../../main/core/api/api-client';
import { listenLoopback } from '../../../main/core/node/loopback-listener';
import { SsoSignIn } from '../../../main/core/account/sso-sign-in';
import { expectStatus } from '../../support/api-client';
import { ssoServiceFlags, TEST_CLIENT, TestOidcProvider } from '../../support/oidc-provider';
import { ADMIN, startTestService, type TestService } from '../../support/service-harness';
import { TestCore } from '../support/core-harness';

/** A browser: where the service's callback sends it (the client's redirect URI, with code and state). */
async function serviceRedirect(idp: TestOidcProvider, authorizationUrl: string, account: string) {
  const callback = await idp.signIn(authorizationUrl, account);
  const answer = await fetch(callback, { redirect: 'manual' });
  expect(answer.status).toBe(303);
  return new URL(answer.headers.get('location')!);
}

describe('single sign-on from the core', () => {
  let idp: TestOidcProvider;
  let t: TestService;
  let helpdesk: Channel;
  let core: TestCore | undefined;

  beforeAll(async () => {
    idp = await TestOidcProvider.listen();
    t = await startTestService({
      flags: ssoServiceFlags(idp, [
        '--sso-label',
        'Sign in with Contoso',
        '--sso-scopes',
        'openid email profile groups',
        '--sso-break-glass',
        ADMIN.email,
      ]),
    });
    idp.configure(`${t.url}/api/v1/auth/sso/callback`);
    helpdesk = expectStatus(
      await t.admin.post<Channel>('/channels', {
        name: 'Helpdesk',
        defaultExpiryMinutes: 60,
        participantLimit: 3,
      }),
      201,
    );
    expectStatus(
      await t.admin.put<SsoMappings>('/organisation/sso-mappings', {
        mappings: [
          {
            group: 'helpdesk',
            roles: ['support_agent'],
            channels: [{ channelId: helpdesk.id, canRelease: true }],
          },
        ],
      }),
      200,
    );
    expectStatus(await t.admin.patch<SsoPolicy>('/organisation/sso-policy', { justInTime: true }), 200);
    idp.accounts.set('ana', { email: 'ana@contoso.com', name: 'Ana Lima', groups: ['helpdesk'] });
    idp.accounts.set('mallory', { email: 'mallory@example.org', groups: ['helpdesk'] });
  });

  afterEach(async () => {
    await core?.cleanup();
    core = undefined;
  });

  afterAll(async () => {
    await t?.cleanup();
    await idp?.close();
  });

  /** A core whose "system browser" records what it was asked to open. */
  async function coreWithBrowser(options: { ssoReturnBase?: string } = {}) {
    const opened: string[] = [];
    const started = await TestCore.start({
      openUri: (uri) => {
        opened.push(uri);
        return Promise.resolve();
      },
      ...options,
    });
    core = started;
    const nextOpened = (count: number) => started.until(() => opened[count - 1], `URI #${count} to open`);
    return { core: started, opened, nextOpened };
  }

  it('tells the sign-in screen the service offers single sign-on, with its label', async () => {
    const { core } = await coreWithBrowser();
    expect(await core.invoke('account.ssoStatus', { serverUrl: t.url })).toEqual({
      enabled: true,
      label: 'Sign in with Contoso',
      ssoOnly: false,
      preferred: false,
    });
  });

  it('says whether the policy prefers single sign-on (PreferSingleSignOn)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-sso-policy-'));
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ ServerUrl: t.url, PreferSingleSignOn: true }));
    core = await TestCore.start({ env: { SESSIONDESK_POLICY_FILE: policyFile } });
    // The policy's address: the screen need not name one.
    expect(await core.invoke('account.ssoStatus', {})).toEqual({
      enabled: true,
      label: 'Sign in with Contoso',
      ssoOnly: false,
      preferred: true,
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in through the system browser and the loopback listener: a just-in-time agent with the mapped roles', async () => {
    const { core, nextOpened } = await coreWithBrowser();
    const signingIn = core.invoke('account.signInWithSso', { serverUrl: t.url });
    const authorizationUrl = await nextOpened(1);
    expect(authorizationUrl.startsWith(`${idp.issuer}/`)).toBe(true);
    const back = await serviceRedirect(idp, authorizationUrl, 'ana');
    // RFC 8252 §7.3: the loopback address, a port of its own, an unguessable path.
    expect(back.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(back.pathname).toMatch(/^\/sso\/[A-Za-z0-9_-]{32}$/);
    const page = await fetch(back);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(translator('en').t('sso.return.doneBody'));

    const result = await signingIn;
    expect(result.status).toBe('signedIn');
    const account = await core.invoke('account.get', {});
    expect(account?.agent).toMatchObject({ email: 'ana@contoso.com', roles: ['support_agent'] });
    expect(account?.agent.memberships).toContainEqual({ channelId: helpdesk.id, canRelease: true });
    await core.untilLive();
    // The listener is closed once its redirect came.
    await expect(fetch(back)).rejects.toThrow();
  });

  it('refuses a redirect with a wrong state on the loopback, and keeps waiting for the right one', async () => {
    const { core, nextOpened } = await coreWithBrowser();
    const signingIn = core.invoke('account.signInWithSso', { serverUrl: t.url });
    const back = await serviceRedirect(idp, await nextOpened(1), 'ana');
    const forged = new URL(back);
    forged.searchParams.set('state', 'not-the-attempts-state');
    const refused = await fetch(forged);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(translator('en').t('error.sso_state_mismatch'));
    expect(await core.invoke('account.get', {})).toBeNull();

    expect((await fetch(back)).status).toBe(200);
    expect((await signingIn).status).toBe('signedIn');
  });

  it('words the service’s refusal from its code, on the page and to the sign-in screen', async () => {
    const { core, nextOpened } = await coreWithBrowser();
    const signingIn = core.call('account.signInWithSso', { serverUrl: t.url });
    const back = await serviceRedirect(idp, await nextOpened(1), 'mallory');
    expect(back.searchParams.get('error')).toBe('sso_domain_refused');
    const page = await fetch(back, { headers: { 'accept-language': 'de' } });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(translator('en').t('error.sso_domain_refused'));
    expect(await signingIn).toMatchObject({ ok: false, error: { code: 'sso_domain_refused' } });
  });

  it('cancel ends the waiting attempt and closes its listener; a second start cancels the first', async () => {
    const { core, nextOpened } = await coreWithBrowser();
    const first = core.call('account.signInWithSso', { serverUrl: t.url });
    const firstBack = await serviceRedirect(idp, await nextOpened(1), 'ana');
    const second = core.call('account.signInWithSso', { serverUrl: t.url });
    expect(await first).toMatchObject({ ok: false, error: { code: 'sso_cancelled' } });
    // The first attempt's listener is gone: its code cannot arrive any more.
    await expect(fetch(firstBack)).rejects.toThrow();

    await nextOpened(2);
    expect(await core.invoke('account.cancelSso', {})).toBe(true);
    expect(await second).toMatchObject({ ok: false, error: { code: 'sso_cancelled' } });
    expect(await core.invoke('account.cancelSso', {})).toBe(false);
    expect(await core.invoke('account.get', {})).toBeNull();
  });

  it('a password sign-in cancels a single sign-on that waits', async () => {
    const { core, nextOpened } = await coreWithBrowser();
    const waiting = core.call('account.signInWithSso', { serverUrl: t.url });
    await nextOpened(1);
    await core.signIn(t.url, ADMIN);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'sso_cancelled' } });
    expect((await core.invoke('account.get', {}))?.agent.email).toBe(ADMIN.email);
  });

  it('the browser shell’s page is not told of an attempt a newer one cancelled', async () => {
    const { core } = await coreWithBrowser({ ssoReturnBase: 'http://127.0.0.1:7310/sso/return' });
    await core.invoke('account.signInWithSso', { serverUrl: t.url });
    const second = await core.invoke('account.signInWithSso', { serverUrl: t.url });
    if (second.status !== 'continueInPage') throw new Error('the page should go to the provider');
    const back = await serviceRedirect(idp, second.authorizationUrl, 'ana');
    expect(await core.core.receiveSsoRedirect(back.href)).toEqual({ kind: 'accepted' });
    expect(await core.invoke('account.takeSsoRefusal', {})).toBeNull();
    expect((await core.invoke('account.get', {}))?.agent.email).toBe('ana@contoso.com');
  });

  it('an attempt ends after its time to live', async () => {
    const sso = new SsoSignIn({
      opener: { kind: 'loopback', listen: listenLoopback, open: () => Promise.resolve() },
      translator: () => translator('en'),
      ttlMs: 1,
    });
    // The time may run out while the service answers the start, or after: the attempt ends either way.
    const login = sso.start(new ApiClient(t.url)).then((started) => started.login);
    await expect(login).rejects.toMatchObject({ code: 'sso_timeout' });
    expect(sso.waiting).toBe(false);
  });

  it('the browser shell’s page goes to the provider itself, and comes back under the shell’s address', async () => {
    const returnBase = 'http://127.0.0.1:7310/sso/return';
    const { core, opened } = await coreWithBrowser({ ssoReturnBase: returnBase });
    const started = await core.invoke('account.signInWithSso', { serverUrl: t.url });
    if (started.status !== 'continueInPage') throw new Error('the page should go to the provider');
    expect(opened).toEqual([]);
    const back = await serviceRedirect(idp, started.authorizationUrl, 'ana');
    expect(back.href.startsWith(`${returnBase}/`)).toBe(true);
    expect(await core.core.receiveSsoRedirect(back.href)).toEqual({ kind: 'accepted' });
    // Signed in by the time the shell answers the page.
    expect((await core.invoke('account.get', {}))?.agent.email).toBe('ana@contoso.com');
    expect(await core.invoke('account.takeSsoRefusal', {})).toBeNull();
  });

  it('the browser shell’s page learns why its sign-in failed, once', async () => {
    const { core } = await coreWithBrowser({ ssoReturnBase: 'http://127.0.0.1:7310/sso/return' });
    const started = await core.invoke('account.signInWithSso', { serverUrl: t.url });
    if (started.status !== 'continueInPage') throw new Error('the page should go to the provider');
    const back = await serviceRedirect(idp, started.authorizationUrl, 'mallory');
    expect((await core.core.receiveSsoRedirect(back.href)).kind).toBe('refused');
    expect(await core.invoke('account.takeSsoRefusal', {})).toMatchObject({ code: 'sso_domain_refused' });
    expect(await core.invoke('account.takeSsoRefusal', {})).toBeNull();
  });

  it('a sessiondesk://auth/… link reaches the waiting attempt', async () => {
    const { core } = await coreWithBrowser({ ssoReturnBase: 'sessiondesk://auth' });
    const started = await core.invoke('account.signInWithSso', { serverUrl: t.url });
    if (started.status !== 'continueInPage') throw new Error('the page should go to the provider');
    const back = await serviceRedirect(idp, started.authorizationUrl, 'ana');
    expect(back.href.startsWith('sessiondesk://auth/')).toBe(true);
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged');
    expect(core.core.openDeepLink(forged.href)).toBe(false);
    expect(core.core.openDeepLink(back.href)).toBe(true);
    await core.until(() => core.eventsNamed('account').some((a) => a !== null), 'the sign-in');
  });

  it('signing out of a single sign-on ends it at the service and opens the provider’s sign-out page', async () => {
    const { core, nextOpened } = await coreWithBrowser();
    const signingIn = core.invoke('account.signInWithSso', { serverUrl: t.url });
    await fetch(await serviceRedirect(idp, await nextOpened(1), 'ana'));
    await signingIn;
    await core.invoke('account.signOut', { discardPending: true });
    const endSession = await nextOpened(2);
    expect(endSession.startsWith(`${idp.issuer}/`)).toBe(true);
    expect(new URL(endSession).searchParams.get('client_id')).toBe(TEST_CLIENT.id);
    expect(await core.invoke('account.get', {})).toBeNull();
  });

  it('a password sign-in’s sign-out opens nothing', async () => {
    const { core, opened } = await coreWithBrowser();
    await core.signIn(t.url, ADMIN);
    await core.invoke('account.signOut', { discardPending: true });
    expect(opened).toEqual([]);
  });

  it('admins read and change the SSO policy and mapping through the core', async () => {
    const { core } = await coreWithBrowser();
    await core.signIn(t.url, ADMIN);
    expect(await core.invoke('organisation.ssoPolicy', {})).toMatchObject({
      configured: true,
      justInTime: true,
      ssoOnly: false,
    });
    const mappings = await core.invoke('organisation.ssoMappings', {});
    expect(mappings.mappings.map((m) => m.group)).toEqual(['helpdesk']);
    const replaced = await core.invoke('organisation.replaceSsoMappings', {
      mappings: [...mappings.mappings, { group: 'it-admins', roles: ['admin'], channels: [] }],
    });
    expect(replaced.mappings.map((m) => m.group).sort()).toEqual(['helpdesk', 'it-admins']);
    const me = expectStatus(await t.admin.get<Me>('/me'), 200);
    expect(me.roles).toContain('admin');
    await core.invoke('organisation.replaceSsoMappings', { mappings: mappings.mappings });
  });
});
