/**
 * Real answers match the OpenAPI document. A real service records every /api/v1 answer
 * (SESSIONDESK_API_RECORDING_DIR, server/http/api-recording.ts) while a scripted tour calls every operation
 * the document lists — successes, refusals by the rules, bad input, rate limits, the framework's own 413
 * and 415 — and each recorded answer is then checked against the document's schema for its operation,
 * status and media type (tests/support/api-conformance.ts, the same check the e2e suite ends with).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Channel, LoginResponse, SecondFactorRequired, TwoFactorEnrolment } from '@shared/protocol/api';
import {
  CONSOLE_COOKIE_NAME,
  CONSOLE_CSRF_HEADER,
  CONSOLE_REFRESH_PATH,
  CONSOLE_SESSION_PATH,
} from '@shared/protocol/console';
import { API_RECORDING_ENV } from '../../server/http/api-recording';
import { Limit } from '../../server/services/rate-limits';
import { expectStatus, type ApiResponse } from '../support/api-client';
import {
  checkResponses,
  readRecordedResponses,
  summarize,
  type ConformanceReport,
  type RecordedResponse,
} from '../support/api-conformance';
import type { Json } from '../support/openapi-document';
import { FORM } from '../support/requests';
import { ADMIN, createAgent, startTestService, tokenOf, type TestService } from '../support/service-harness';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** Statuses the framework answers on any route (too large, wrong media type): documented as 4XX. */
const FRAMEWORK_STATUSES = [413, 415];

let t: TestService;
let recordings: string;
let doc: Json;
let records: RecordedResponse[];
let report: ConformanceReport;

beforeAll(async () => {
  recordings = mkdtempSync(join(tmpdir(), 'sessiondesk-answers-'));
  process.env[API_RECORDING_ENV] = recordings;
  try {
    t = await startTestService({
      limits: {
        loginPerAddress: new Limit(1_000, 60, 'Too many sign-in attempts from this address.'),
        loginAttemptsPerAccount: new Limit(2, 900, 'Too many sign-in attempts for this account.'),
        joinPerAgent: new Limit(3, 60, 'Too many attempts to join by session code.'),
      },
      // The tour's webhook posts to a closed port on loopback.
      flags: ['--webhooks-allow-private', 'true'],
    });
  } finally {
    delete process.env[API_RECORDING_ENV];
  }
  await tour(t);
  doc = expectStatus(await t.api.get<Json>('/openapi.json'), 200);
  await t.stop();
  records = readRecordedResponses(recordings);
  report = checkResponses(doc, records);
  console.log(summarize(report));
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
  rmSync(recordings, { recursive: true, force: true });
});

