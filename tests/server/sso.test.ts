/**
 * Single sign-on with OpenID Connect (issue 18) against a real provider (oidc-provider, started by
 * tests/support/oidc-provider.ts) and a real service, on SQLite and again on PostgreSQL. The client's part
 * is played over HTTP as the desktop client plays it (RFC 8252): a PKCE verifier kept here, a loopback
 * redirect URI, the provider's sign-in followed with fetch and cookies, the service's redirect read for
 * the one-time code, then exchanged with the verifier. The service's clock starts at the real time, so
 * moving it past the ID token's life makes the token expired to the service, as time passing would.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, Channel, LoginResponse, Me } from '@shared/protocol/api';
import type { AuditEntry } from '@shared/protocol/integrations';
import type { SsoLogout, SsoMappings, SsoPolicy, SsoStart, SsoStatus } from '@shared/protocol/sso';
import { expectRefused, expectStatus } from '../support/api-client';
import { Limit } from '../../server/services/rate-limits';
import { ManualClock } from '../support/clock';
import { ID_TOKEN_TTL_SECONDS, ssoServiceFlags, TestOidcProvider } from '../support/oidc-provider';
import { ADMIN, createAgent, startTestService, type TestService } from '../support/service-harness';

/** The desktop client's loopback listener (RFC 8252 §7.3); nothing needs to listen: the test reads the redirect. */
const CLIENT_REDIRECT = 'http://127.0.0.1:49152/sso';

