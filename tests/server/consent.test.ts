/**
 * Consent the end user keeps control of, against a real service driven by the test's clock: one Allow
 * access lasts one session (it lapses after the organisation's grace once the last agent disconnects, also
 * across a restart), and the end user can end access from the join page at any time, during a session too.
 * Every such change goes through the change feed like any other.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Change, Organisation, TimelineEvent } from '@shared/protocol/api';
import { translator } from '@shared/i18n/translator';
import { expectStatus, type Api } from '../support/api-client';
import { createRequest, FORM, getRequest, timeline } from '../support/requests';
import { ADMIN, createAgent, startTestService, tokenOf, type TestService } from '../support/service-harness';
import { StreamClient } from '../support/stream-client';

const MINUTE = 60_000;
const en = translator('en');

/** A fresh sign-in of the admin: the tests move the clock past the 15-minute access tokens. */
async function signIn(t: TestService): Promise<{ api: Api; token: string }> {
  const login = expectStatus(await t.api.post<{ accessToken: string }>('/auth/login', ADMIN), 200);
  return { api: t.api.as(login.accessToken), token: login.accessToken };
}

async function admin(t: TestService): Promise<Api> {
  return (await signIn(t)).api;
}

/** A request in the Support channel the end user has allowed (Ready), with the ID typed. */
async function readyRequest(t: TestService, name = 'Jordan'): Promise<SessionRequest> {
  const api = await admin(t);
  const created = await createRequest(api, name, t.supportChannel.id);
  const token = tokenOf(created.link);
  expect((await t.api.call('GET', `/j/${token}`)).status).toBe(200);
  expect((await t.api.call('POST', `/j/${token}/allow`, 'remoteId=123456789', FORM)).status).toBe(303);
  return getRequest(api, created.id);
}

async function connect(api: Api, id: string): Promise<SessionRequest> {
  return expectStatus(await api.post<SessionRequest>(`/requests/${id}/connect`), 200);
}

async function disconnect(api: Api, id: string): Promise<SessionRequest> {
  return expectStatus(await api.post<SessionRequest>(`/requests/${id}/disconnect`), 200);
}

const state = (r: SessionRequest) => ({ status: r.status, consent: r.consent });
const types = (events: readonly TimelineEvent[]) => events.map((e) => e.type);

function joinPage(t: TestService, request: SessionRequest) {
  return t.api.call<string>('GET', `/j/${tokenOf(request.link)}`, undefined, { 'accept-language': 'en' });
}

function endAccess(t: TestService, request: SessionRequest) {
  return t.api.call<string>('POST', `/j/${tokenOf(request.link)}/end`, '', {
    ...FORM,
    'accept-language': 'en',
  });
}

/** The request's changes the stream has carried so far. */
function streamed(stream: StreamClient, id: string) {
  return stream
    .changes()
    .map((c) => c.change)
    .filter((c): c is Extract<Change, { type: 'request' }> => c.type === 'request' && c.request.id === id);
}