/** Fails the tour, naming the step, when a call does not answer as the script expects. */
function step<T>(what: string, response: ApiResponse<T>, status: number): T {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Every operation, with the answers an integration meets: successes, refusals, bad input, limits. */
async function tour(service: TestService): Promise<void> {
  const { api, admin } = service;

  // Signing in, refreshing, signing out.
  const login = step('sign in', await api.post<LoginResponse>('/auth/login', ADMIN), 200);
  step('wrong password', await api.post('/auth/login', { ...ADMIN, password: 'not the password' }), 401);
  step('sign-in without a password', await api.post('/auth/login', { email: ADMIN.email }), 400);
  const guess = { email: 'nobody@example.com', password: 'a guess' };
  step('first guess', await api.post('/auth/login', guess), 401);
  step('second guess', await api.post('/auth/login', guess), 401);
  step('a guess past the limit', await api.post('/auth/login', guess), 429);
  step('refresh', await api.post('/auth/refresh', { refreshToken: login.refreshToken }), 200);
  step('refresh token reused', await api.post('/auth/refresh', { refreshToken: login.refreshToken }), 401);
  step('refresh without a token', await api.post('/auth/refresh', {}), 400);
  const other = step('sign in again', await api.post<LoginResponse>('/auth/login', ADMIN), 200);
  step('sign out, no body', await api.as(other.accessToken).call('POST', '/api/v1/auth/logout'), 204);
  step('sign out signed out', await api.as(other.accessToken).post('/auth/logout', {}), 401);

  // Agents.
  step('me', await admin.get('/me'), 200);
  step('agents', await admin.get('/agents'), 200);
  const bob = await createAgent(service, {
    name: 'Bob Tour',
    channels: [{ id: service.supportChannel.id, canRelease: true }],
  });
  const carol = await createAgent(service, {
    name: 'Carol Tour',
    channels: [{ id: service.supportChannel.id }],
  });
  const erin = await createAgent(service, {
    name: 'Erin Tour',
    channels: [{ id: service.supportChannel.id }],
  });
  const newAgent = { email: 'new.agent@example.com', name: 'New Agent', password: 'long enough password' };
  step('an address taken', await admin.post('/agents', { ...newAgent, email: bob.agent.email }), 409);
  step('an agent creating agents', await bob.api.post('/agents', newAgent), 403);
  step('an agent without a name', await admin.post('/agents', { email: newAgent.email }), 400);
  step('rename', await admin.patch(`/agents/${carol.agent.id}`, { name: 'Carol Renamed' }), 200);
  step('rename nobody', await admin.patch(`/agents/${UNKNOWN_ID}`, { name: 'Nobody' }), 404);
  step('rename a non-id', await admin.patch('/agents/not-an-id', { name: 'Nobody' }), 400);
  const dora = await createAgent(service, { name: 'Dora Disabled' });
  step('disable', await admin.patch(`/agents/${dora.agent.id}`, { disabled: true }), 200);
  step(
    'a disabled agent signs in',
    await api.post('/auth/login', { email: dora.agent.email, password: 'a long enough password' }),
    403,
  );
  step('a disabled agent calls', await dora.api.get('/me'), 401);

  // Two-factor sign-in: Erin sets it up, signs in with a code, renews her recovery codes, turns it off.
  const code = (secret: string) => generate({ secret, epoch: Math.floor(service.clock.now() / 1000) });
  const nextStep = () => service.clock.advance(30_000);
  const { secret } = step('start two-factor', await erin.api.post<TwoFactorEnrolment>('/me/two-factor'), 200);
  step('confirm a wrong code', await erin.api.post('/me/two-factor/confirm', { code: '000000' }), 403);
  step('confirm', await erin.api.post('/me/two-factor/confirm', { code: await code(secret) }), 200);
  step('start while on', await erin.api.post('/me/two-factor'), 409);
  nextStep();
  const erinLogin = { email: erin.agent.email, password: 'a long enough password' };
  const { secondFactor } = step(
    'a password asking for a code',
    await api.post<SecondFactorRequired>('/auth/login', erinLogin),
    200,
  );
  const erinCode = await code(secret);
  const secondStep = { challenge: secondFactor.challenge, code: erinCode };
  step('the second step', await api.post('/auth/login/second-factor', secondStep), 200);
  step('the second step again', await api.post('/auth/login/second-factor', secondStep), 401);
  step('a second step without a code', await api.post('/auth/login/second-factor', { challenge: 'x' }), 400);
  nextStep();
  const renew = { code: await code(secret) };
  step('new recovery codes', await erin.api.post('/me/two-factor/recovery-codes', renew), 200);
  nextStep();
  step(
    'two-factor off',
    await erin.api.call('DELETE', '/api/v1/me/two-factor', { code: await code(secret) }),
    204,
  );
  step('two-factor off when off', await erin.api.call('DELETE', '/api/v1/me/two-factor', renew), 409);
  step('reset an agent’s two-factor', await admin.post(`/agents/${erin.agent.id}/two-factor/reset`), 204);
  step('reset nobody’s two-factor', await admin.post(`/agents/${UNKNOWN_ID}/two-factor/reset`), 404);

  // Channels and members.
  step('channels', await admin.get('/channels'), 200);
  const channel = step('new channel', await admin.post<Channel>('/channels', { name: 'Tour channel' }), 201);
  step('an agent creating channels', await bob.api.post('/channels', { name: 'Not allowed' }), 403);
  step('channel limit', await admin.patch(`/channels/${channel.id}`, { participantLimit: 3 }), 200);
  step('no such channel', await admin.patch(`/channels/${UNKNOWN_ID}`, { name: 'Nowhere' }), 404);
  const member = `/api/v1/channels/${channel.id}/members/${bob.agent.id}`;
  step('add a member, no body', await admin.call('PUT', member), 200);
  step('remove the member', await admin.delete(`/channels/${channel.id}/members/${bob.agent.id}`), 200);
  step('remove them again', await admin.delete(`/channels/${channel.id}/members/${bob.agent.id}`), 404);

  // The organisation.
  step('organisation', await admin.get('/organisation'), 200);
  step('change it', await admin.patch('/organisation', { remoteAppName: 'AnyDesk' }), 200);
  step('an agent changing it', await bob.api.patch('/organisation', { name: 'Not allowed' }), 403);
  step('a change of nothing', await admin.patch('/organisation', {}), 400);
  const canned = { messages: [{ name: 'read-id', texts: { en: 'Read me the ID, please.' } }] };
  step('replace the canned messages', await admin.put('/canned-messages', canned), 200);
  step('an agent replacing them', await bob.api.put('/canned-messages', canned), 403);
  step('the canned messages', await bob.api.get('/canned-messages'), 200);

  // Requests.
  const support = service.supportChannel.id;
  const input = { recipientName: 'Ana Souza', recipientEmail: 'ana@example.com', channelId: support };
  const key = { 'idempotency-key': 'tour-create' };
  const request = step('create', await admin.post<SessionRequest>('/requests', input, key), 201);
  step('create, replayed', await admin.post('/requests', input, key), 201);
  step('the key for another request', await admin.post('/requests', { recipientName: 'Ben' }, key), 409);
  step('create without a name', await admin.post('/requests', { recipientName: '' }), 400);
  step('list by statuses', await admin.get('/requests?status=open,waiting&status=ready&limit=2'), 200);
  step('list the past', await admin.get('/requests?view=past'), 200);
  step('list by an unknown status', await admin.get('/requests?status=paused'), 400);
  step('one request', await admin.get(`/requests/${request.id}`), 200);
  step('no such request', await admin.get(`/requests/${UNKNOWN_ID}`), 404);
  step('its timeline', await admin.get(`/requests/${request.id}/events`), 200);

  // Its actions, in an order the state machine allows.
  const act = (who: typeof admin, action: string, body?: unknown) =>
    who.call('POST', `/api/v1/requests/${request.id}/${action}`, body);
  step('assign', await act(admin, 'assign', { agentId: bob.agent.id }), 200);
  step('transfer to nobody', await act(bob.api, 'transfer', {}), 400);
  step('transfer', await act(bob.api, 'transfer', { agentId: carol.agent.id, note: 'Yours' }), 200);
  step('release, no body', await act(admin, 'release'), 200);
  step('pick up, no body', await act(bob.api, 'pickup'), 200);
  step('invite', await act(bob.api, 'invite', { agentIds: [carol.agent.id] }), 200);
  step('join by code', await erin.api.post('/join', { sessionCode: request.sessionCode }), 200);
  step('join a wrong code', await erin.api.post('/join', { sessionCode: '0000 0000' }), 404);
  step('join a wrong code again', await erin.api.post('/join', { sessionCode: '0000-0001' }), 404);
  step('join past the limit', await erin.api.post('/join', { sessionCode: request.sessionCode }), 429);
  step('leave, no body', await act(carol.api, 'leave'), 200);
  step('connect before access', await act(bob.api, 'connect'), 409);
  step('the end user opens the link', await api.call('GET', `/j/${tokenOf(request.link)}`), 200);
  const allow = await api.call('POST', `/j/${tokenOf(request.link)}/allow`, 'remoteId=123456789', FORM);
  step('the end user allows access', allow, 303);
  step('connect, no body', await act(bob.api, 'connect'), 200);
  step('disconnect', await act(bob.api, 'disconnect', {}), 200);
  step('note', await act(bob.api, 'notes', { text: 'Called Ana' }), 200);
  step('message the end user', await act(bob.api, 'messages', { text: 'On my way', byEmail: true }), 200);
  step('an empty message', await act(bob.api, 'messages', { text: ' ' }), 400);
  const inAnHour = new Date(service.clock.now() + 3_600_000).toISOString();
  step('reschedule', await act(bob.api, 'reschedule', { scheduledAt: inAnHour }), 200);
  step('resend the invitation', await act(bob.api, 'resend'), 200);
  step('end the session', await act(bob.api, 'end'), 200);
  step('connect once closed', await act(bob.api, 'connect'), 409);

  const denied = step(
    'another',
    await admin.post<SessionRequest>('/requests', { recipientName: 'Dan' }),
    201,
  );
  step('the end user opens it', await api.call('GET', `/j/${tokenOf(denied.link)}`), 200);
  const denial = await api.call('POST', `/j/${tokenOf(denied.link)}/deny`, '', FORM);
  step('the end user denies access', denial, 303);
  step('request access again', await admin.post(`/requests/${denied.id}/rerequest`), 200);
  step('close', await admin.post(`/requests/${denied.id}/close`), 200);
  step('someone else deletes it', await bob.api.delete(`/requests/${denied.id}`), 404);
  step('delete', await admin.delete(`/requests/${denied.id}`), 204);

  // Integration tokens, and what an integration meets with one.
  const tokens = '/integrations/tokens';
  const scopes = ['requests:read', 'requests:write'];
  const minted = step(
    'a token',
    await admin.post<{ id: string; token: string }>(tokens, { name: 'Desk', scopes }),
    201,
  );
  step('a token without scopes', await admin.post(tokens, { name: 'Desk', scopes: [] }), 400);
  step('an agent minting tokens', await bob.api.post(tokens, { name: 'Desk', scopes }), 403);
  step('the tokens', await admin.get(tokens), 200);
  const desk = api.as(minted.token);
  const ticket = { externalRef: { system: 'freshservice', id: 'INC-1042' } };
  const assignTo = { type: 'agentEmail', email: bob.agent.email };
  const fromTicket = { recipientName: 'Ivo', channelId: support, assignTo, ...ticket };
  const created = step('create for an agent', await desk.post<SessionRequest>('/requests', fromTicket), 201);
  step('find by ticket', await desk.get('/requests?externalSystem=freshservice&externalId=INC-1042'), 200);
  step('link another ticket', await desk.patch(`/requests/${created.id}`, ticket), 200);
  step('a ticket without an id', await desk.patch(`/requests/${created.id}`, { externalRef: {} }), 400);
  step(
    'unlink it as another agent',
    await carol.api.patch(`/requests/${created.id}`, { externalRef: null }),
    403,
  );
  step('a ticket of no request', await desk.patch(`/requests/${UNKNOWN_ID}`, { externalRef: null }), 404);
  step('a scope not granted', await desk.post(`/requests/${created.id}/notes`, { text: 'Hi' }), 403);
  step('an agents-only route', await desk.get('/me'), 403);
  step('revoke it', await admin.delete(`${tokens}/${minted.id}`), 204);
  step('revoke it again', await admin.delete(`${tokens}/${minted.id}`), 404);
  step('revoke a non-id', await admin.delete(`${tokens}/not-an-id`), 400);
  step('a revoked token', await desk.get('/requests'), 401);
  step('an agent listing tokens', await bob.api.get(tokens), 403);
  // Webhooks.
  const hooks = '/integrations/webhooks';
  const hookInput = { url: 'http://127.0.0.1:9/hooks', events: ['request.created'] };
  const hook = step('add a webhook', await admin.post<{ id: string }>(hooks, hookInput), 201);
  step('a webhook without events', await admin.post(hooks, { ...hookInput, events: [] }), 400);
  step('an agent adds a webhook', await bob.api.post(hooks, hookInput), 403);
  step('list webhooks', await admin.get(hooks), 200);
  step('read a webhook', await admin.get(`${hooks}/${hook.id}`), 200);
  step('change a webhook', await admin.patch(`${hooks}/${hook.id}`, { description: 'Tour' }), 200);
  const ping = step('test a webhook', await admin.post<{ id: string }>(`${hooks}/${hook.id}/test`), 200);
  step('rotate its secret', await admin.post(`${hooks}/${hook.id}/rotate-secret`, {}), 200);
  step('its deliveries', await admin.get(`${hooks}/${hook.id}/deliveries?limit=1`), 200);
  step('redeliver', await admin.post(`${hooks}/${hook.id}/deliveries/${ping.id}/redeliver`), 200);
  step('delete a webhook', await admin.delete(`${hooks}/${hook.id}`), 204);
  step('a deleted webhook', await admin.get(`${hooks}/${hook.id}`), 404);

  // The change feed.
  step('sync from 0', await admin.get('/sync?since=0'), 200);
  step('sync after a change', await admin.get(`/sync?since=${request.seq}&limit=1`), 200);
  step('sync from the future', await admin.get('/sync?since=999999999'), 410);
  step('sync from nowhere', await admin.get('/sync?since=-1'), 400);

  // The audit log: a page, the exports (text, not JSON: their media type is checked), refusals.
  step('audit page', await admin.get('/audit?limit=5&type=request.'), 200);
  step('audit as CSV', await admin.get('/audit?format=csv&type=agent.'), 200);
  step('audit as JSON Lines', await admin.get('/audit?format=jsonl&type=agent.'), 200);
  step('an agent reading the audit log', await bob.api.get('/audit'), 403);
  step('an audit cursor that is not one', await admin.get('/audit?cursor=x'), 400);
  // Reports.
  step('a report', await admin.get('/reports/summary'), 200);
  step('a report of a channel', await admin.get(`/reports/summary?channelId=${support}`), 200);
  const backwards = 'from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z';
  step('a report ending before it starts', await admin.get(`/reports/summary?${backwards}`), 400);
  step('another agent’s report', await bob.api.get(`/reports/summary?agentId=${carol.agent.id}`), 403);
  step('a report of no channel', await admin.get(`/reports/summary?channelId=${UNKNOWN_ID}`), 404);
  step('the requests as CSV', await admin.get('/reports/requests.csv'), 200);
  step('a CSV with a bad filter', await admin.get('/reports/requests.csv?from=yesterday'), 400);
  // Single sign-on, on a service without it (tests/server/sso.test.ts runs it against a real provider).
  step('single sign-on offered?', await api.get('/auth/sso'), 200);
  const challenge = { codeChallenge: 'a'.repeat(43), codeChallengeMethod: 'S256' };
  const loopback = 'http://127.0.0.1:49152/sso';
  step('start without SSO', await api.post('/auth/sso/start', { redirectUri: loopback, ...challenge }), 404);
  step('start without a challenge', await api.post('/auth/sso/start', { redirectUri: loopback }), 400);
  const exchange = { code: 'a-code', codeVerifier: 'v'.repeat(43) };
  step('exchange without SSO', await api.post('/auth/sso/token', exchange), 404);
  step('exchange a short verifier', await api.post('/auth/sso/token', { code: 'a', codeVerifier: 'v' }), 400);
  step('the SSO policy', await admin.get('/organisation/sso-policy'), 200);
  step('an agent reading the SSO policy', await bob.api.get('/organisation/sso-policy'), 403);
  step('SSO just in time', await admin.patch('/organisation/sso-policy', { justInTime: true }), 200);
  step('an SSO policy change of nothing', await admin.patch('/organisation/sso-policy', {}), 400);
  step(
    'an agent changing the SSO policy',
    await bob.api.patch('/organisation/sso-policy', { ssoOnly: true }),
    403,
  );
  step('the SSO mapping', await admin.get('/organisation/sso-mappings'), 200);
  step('an agent reading the SSO mapping', await bob.api.get('/organisation/sso-mappings'), 403);
  const mapping = { group: 'helpdesk', roles: ['support_agent'], channels: [{ channelId: support }] };
  step('a new SSO mapping', await admin.put('/organisation/sso-mappings', { mappings: [mapping] }), 200);
  step(
    'an SSO mapping to no channel',
    await admin.put('/organisation/sso-mappings', {
      mappings: [{ ...mapping, channels: [{ channelId: UNKNOWN_ID }] }],
    }),
    400,
  );
  step(
    'an agent changing the SSO mapping',
    await bob.api.put('/organisation/sso-mappings', { mappings: [] }),
    403,
  );
  // Text messages (issue 19): the gateway is a closed port on loopback, so the test message says so.
  const gateway = '/organisation/sms-gateway';
  step('no SMS gateway', await admin.get(gateway), 200);
  const noPhone = step(
    'a request without a phone',
    await admin.post<SessionRequest>('/requests', { recipientName: 'Fay' }),
    201,
  );
  step('an SMS invitation without a phone', await admin.post(`/requests/${noPhone.id}/sms-invitation`), 409);
  const twilio = {
    kind: 'twilio',
    accountSid: 'AC0123456789abcdef',
    authToken: 'a-token',
    from: '+14155550100',
    baseUrl: 'http://127.0.0.1:9',
  };
  step('an SMS gateway', await admin.put(gateway, twilio), 200);
  const twoSenders = { ...twilio, messagingServiceSid: 'MG0123456789abcdef' };
  step('an SMS gateway with two senders', await admin.put(gateway, twoSenders), 400);
  step('an agent reading the SMS gateway', await bob.api.get(gateway), 403);
  step('a test SMS', await admin.post(`${gateway}/test`, { to: '+41 79 123 45 67' }), 200);
  const texted = step(
    'a request with a phone',
    await admin.post<SessionRequest>('/requests', { recipientName: 'Eve', recipientPhone: '+41791234567' }),
    201,
  );
  step('the invitation by SMS', await admin.post(`/requests/${texted.id}/sms-invitation`), 200);
  step(
    'a phone number',
    await admin.patch(`/requests/${texted.id}`, { recipientPhone: '+33 6 12 34 56 78' }),
    200,
  );
  step('no SMS gateway any more', await admin.call('DELETE', `/api/v1${gateway}`), 204);
  const leaving = step('sign in to leave', await api.post<LoginResponse>('/auth/login', ADMIN), 200);
  step('sign out, with SSO’s answer', await api.as(leaving.accessToken).post('/auth/sso/logout', {}), 200);
  step('sign out of SSO, signed out', await api.as(leaving.accessToken).post('/auth/sso/logout', {}), 401);

  // The web console: a stream ticket, and its kept sign-in (outside /api/v1, behind the CSRF header).
  step('a stream ticket', await admin.post('/stream/tickets'), 201);
  step('a stream ticket, signed out', await api.post('/stream/tickets'), 401);
  const csrf = { [CONSOLE_CSRF_HEADER]: '1' };
  const kept = step('sign in to keep', await api.post<LoginResponse>('/auth/login', ADMIN), 200);
  const keep = JSON.stringify({ refreshToken: kept.refreshToken });
  const json = { 'content-type': 'application/json' };
  step('keep a sign-in', await api.call('POST', CONSOLE_SESSION_PATH, keep, { ...json, ...csrf }), 204);
  step('keep without CSRF', await api.call('POST', CONSOLE_SESSION_PATH, keep, json), 403);
  step('keep nothing', await api.call('POST', CONSOLE_SESSION_PATH, '{}', { ...json, ...csrf }), 400);
  const cookie = { cookie: `${CONSOLE_COOKIE_NAME}=${kept.refreshToken}` };
  step(
    'refresh the kept sign-in',
    await api.call('POST', CONSOLE_REFRESH_PATH, undefined, { ...csrf, ...cookie }),
    200,
  );
  step(
    'refresh it again',
    await api.call('POST', CONSOLE_REFRESH_PATH, undefined, { ...csrf, ...cookie }),
    401,
  );
  step('forget the kept sign-in', await api.call('DELETE', CONSOLE_SESSION_PATH, undefined, csrf), 204);
  step('forget without CSRF', await api.call('DELETE', CONSOLE_SESSION_PATH), 403);

  // What the framework answers before any handler.
  const xml = { 'content-type': 'application/xml' };
  step('a body in XML', await admin.call('POST', '/api/v1/requests', '<name>Ana</name>', xml), 415);
  const huge = JSON.stringify({ recipientName: 'Ana', comments: 'x'.repeat(70_000) });
  step('a body too large', await admin.call('POST', '/api/v1/requests', huge), 413);
  step('no token', await api.get('/channels'), 401);
}

describe('the answers of a real service, checked against its OpenAPI document', () => {
  it('were recorded, one line per answer', () => {
    expect(records.length).toBeGreaterThan(80);
    expect(records[0]).toMatchObject({
      method: expect.any(String),
      route: expect.stringMatching(/^\/api\/v1\//),
      status: expect.any(Number),
      headers: expect.any(Object),
    });
  });

  it('all match it', () => {
    expect(report.failures).toEqual([]);
  });

  it('reach every operation it documents', () => {
    expect(report.unreached).toEqual([]);
  });

  it('meet the statuses it names explicitly, the framework’s own 413 and 415 aside', () => {
    const general = report.checked.filter((c) => !/^\d+$/.test(c.documentedAs));
    expect(general.map((c) => c.record.status).sort()).toEqual(FRAMEWORK_STATUSES);
  });

  it('include a replay, which says so', () => {
    const replays = records.filter((r) => r.headers['idempotent-replayed'] !== undefined);
    expect(
      replays.map((r) => `${r.method} ${r.route} ${r.status} ${r.headers['idempotent-replayed']}`),
    ).toEqual(['POST /api/v1/requests 201 true']);
  });

  it('include rate limits, with their Retry-After', () => {
    const limited = records.filter((r) => r.status === 429);
    expect(limited.map((r) => `${r.method} ${r.route}`).sort()).toEqual([
      'POST /api/v1/auth/login',
      'POST /api/v1/join',
    ]);
    for (const record of limited) expect(Number(record.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('the check itself', () => {
  const recorded = (route: string, status: number) => {
    const found = records.find((r) => r.route === route && r.status === status);
    if (!found) throw new Error(`no ${status} answer of ${route} was recorded`);
    return found;
  };

  it('fails on a body that does not match, naming the route, the status and the mismatch', () => {
    const real = recorded('/api/v1/requests/:id', 200);
    const body = { ...JSON.parse(real.body!), status: 'paused', colour: 'blue' };
    const { failures } = checkResponses(doc, [{ ...real, body: JSON.stringify(body) }]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('GET /requests/{id} → 200 (getRequest');
    expect(failures[0]).toContain('/status must be equal to one of the allowed values');
    expect(failures[0]).toContain('must NOT have additional properties');
    expect(failures[0]).toContain('colour');
  });

  it('fails on a status the operation does not document', () => {
    const real = recorded('/api/v1/requests/:id', 200);
    const { failures } = checkResponses(doc, [{ ...real, status: 302 }]);
    expect(failures).toEqual([
      'GET /requests/{id} → 302 (getRequest): status 302 is not documented for this operation',
    ]);
  });

  it('fails on a 429 without Retry-After, and on an answer of a route the document lacks', () => {
    const limited = recorded('/api/v1/auth/login', 429);
    const { 'retry-after': _dropped, ...headers } = limited.headers;
    const { failures } = checkResponses(doc, [
      { ...limited, headers },
      { ...limited, route: '/api/v1/auth/elsewhere' },
    ]);
    expect(failures).toEqual([
      'POST /auth/login → 429 (login, documented as 429): the Retry-After header is missing',
      'POST /auth/elsewhere → 429: the document has no operation POST /auth/elsewhere',
    ]);
  });
});
