/**
 * No answer that carries tokens or request data may be kept by a browser or a proxy cache: every answer of
 * the API (each route the OpenAPI document lists, successes and refusals alike), the health check, and the
 * end user's pages and their redirects send `Cache-Control: no-store`. Only the join page's static assets,
 * which carry no data and change name with each version, may be cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { LoginResponse } from '@shared/protocol/api';
import { Limit } from '../../server/services/rate-limits';
import { Api, expectStatus, type ApiResponse } from '../support/api-client';
import { createChannel, createRequest, FORM } from '../support/requests';
import { ADMIN, createAgent, startTestService, tokenOf, type TestService } from '../support/service-harness';

type Json = Record<string, any>;
const API = '/api/v1';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({
    limits: { loginPerAddress: new Limit(10_000, 60, 'Too many sign-in attempts.') },
  });
});

afterAll(() => t.cleanup());

function expectNoStore(response: ApiResponse, what: string): void {
  expect(response.headers.get('cache-control'), `${what} (HTTP ${response.status})`).toBe('no-store');
}

async function signIn(): Promise<LoginResponse> {
  return expectStatus(await t.api.post<LoginResponse>('/auth/login', ADMIN), 200);
}

describe('Cache-Control: no-store', () => {
  it('on the answers that carry tokens: sign-in and refresh', async () => {
    const login = await t.api.post<LoginResponse>('/auth/login', ADMIN);
    expect(login.status).toBe(200);
    expectNoStore(login, 'POST /auth/login');
    const refreshed = await t.api.post('/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expectNoStore(refreshed, 'POST /auth/refresh');
  });

  it('on the answers that carry request data: a created request, one request, the list, the feed', async () => {
    const created = await t.admin.post<SessionRequest>('/requests', { recipientName: 'Cached Carla' });
    expect(created.status).toBe(201);
    expectNoStore(created, 'POST /requests');
    for (const path of [`/requests/${created.body.id}`, '/requests', '/sync?since=0', '/me']) {
      const response = await t.admin.get(path);
      expect(response.status, path).toBe(200);
      expectNoStore(response, `GET ${path}`);
    }
  });

  it('on every route of the API, whatever it answers', async () => {
    const doc = expectStatus(await t.admin.get<Json>('/openapi.json'), 200);
    const api = t.api.as((await signIn()).accessToken);
    const agent = await createAgent(t);
    const channel = await createChannel(t, [agent]);
    const request = await createRequest(api, 'Walked Wanda', channel.id);
    const ids: Record<string, string> = { id: request.id, agentId: agent.agent.id };
    const calls: [string, string][] = [];
    for (const [path, item] of Object.entries<Json>(doc['paths'])) {
      for (const method of Object.keys(item)) calls.push([method.toUpperCase(), path]);
    }
    expect(calls.length).toBeGreaterThan(30);
    // Signing out ends the session the walk uses: last.
    calls.sort(([, a], [, b]) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')));
    for (const [method, path] of calls) {
      const concrete = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        path.startsWith(`${API}/channels`) && name === 'id' ? channel.id : (ids[name] ?? name),
      );
      const query = path.endsWith('/sync') ? '?since=0' : '';
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const withToken = await api.call(method, `${concrete}${query}`, body);
      expectNoStore(withToken, `${method} ${path}`);
      const without = await t.api.call(method, `${concrete}${query}`, body);
      expectNoStore(without, `${method} ${path} without a token`);
    }
  });

  it('on refusals: unknown or undecodable paths, bad input, a missing token', async () => {
    expectNoStore(await t.api.call('GET', '/nowhere'), 'an unknown path');
    expectNoStore(await t.admin.get('/requests/%zz'), 'a path that cannot be decoded');
    expectNoStore(await t.api.get('/me'), 'no token');
    expectNoStore(await t.admin.post('/requests', { recipientName: '' }), 'invalid input');
    expectNoStore(await t.admin.call('POST', `${API}/requests`, '{not json'), 'bad JSON');
  });

  it('on the health check', async () => {
    expectNoStore(await t.api.call('GET', '/healthz'), 'GET /healthz');
  });

  it('on the end user’s pages and their redirects, which carry the link token', async () => {
    const request = await createRequest(t.admin, 'Paged Paula');
    const token = tokenOf(request.link);
    const pages: [string, Promise<ApiResponse>][] = [
      ['GET /j/<token>', t.api.call('GET', `/j/${token}`)],
      ['GET /pin', t.api.call('GET', '/pin')],
      ['POST /pin', t.api.call('POST', '/pin', `pin=${request.pin}`, FORM)],
      ['POST /j/<token>/deny', t.api.call('POST', `/j/${token}/deny`, '', FORM)],
      ['GET /j/<unknown>', t.api.call('GET', `/j/${'x'.repeat(32)}`)],
      ['GET /set-password/<unknown>', t.api.call('GET', `/set-password/${'x'.repeat(43)}`)],
    ];
    for (const [what, answer] of pages) expectNoStore(await answer, what);
  });

  it('but not on the static assets, which carry no data', async () => {
    const css = await new Api(t.url).call('GET', '/assets/join.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