describe('consent lasts one session', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.cleanup());

  it('is an organisation setting, 10 minutes by default, that admins change within 0 minutes to a day', async () => {
    const api = await admin(t);
    expect(expectStatus(await api.get<Organisation>('/organisation'), 200).consentGraceMinutes).toBe(10);
    for (const bad of [-1, 1_441, 2.5, '10', null]) {
      const refused = await api.patch('/organisation', { consentGraceMinutes: bad });
      expect(refused.status, String(bad)).toBe(400);
      expect(refused.body.error.fields[0].field).toBe('consentGraceMinutes');
    }
    const changed = expectStatus(
      await api.patch<Organisation>('/organisation', { consentGraceMinutes: 0 }),
      200,
    );
    expect(changed.consentGraceMinutes).toBe(0);
    expectStatus(await api.patch('/organisation', { consentGraceMinutes: 10 }), 200);
  });

  // Before the tests that move the clock: the helper's sign-in stays valid.
  it('starts the grace when the last connected agent leaves the session', async () => {
    const api = await admin(t);
    const helper = await createAgent(t, { channels: [{ id: t.supportChannel.id }] });
    const ready = await readyRequest(t, 'Lee');
    expectStatus(await api.post(`/requests/${ready.id}/invite`, { agentIds: [helper.agent.id] }), 200);
    await connect(helper.api, ready.id);
    const left = expectStatus(await helper.api.post<SessionRequest>(`/requests/${ready.id}/leave`), 200);
    expect(left.status).toBe('ready');
    expect(left.consentLapsesAt).toBe(new Date(t.clock.now() + 10 * MINUTE).toISOString());
    // Closed, so that the lapses the next tests count are their own.
    expectStatus(await api.post(`/requests/${ready.id}/close`), 200);
  });

  it('keeps Ready for the grace after the last disconnect, then lapses to Waiting live, and Connect needs a new Allow', async () => {
    const ready = await readyRequest(t);
    expect(ready.consentLapsesAt).toBeNull();
    const { api, token } = await signIn(t);
    await connect(api, ready.id);
    const stream = await StreamClient.open(t.url, token, ready.seq);
    try {
      const after = await disconnect(api, ready.id);
      expect(state(after)).toEqual({ status: 'ready', consent: 'granted' });
      expect(after.consentLapsesAt).toBe(new Date(t.clock.now() + 10 * MINUTE).toISOString());
      // The page says until when the permission lasts.
      expect((await joinPage(t, after)).body).toContain('The session has ended. Your permission lasts until');

      t.clock.advance(10 * MINUTE - 1);
      expect((await t.service.services.expiry.runDue()).lapsed).toBe(0);
      expect(state(await getRequest(api, ready.id))).toEqual({ status: 'ready', consent: 'granted' });

      t.clock.advance(1);
      expect((await t.service.services.expiry.runDue()).lapsed).toBe(1);
      expect((await t.service.services.expiry.runDue()).lapsed).toBe(0);
      const lapsed = await getRequest(api, ready.id);
      expect(state(lapsed)).toEqual({ status: 'waiting', consent: 'pending' });
      expect(lapsed.consentLapsesAt).toBeNull();

      // Agents see it through the change feed, with the timeline event that says why.
      await stream.waitFor(() => streamed(stream, ready.id).some((c) => c.request.status === 'waiting'));
      const change = streamed(stream, ready.id).at(-1)!;
      expect(state(change.request)).toEqual({ status: 'waiting', consent: 'pending' });
      expect(change.events.map((e) => [e.type, e.actor])).toEqual([['consent_lapsed', { kind: 'system' }]]);

      const refused = await api.post(`/requests/${ready.id}/connect`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('not_ready');

      // The end user's page asks again and says why.
      const page = await joinPage(t, lapsed);
      expect(page.body).toContain(en.t('joinPage.consentLapsed'));
      expect(page.body).toContain(en.t('joinPage.allowButton'));
    } finally {
      stream.close();
    }
  });

  it('lets an agent reconnect within the grace without a new Allow; the next session starts a new grace', async () => {
    const ready = await readyRequest(t, 'Riley');
    const api = await admin(t);
    await connect(api, ready.id);
    await disconnect(api, ready.id);
    t.clock.advance(5 * MINUTE);
    expect(await connect(api, ready.id)).toMatchObject({ status: 'connected', consentLapsesAt: null });
    t.clock.advance(20 * MINUTE);
    expect((await t.service.services.expiry.runDue()).lapsed).toBe(0);
    const after = await disconnect(await admin(t), ready.id);
    expect(after.consentLapsesAt).toBe(new Date(t.clock.now() + 10 * MINUTE).toISOString());
  });

  it('catches up before any action: a Connect after the grace is refused even before the scheduler ran', async () => {
    const ready = await readyRequest(t, 'Casey');
    const api = await admin(t);
    await connect(api, ready.id);
    await disconnect(api, ready.id);
    t.clock.advance(10 * MINUTE);
    const refused = await api.post(`/requests/${ready.id}/connect`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_ready');
    expect(types(await timeline(api, ready.id)).slice(-2)).toEqual(['disconnected', 'consent_lapsed']);
  });

  it('with a grace of 0, lapses in the same change as the last disconnect', async () => {
    const api = await admin(t);
    expectStatus(await api.patch('/organisation', { consentGraceMinutes: 0 }), 200);
    try {
      const ready = await readyRequest(t, 'Zero');
      await connect(api, ready.id);
      const after = await disconnect(api, ready.id);
      expect(state(after)).toEqual({ status: 'waiting', consent: 'pending' });
      expect(after.consentLapsesAt).toBeNull();
      const last = (await timeline(api, ready.id)).slice(-2);
      expect(types(last)).toEqual(['disconnected', 'consent_lapsed']);
      expect(last.map((e) => e.seq)).toEqual([after.seq, after.seq]);
    } finally {
      expectStatus(await api.patch('/organisation', { consentGraceMinutes: 10 }), 200);
    }
  });
});

