/**
 * The web console's kept sign-in (issue 20): the refresh token in an HttpOnly cookie the service sets,
 * refreshed from it with rotation as /auth/refresh does, cleared at sign-out; every one of these routes
 * refused without the CSRF header or from another origin. Real service, real database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '@shared/protocol/api';
import {
  CONSOLE_COOKIE_NAME,
  CONSOLE_CSRF_HEADER,
  CONSOLE_REFRESH_PATH,
  CONSOLE_SESSION_PATH,
} from '@shared/protocol/console';
import { expectStatus } from '../support/api-client';
import { ADMIN, createAgent, startTestService, type TestService } from '../support/service-harness';

const CSRF = { [CONSOLE_CSRF_HEADER]: '1' };

interface Answer {
  status: number;
  body: any;
  /** The Set-Cookie header, parsed: its value and its attributes (names lower-cased). */
  cookie: { value: string; attributes: Record<string, string | true> } | null;
}

async function call(
  t: TestService,
  method: string,
  path: string,
  options: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.cookie === undefined ? {} : { cookie: `${CONSOLE_COOKIE_NAME}=${options.cookie}` }),
      ...(options.headers ?? CSRF),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const set = response.headers.getSetCookie().find((c) => c.startsWith(`${CONSOLE_COOKIE_NAME}=`));
  let cookie: Answer['cookie'] = null;
  if (set) {
    const [pair, ...rest] = set.split(';').map((part) => part.trim());
    const attributes: Record<string, string | true> = {};
    for (const attribute of rest) {
      const [name, ...value] = attribute.split('=');
      attributes[name!.toLowerCase()] = value.length ? value.join('=') : true;
    }
    cookie = { value: pair!.slice(CONSOLE_COOKIE_NAME.length + 1), attributes };
  }
  return { status: response.status, body: text ? JSON.parse(text) : null, cookie };
}

async function signIn(t: TestService, email = ADMIN.email, password: string = ADMIN.password) {
  return expectStatus(await t.api.post<LoginResponse>('/auth/login', { email, password }), 200);
}