describe('single sign-on', () => {
  let idp: TestOidcProvider;
  let t: TestService;
  let helpdesk: Channel;

  beforeAll(async () => {
    idp = await TestOidcProvider.listen();
    t = await startTestService({
      clock: new ManualClock(Date.now()),
      // Every start here comes from loopback; the limit has a test of its own below.
      limits: { ssoStartPerAddress: new Limit(1_000, 60, 'Too many single sign-on attempts.') },
      flags: ssoServiceFlags(idp, [
        '--sso-label',
        'Sign in with Contoso',
        '--sso-scopes',
        'openid email profile groups',
        '--sso-break-glass',
        ADMIN.email,
      ]),
    });
    // The provider is not serving yet (as when it is down while the service starts): a clear refusal, and
    // discovery is tried again at the next start.
    expectRefused(
      await t.api.post('/auth/sso/start', {
        redirectUri: CLIENT_REDIRECT,
        codeChallenge: 'a'.repeat(43),
        codeChallengeMethod: 'S256',
      }),
      503,
      'sso_unavailable',
    );
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
          { group: 'it-admins', roles: ['admin', 'support_agent'], channels: [] },
          {
            group: 'helpdesk',
            roles: ['support_agent'],
            channels: [{ channelId: helpdesk.id, canRelease: true }],
          },
        ],
      }),
      200,
    );
    const policy = expectStatus(await t.admin.get<SsoPolicy>('/organisation/sso-policy'), 200);
    expect(policy).toMatchObject({
      configured: true,
      justInTime: false,
      ssoOnly: false,
      breakGlass: [ADMIN.email],
    });
    expectStatus(await t.admin.patch<SsoPolicy>('/organisation/sso-policy', { justInTime: true }), 200);
  });

  afterAll(async () => {
    await t?.cleanup();
    await idp?.close();
  });

  /** The client's side of a start: a PKCE verifier kept here, its challenge sent. */
  async function start(state = 'client-state') {
    const verifier = randomBytes(32).toString('base64url');
    const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
    const started = expectStatus(
      await t.api.post<SsoStart>('/auth/sso/start', {
        redirectUri: CLIENT_REDIRECT,
        codeChallenge,
        codeChallengeMethod: 'S256',
        state,
      }),
      200,
    );
    return { verifier, authorizationUrl: started.authorizationUrl };
  }

  /** The browser arriving at the service's callback: the service's answer (a redirect, or its own page). */
  function arrive(callbackUrl: string): Promise<Response> {
    return fetch(callbackUrl, { redirect: 'manual', headers: { 'accept-language': 'de' } });
  }

  /** Where the service sends the browser back to the client. */
  async function backToClient(callbackUrl: string): Promise<URL> {
    const answer = await arrive(callbackUrl);
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location')!);
    expect(location.href.startsWith(`${CLIENT_REDIRECT}?`)).toBe(true);
    return location;
  }

  /** A whole sign-in of `accountId` up to the client's redirect. */
  async function signIn(accountId: string) {
    const { verifier, authorizationUrl } = await start();
    const back = await backToClient(await idp.signIn(authorizationUrl, accountId));
    return { verifier, back };
  }

  function exchange(code: string, codeVerifier: string) {
    return t.api.post<LoginResponse>('/auth/sso/token', { code, codeVerifier });
  }

  it('tells the sign-in screen that single sign-on is offered, and with what label', async () => {
    expect(expectStatus(await t.api.get<SsoStatus>('/auth/sso'), 200)).toEqual({
      enabled: true,
      label: 'Sign in with Contoso',
      ssoOnly: false,
    });
  });

  it('first sign-in creates the agent (just in time) with the roles and channels their groups map to', async () => {
    idp.accounts.set('ana', { email: 'Ana.Lima@Contoso.com', name: 'Ana Lima', groups: ['helpdesk'] });
    const { verifier, back } = await signIn('ana');
    expect(back.searchParams.get('state')).toBe('client-state');
    expect(back.searchParams.get('error')).toBeNull();
    const login = expectStatus(await exchange(back.searchParams.get('code')!, verifier), 200);
    expect(login.agent).toMatchObject({
      email: 'ana.lima@contoso.com',
      name: 'Ana Lima',
      roles: ['support_agent'],
    });
    const me = expectStatus(await t.api.as(login.accessToken).get<Me>('/me'), 200);
    expect(me.memberships).toContainEqual({ channelId: helpdesk.id, canRelease: true });
    const audit = expectStatus(
      await t.admin.get<{ entries: AuditEntry[] }>('/audit?type=sign_in.succeeded'),
      200,
    );
    expect(audit.entries[0]).toMatchObject({ target: { id: login.agent.id }, data: { method: 'sso' } });
  });

  it('a just-in-time agent’s roles follow their groups at the next sign-in', async () => {
    idp.accounts.set('bea', { email: 'bea@contoso.com', groups: ['helpdesk'] });
    const first = await signIn('bea');
    const agent = expectStatus(
      await exchange(first.back.searchParams.get('code')!, first.verifier),
      200,
    ).agent;
    expect(agent.roles).toEqual(['support_agent']);
    idp.accounts.set('bea', { email: 'bea@contoso.com', groups: ['it-admins', 'helpdesk'] });
    const again = await signIn('bea');
    const login = expectStatus(await exchange(again.back.searchParams.get('code')!, again.verifier), 200);
    expect(login.agent.id).toBe(agent.id);
    expect(login.agent.roles).toEqual(['admin', 'support_agent']);
    idp.accounts.set('bea', { email: 'bea@contoso.com', groups: ['helpdesk'] });
    const last = await signIn('bea');
    const demoted = expectStatus(await exchange(last.back.searchParams.get('code')!, last.verifier), 200);
    expect(demoted.agent.roles).toEqual(['support_agent']);
  });

  it('matches an existing agent by e-mail, whatever its case, and leaves their roles as the admin set them', async () => {
    const existing = expectStatus(
      await t.admin.post<Agent>('/agents', {
        email: 'carla@contoso.com',
        name: 'Carla',
        roles: ['support_agent'],
        password: 'a long enough password',
      }),
      201,
    );
    idp.accounts.set('carla', { email: 'CARLA@contoso.com', groups: ['it-admins'] });
    const { verifier, back } = await signIn('carla');
    const login = expectStatus(await exchange(back.searchParams.get('code')!, verifier), 200);
    expect(login.agent.id).toBe(existing.id);
    expect(login.agent.roles).toEqual(['support_agent']);
  });

  it('refuses an unknown agent when just-in-time creation is off', async () => {
    expectStatus(await t.admin.patch<SsoPolicy>('/organisation/sso-policy', { justInTime: false }), 200);
    idp.accounts.set('dora', { email: 'dora@contoso.com', groups: ['helpdesk'] });
    try {
      const { back } = await signIn('dora');
      expect(back.searchParams.get('error')).toBe('sso_no_account');
      expect(back.searchParams.get('code')).toBeNull();
    } finally {
      expectStatus(await t.admin.patch<SsoPolicy>('/organisation/sso-policy', { justInTime: true }), 200);
    }
  });

  it('refuses a just-in-time agent whose groups give no role', async () => {
    idp.accounts.set('eve', { email: 'eve@contoso.com', groups: ['marketing'] });
    const { back } = await signIn('eve');
    expect(back.searchParams.get('error')).toBe('sso_no_access');
  });

  it('refuses an e-mail domain that is not allowed', async () => {
    idp.accounts.set('mallory', { email: 'mallory@example.org', groups: ['it-admins'] });
    const { back } = await signIn('mallory');
    expect(back.searchParams.get('error')).toBe('sso_domain_refused');
    expect(back.searchParams.get('state')).toBe('client-state');
    const audit = expectStatus(
      await t.admin.get<{ entries: AuditEntry[] }>('/audit?type=sign_in.failed'),
      200,
    );
    expect(audit.entries[0]).toMatchObject({
      actor: { kind: 'anonymous', email: 'mallory@example.org' },
      data: { reason: 'sso_domain_refused', method: 'sso' },
    });
  });

  it('refuses an address the provider has not verified', async () => {
    idp.accounts.set('unverified', {
      email: 'unverified@contoso.com',
      emailVerified: false,
      groups: ['helpdesk'],
    });
    const { back } = await signIn('unverified');
    expect(back.searchParams.get('error')).toBe('sso_email_missing');
  });

  it('refuses a disabled agent', async () => {
    const agent = await createAgent(t);
    const disabled = expectStatus(
      await t.admin.post<Agent>('/agents', {
        email: 'fred@contoso.com',
        name: 'Fred',
        roles: ['support_agent'],
        password: 'a long enough password',
      }),
      201,
    );
    expect(agent.agent.id).not.toBe(disabled.id);
    expectStatus(await t.admin.patch(`/agents/${disabled.id}`, { disabled: true }), 200);
    idp.accounts.set('fred', { email: 'fred@contoso.com', groups: ['helpdesk'] });
    const { back } = await signIn('fred');
    expect(back.searchParams.get('error')).toBe('account_disabled');
  });

  it('refuses a redirect with an unknown state, on a page in the browser’s language', async () => {
    idp.accounts.set('gil', { email: 'gil@contoso.com', groups: ['helpdesk'] });
    const { authorizationUrl } = await start();
    const callback = new URL(await idp.signIn(authorizationUrl, 'gil'));
    callback.searchParams.set('state', 'not-the-state-the-service-sent');
    const answer = await arrive(callback.href);
    expect(answer.status).toBe(400);
    const page = await answer.text();
    expect(page).toContain('sso_attempt_unknown');
    expect(page).toContain('Anmeldung nicht abgeschlossen');
  });

  it('refuses a replayed redirect: the attempt and the provider’s code were used', async () => {
    idp.accounts.set('hana', { email: 'hana@contoso.com', groups: ['helpdesk'] });
    const { authorizationUrl, verifier } = await start();
    const callback = await idp.signIn(authorizationUrl, 'hana');
    const back = await backToClient(callback);
    expectStatus(await exchange(back.searchParams.get('code')!, verifier), 200);
    const replay = await arrive(callback);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('sso_attempt_unknown');
  });

  it('refuses the provider’s code replayed into another attempt: the provider will not give it again', async () => {
    idp.accounts.set('hugo', { email: 'hugo@contoso.com', groups: ['helpdesk'] });
    const first = await start();
    const used = new URL(await idp.signIn(first.authorizationUrl, 'hugo'));
    expectStatus(
      await exchange((await backToClient(used.href)).searchParams.get('code')!, first.verifier),
      200,
    );
    // The used code, carried into an attempt of its own (its state is the service's for that attempt).
    const second = await start();
    const replayed = new URL(used);
    replayed.searchParams.set('state', new URL(second.authorizationUrl).searchParams.get('state')!);
    const back = await backToClient(replayed.href);
    expect(back.searchParams.get('error')).toBe('sso_provider_refused');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('sends the provider’s own refusal (the agent cancelled) back to the client', async () => {
    const { authorizationUrl } = await start();
    const state = new URL(authorizationUrl).searchParams.get('state')!;
    const callback = new URL(`${t.url}/api/v1/auth/sso/callback`);
    callback.search = new URLSearchParams({ error: 'access_denied', state, iss: idp.issuer }).toString();
    const back = await backToClient(callback.href);
    expect(back.searchParams.get('error')).toBe('sso_provider_refused');
    expect(back.searchParams.get('state')).toBe('client-state');
  });

  it('our one-time code works once', async () => {
    idp.accounts.set('ivo', { email: 'ivo@contoso.com', groups: ['helpdesk'] });
    const { verifier, back } = await signIn('ivo');
    const code = back.searchParams.get('code')!;
    expectStatus(await exchange(code, verifier), 200);
    expectRefused(await exchange(code, verifier), 400, 'sso_code_invalid');
  });

  it('refuses a code exchanged with another verifier (another app that saw the redirect), and burns it', async () => {
    idp.accounts.set('jo', { email: 'jo@contoso.com', groups: ['helpdesk'] });
    const { verifier, back } = await signIn('jo');
    const code = back.searchParams.get('code')!;
    expectRefused(await exchange(code, randomBytes(32).toString('base64url')), 400, 'sso_verifier_mismatch');
    expectRefused(await exchange(code, verifier), 400, 'sso_code_invalid');
  });

  it('refuses an ID token for another audience', async () => {
    idp.accounts.set('kai', { email: 'kai@contoso.com', groups: ['helpdesk'] });
    idp.foreignAudience = 'another-app';
    try {
      const { back } = await signIn('kai');
      expect(back.searchParams.get('error')).toBe('sso_token_invalid');
    } finally {
      idp.foreignAudience = null;
    }
  });

  it('refuses a redirect URI that is neither loopback, sessiondesk://auth nor the service', async () => {
    const answer = await t.api.post('/auth/sso/start', {
      redirectUri: 'https://attacker.example/steal',
      codeChallenge: 'a'.repeat(43),
      codeChallengeMethod: 'S256',
    });
    expectRefused(answer, 400, 'invalid_input');
    for (const redirectUri of ['sessiondesk://auth/done', `${t.url}/app/sso`]) {
      const ok = await t.api.post('/auth/sso/start', {
        redirectUri,
        codeChallenge: 'a'.repeat(43),
        codeChallengeMethod: 'S256',
      });
      expectStatus(ok, 200);
    }
  });

  it('SSO only refuses passwords, except to a break-glass admin', async () => {
    const agent = await createAgent(t);
    expectStatus(await t.admin.patch<SsoPolicy>('/organisation/sso-policy', { ssoOnly: true }), 200);
    try {
      // The sign-in screen learns it before anyone types a password.
      expect(expectStatus(await t.api.get<SsoStatus>('/auth/sso'), 200)).toMatchObject({ ssoOnly: true });
      expectRefused(
        await t.api.post('/auth/login', { email: agent.agent.email, password: 'a long enough password' }),
        403,
        'sso_only',
      );
      // An unknown address is answered the same: the refusal says nothing of which accounts exist.
      expectRefused(
        await t.api.post('/auth/login', { email: 'nobody@example.com', password: 'whatever' }),
        403,
        'sso_only',
      );
      expectStatus(await t.api.post<LoginResponse>('/auth/login', ADMIN), 200);
      expectRefused(
        await t.api.post('/auth/login', { ...ADMIN, password: 'wrong password' }),
        401,
        'invalid_credentials',
      );
    } finally {
      expectStatus(await t.admin.patch<SsoPolicy>('/organisation/sso-policy', { ssoOnly: false }), 200);
    }
  });

  it('signing out answers the provider’s sign-out page', async () => {
    idp.accounts.set('max', { email: 'max@contoso.com', groups: ['helpdesk'] });
    const { verifier, back } = await signIn('max');
    const login = expectStatus(await exchange(back.searchParams.get('code')!, verifier), 200);
    const api = t.api.as(login.accessToken);
    const out = expectStatus(await api.post<SsoLogout>('/auth/sso/logout', {}), 200);
    const endSession = new URL(out.endSessionUrl!);
    expect(endSession.href.startsWith(`${idp.issuer}/session/end`)).toBe(true);
    // The provider's ID token of this sign-in names the session to end there.
    expect(endSession.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    // The provider accepts it: its sign-out page, not an error.
    const page = await fetch(endSession, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('logout');
    expectRefused(await api.get('/me'), 401, 'unauthorized');
  });

  it('the policy and the mapping are the admins’', async () => {
    const agent = await createAgent(t);
    expect((await agent.api.get('/organisation/sso-mappings')).status).toBe(403);
    expect((await agent.api.patch('/organisation/sso-policy', { ssoOnly: true })).status).toBe(403);
    const mappings = expectStatus(await t.admin.get<SsoMappings>('/organisation/sso-mappings'), 200);
    expect(mappings.mappings.map((m) => m.group)).toEqual(['it-admins', 'helpdesk']);
    const audit = expectStatus(await t.admin.get<{ entries: AuditEntry[] }>('/audit?type=sso.'), 200);
    expect(audit.entries.map((e) => e.type)).toContain('sso.mappings_replaced');
    expect(audit.entries.map((e) => e.type)).toContain('sso.policy_updated');
    expectRefused(
      await t.admin.put('/organisation/sso-mappings', {
        mappings: [{ group: 'x', roles: [], channels: [{ channelId: crypto.randomUUID() }] }],
      }),
      400,
      'invalid_input',
    );
  });
  // Last: the service's clock stays moved, and every later ID token would be expired too.
  it('refuses an expired ID token', async () => {
    idp.accounts.set('lia', { email: 'lia@contoso.com', groups: ['helpdesk'] });
    const { authorizationUrl } = await start();
    const callback = await idp.signIn(authorizationUrl, 'lia');
    // The agent's browser arrives late: past the ID token's life (and the 30 s tolerance), within the attempt's.
    t.clock.advance((ID_TOKEN_TTL_SECONDS + 120) * 1000);
    const back = await backToClient(callback);
    expect(back.searchParams.get('error')).toBe('sso_token_invalid');
  });
});

describe('single sign-on, not configured', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t?.cleanup());

  it('is not offered, and its routes say so', async () => {
    expect(expectStatus(await t.api.get<SsoStatus>('/auth/sso'), 200)).toEqual({
      enabled: false,
      label: null,
      ssoOnly: false,
    });
    expectRefused(
      await t.api.post('/auth/sso/start', {
        redirectUri: CLIENT_REDIRECT,
        codeChallenge: 'a'.repeat(43),
        codeChallengeMethod: 'S256',
      }),
      404,
      'sso_not_configured',
    );
  });
});

describe('single sign-on, started too often', () => {
  let idp: TestOidcProvider;
  let t: TestService;
  beforeAll(async () => {
    // A provider that never answers discovery: each start is counted, then refused as unavailable.
    idp = await TestOidcProvider.listen();
    t = await startTestService({
      limits: { ssoStartPerAddress: new Limit(2, 60, 'Too many single sign-on attempts.') },
      flags: ssoServiceFlags(idp),
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await idp?.close();
  });

  it('refuses an address past its limit of starts (each start stores an attempt)', async () => {
    const body = { redirectUri: CLIENT_REDIRECT, codeChallenge: 'a'.repeat(43), codeChallengeMethod: 'S256' };
    expectRefused(await t.api.post('/auth/sso/start', body), 503, 'sso_unavailable');
    expectRefused(await t.api.post('/auth/sso/start', body), 503, 'sso_unavailable');
    expectRefused(await t.api.post('/auth/sso/start', body), 429, 'rate_limited');
  });
});