describe('a lapse across a restart', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('lapses at once on start when the grace ran out while the service was stopped', async () => {
    t = await startTestService();
    const ready = await readyRequest(t);
    await connect(t.admin, ready.id);
    await disconnect(t.admin, ready.id);
    await t.stop();
    t.clock.advance(11 * MINUTE);
    t = await t.restart({ scheduler: true });
    // No polling: the scheduler's first run happens as the service starts.
    const after = await getRequest(t.admin, ready.id);
    expect(state(after)).toEqual({ status: 'waiting', consent: 'pending' });
    expect(types(await timeline(t.admin, ready.id)).at(-1)).toBe('consent_lapsed');
  });
});

describe('the end user ends access', () => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(() => t.cleanup());

  it('offers End access on the page while Ready and while Connected, as a form posting to the site root', async () => {
    const ready = await readyRequest(t);
    const form = new RegExp(`<form [^>]*action="/j/${tokenOf(ready.link)}/end" method="post"`);
    const readyPage = (await joinPage(t, ready)).body;
    expect(readyPage).toMatch(form);
    expect(readyPage).toContain(en.t('joinPage.endAccessButton'));
    await connect(t.admin, ready.id);
    const connected = (await joinPage(t, ready)).body;
    expect(connected).toContain(en.t('joinPage.connected'));
    expect(connected).toMatch(form);
  });

  it('from Ready: Waiting with access denied at once, written in the timeline as the end user’s', async () => {
    const ready = await readyRequest(t, 'Robin');
    const stream = await StreamClient.open(t.url, t.admin.token, ready.seq);
    try {
      const answer = await endAccess(t, ready);
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`/j/${tokenOf(ready.link)}`);
      const after = await getRequest(t.admin, ready.id);
      expect(state(after)).toEqual({ status: 'waiting', consent: 'denied' });
      const last = (await timeline(t.admin, ready.id)).at(-1)!;
      expect([last.type, last.actor]).toEqual(['access_ended', { kind: 'end_user' }]);
      await stream.waitFor(() => streamed(stream, ready.id).some((c) => c.request.consent === 'denied'));
      expect(types(streamed(stream, ready.id).at(-1)!.events)).toEqual(['access_ended']);

      expect((await joinPage(t, after)).body).toContain(en.t('joinPage.accessEnded'));
      // A second click (another tab) changes nothing.
      expect((await endAccess(t, ready)).status).toBe(303);
      expect((await getRequest(t.admin, ready.id)).seq).toBe(after.seq);
    } finally {
      stream.close();
    }
  });

  it('during a session: nobody is connected any more, and the agent’s client exiting afterwards is refused', async () => {
    const ready = await readyRequest(t, 'Sam');
    await connect(t.admin, ready.id);
    expect((await endAccess(t, ready)).status).toBe(303);
    const after = await getRequest(t.admin, ready.id);
    expect(after).toMatchObject({ status: 'waiting', consent: 'denied', connectedAgentIds: [] });
    const refused = await t.admin.post(`/requests/${ready.id}/disconnect`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_connected');
    // Connecting again needs the agent to ask and the end user to allow.
    expect((await t.admin.post(`/requests/${ready.id}/connect`)).status).toBe(409);
    expectStatus(await t.admin.post(`/requests/${ready.id}/rerequest`), 200);
    expect(state(await getRequest(t.admin, ready.id))).toEqual({ status: 'waiting', consent: 'pending' });
  });

  it('changes nothing before access was allowed, and answers an unknown link with the not-found page', async () => {
    const created = await createRequest(t.admin, 'Pat');
    expect((await joinPage(t, created)).status).toBe(200);
    const before = await getRequest(t.admin, created.id);
    expect((await endAccess(t, created)).status).toBe(303);
    expect(await getRequest(t.admin, created.id)).toEqual(before);
    const unknown = await t.api.call('POST', `/j/${'A'.repeat(32)}/end`, '', FORM);
    expect(unknown.status).toBe(404);
  });
});