describe('the web console’s kept sign-in', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('keeps a live refresh token in an HttpOnly, SameSite=Strict cookie scoped to the session path', async () => {
    t = await startTestService();
    const login = await signIn(t);
    const kept = await call(t, 'POST', CONSOLE_SESSION_PATH, { body: { refreshToken: login.refreshToken } });
    expect(kept.status).toBe(204);
    expect(kept.cookie?.value).toBe(login.refreshToken);
    expect(kept.cookie?.attributes).toMatchObject({
      httponly: true,
      samesite: 'Strict',
      path: CONSOLE_SESSION_PATH,
      'max-age': String(30 * 24 * 3600),
    });
    // Plain http, no trusted proxy: not Secure (the browser would not send it back).
    expect(kept.cookie?.attributes['secure']).toBeUndefined();
    // Keeping did not spend it: it still refreshes.
    expectStatus(await t.api.post('/auth/refresh', { refreshToken: login.refreshToken }), 200);
  });

  it('refuses to keep a refresh token that is not live', async () => {
    t = await startTestService();
    const login = await signIn(t);
    expect((await call(t, 'POST', CONSOLE_SESSION_PATH, { body: { refreshToken: 'nope' } })).status).toBe(
      401,
    );
    expectStatus(await t.api.post('/auth/refresh', { refreshToken: login.refreshToken }), 200);
    const spent = await call(t, 'POST', CONSOLE_SESSION_PATH, { body: { refreshToken: login.refreshToken } });
    expect(spent.status).toBe(401);
    expect(spent.body.error.code).toBe('invalid_credentials');
    expect(spent.cookie).toBeNull();
  });

  it('refreshes from the cookie, rotating it: the old value then fails and ends the sign-in', async () => {
    t = await startTestService();
    const login = await signIn(t);
    const refreshed = await call(t, 'POST', CONSOLE_REFRESH_PATH, { cookie: login.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(['accessToken', 'agent', 'expiresIn']);
    expect(refreshed.body.agent.email).toBe(ADMIN.email);
    expect((await t.api.as(refreshed.body.accessToken).get('/me')).status).toBe(200);
    const next = refreshed.cookie!.value;
    expect(next).not.toBe(login.refreshToken);
    expect(refreshed.cookie!.attributes).toMatchObject({
      httponly: true,
      samesite: 'Strict',
      path: CONSOLE_SESSION_PATH,
    });

    const reused = await call(t, 'POST', CONSOLE_REFRESH_PATH, { cookie: login.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('invalid_credentials');
    // Cleared: an expired cookie with no value.
    expect(reused.cookie?.value).toBe('');
    // Reuse ended the whole sign-in, the rotated cookie with it.
    expect((await call(t, 'POST', CONSOLE_REFRESH_PATH, { cookie: next })).status).toBe(401);
  });

  it('answers 401 without a cookie, and 403 for a disabled agent, clearing the cookie', async () => {
    t = await startTestService();
    const none = await call(t, 'POST', CONSOLE_REFRESH_PATH);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('invalid_credentials');

    const agent = await createAgent(t);
    expectStatus(await t.admin.patch(`/agents/${agent.agent.id}`, { disabled: true }), 200);
    const disabled = await call(t, 'POST', CONSOLE_REFRESH_PATH, { cookie: agent.login.refreshToken });
    // Disabling an account ends its sign-ins: the refresh token is gone, as /auth/refresh says.
    const viaApi = await t.api.post('/auth/refresh', { refreshToken: agent.login.refreshToken });
    expect(disabled.status).toBe(viaApi.status);
    expect(disabled.body.error.code).toBe(viaApi.body.error.code);
    expect(disabled.cookie?.value).toBe('');
  });

  it('forgets the sign-in: DELETE clears the cookie', async () => {
    t = await startTestService();
    const cleared = await call(t, 'DELETE', CONSOLE_SESSION_PATH, { cookie: 'x' });
    expect(cleared.status).toBe(204);
    expect(cleared.cookie?.value).toBe('');
    expect(cleared.cookie?.attributes['path']).toBe(CONSOLE_SESSION_PATH);
    expect(cleared.cookie?.attributes['expires']).toMatch(/1970/);
  });

  it('refuses every session route without the CSRF header, from another origin or another site', async () => {
    t = await startTestService();
    const login = await signIn(t);
    const own = new URL(t.url).origin;
    const refusals: Record<string, string>[] = [
      {},
      { [CONSOLE_CSRF_HEADER]: '0' },
      { ...CSRF, origin: 'https://evil.example' },
      { ...CSRF, origin: 'null' },
      { ...CSRF, origin: own, 'sec-fetch-site': 'cross-site' },
      { ...CSRF, origin: own, 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of refusals) {
      for (const [method, path, body] of [
        ['POST', CONSOLE_SESSION_PATH, { refreshToken: login.refreshToken }],
        ['POST', CONSOLE_REFRESH_PATH, undefined],
        ['DELETE', CONSOLE_SESSION_PATH, undefined],
      ] as const) {
        const answer = await call(t, method, path, { body, cookie: login.refreshToken, headers });
        expect(answer.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(answer.body.error.code).toBe('csrf_rejected');
        expect(answer.cookie).toBeNull();
      }
    }
    // The token was never spent by the refused refreshes; from the console's own page it works.
    const ok = await call(t, 'POST', CONSOLE_REFRESH_PATH, {
      cookie: login.refreshToken,
      headers: { ...CSRF, origin: own, 'sec-fetch-site': 'same-origin' },
    });
    expect(ok.status).toBe(200);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
    t = await startTestService({ flags: ['--trust-proxy', 'loopback'] });
    const login = await signIn(t);
    const viaProxy = await call(t, 'POST', CONSOLE_SESSION_PATH, {
      body: { refreshToken: login.refreshToken },
      headers: {
        ...CSRF,
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'support.example.com',
        origin: 'https://support.example.com',
      },
    });
    expect(viaProxy.status).toBe(204);
    expect(viaProxy.cookie?.attributes['secure']).toBe(true);
  });

  it('is in the OpenAPI document, its paths served from the service itself (not under /api/v1)', async () => {
    t = await startTestService();
    const doc = expectStatus(await t.api.get<any>('/openapi.json'), 200);
    for (const path of [CONSOLE_SESSION_PATH, CONSOLE_REFRESH_PATH]) {
      expect(doc.paths[path].servers, path).toEqual([{ url: t.url, description: 'This service' }]);
    }
    expect(doc.paths[CONSOLE_REFRESH_PATH].post.operationId).toBe('refreshConsoleSignIn');
    expect(doc.servers[0].url).toBe(`${t.url}/api/v1`);
  });

  it('believes no X-Forwarded-Proto from an untrusted client', async () => {
    t = await startTestService();
    const login = await signIn(t);
    const kept = await call(t, 'POST', CONSOLE_SESSION_PATH, {
      body: { refreshToken: login.refreshToken },
      headers: { ...CSRF, 'x-forwarded-proto': 'https' },
    });
    expect(kept.status).toBe(204);
    expect(kept.cookie?.attributes['secure']).toBeUndefined();
  });
});
