/**
 * Collaborative sessions through the HTTP API of a real service, the rules the client's Leave dialog and
 * Join session dialog only mirror: leaving (the session goes on; the owner hands over to the
 * longest-standing participant, or alone back to the queue), End session (owner or admin only, closes it
 * for everyone and retires the code), joining by code (wrong, closed; a live code in a channel the agent
 * may not use answers exactly as a wrong one), and a Private channel's requests staying out of every other
 * agent's list, feed and lookups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { Limit } from '../../server/services/rate-limits';
import { expectRefused, expectStatus } from '../support/api-client';
import { createChannel, createRequest, FORM, getRequest, syncAll, timeline } from '../support/requests';
import {
  createAgent,
  startTestService,
  tokenOf,
  type TestAgent,
  type TestService,
} from '../support/service-harness';

let t: TestService;
let owner: TestAgent;
let first: TestAgent;
let second: TestAgent;
let outsider: TestAgent;
let channelId: string;

beforeAll(async () => {
  t = await startTestService({
    limits: {
      loginPerAddress: new Limit(10_000, 60, 'Too many sign-in attempts.'),
      joinPerAgent: new Limit(10_000, 60, 'Too many joins.'),
    },
  });
  owner = await createAgent(t, { name: 'Olga Owner' });
  first = await createAgent(t, { name: 'Finn First' });
  second = await createAgent(t, { name: 'Sami Second' });
  outsider = await createAgent(t, { name: 'Otto Outsider' });
  channelId = (await createChannel(t, [owner, first, second])).id;
});

afterAll(() => t.cleanup());

/** A request of the owner's in the shared channel: `first` invited, then `second` joined by code. */
async function sessionOfThree(): Promise<SessionRequest> {
  const request = await createRequest(owner.api, 'Ana', channelId);
  expectStatus(await owner.api.post(`/requests/${request.id}/invite`, { agentIds: [first.agent.id] }), 200);
  // A minute later (the test's clock stands still otherwise): `first` is the longest-standing.
  t.clock.advance(60_000);
  expectStatus(await second.api.post('/join', { sessionCode: request.sessionCode }), 200);
  return request;
}

/** The end user opens the link (Waiting), then allows access (Ready). */
async function ready(request: SessionRequest): Promise<void> {
  expect((await t.api.call('GET', `/j/${tokenOf(request.link)}`)).status).toBe(200);
  const allow = await t.api.call('POST', `/j/${tokenOf(request.link)}/allow`, 'remoteId=123456789', FORM);
  expect(allow.status).toBe(303);
}

describe('Leave', () => {
  it('by a participant: the session goes on without them, and the timeline says so', async () => {
    const request = await sessionOfThree();
    const after = expectStatus(
      await first.api.post<SessionRequest>(`/requests/${request.id}/leave`, {}),
      200,
    );
    expect(after.assigneeId).toBe(owner.agent.id);
    expect(after.participants.map((p) => p.agentId)).toEqual([second.agent.id]);
    expect(after.status).toBe('open');
    // The mailer may log an e-mail it sent (email_sent) meanwhile: the last event an agent caused.
    const last = (await timeline(owner.api, request.id)).filter((e) => !e.type.startsWith('email_')).at(-1);
    expect(last).toMatchObject({ type: 'left', actor: { agentId: first.agent.id } });
  });

  it('by the owner: ownership passes to the longest-standing participant, recorded in the timeline', async () => {
    const request = await sessionOfThree();
    await ready(request);
    expectStatus(await owner.api.post(`/requests/${request.id}/connect`, {}), 200);
    const after = expectStatus(
      await owner.api.post<SessionRequest>(`/requests/${request.id}/leave`, {}),
      200,
    );
    // Invited before the other joined: Finn takes over, Sami stays a participant.
    expect(after.assigneeId).toBe(first.agent.id);
    expect(after.participants.map((p) => p.agentId)).toEqual([second.agent.id]);
    // The owner's remote-control session ended with their leaving.
    expect(after.connectedAgentIds).toEqual([]);
    expect(after.status).toBe('ready');
    const events = (await timeline(first.api, request.id)).slice(-3);
    expect(events.map((e) => e.type)).toEqual(['disconnected', 'left', 'owner_changed']);
    expect(events[2]!.data).toMatchObject({ agentId: first.agent.id, agentName: 'Finn First' });
    // The new owner may now end it; the former owner is off the request.
    expectRefused(await owner.api.post(`/requests/${request.id}/leave`, {}), 403, 'not_on_request');
  });

  it('by the owner alone: the request goes back to its channel’s queue', async () => {
    const request = await createRequest(owner.api, 'Ana', channelId);
    const after = expectStatus(
      await owner.api.post<SessionRequest>(`/requests/${request.id}/leave`, {}),
      200,
    );
    expect(after.assigneeId).toBeNull();
    expect((await timeline(owner.api, request.id)).at(-1)).toMatchObject({
      type: 'owner_changed',
      data: { agentId: null },
    });
    expectStatus(await second.api.post(`/requests/${request.id}/pickup`, {}), 200);
  });

  it('is refused to the owner of a Private request: nobody could take it over', async () => {
    const request = await createRequest(owner.api, 'Ana');
    const response = await owner.api.post(`/requests/${request.id}/leave`, {});
    expectRefused(response, 403, 'private_channel');
    expect((await getRequest(owner.api, request.id)).assigneeId).toBe(owner.agent.id);
  });

  it('is refused to an agent who is not on the request', async () => {
    const request = await createRequest(owner.api, 'Ana', channelId);
    expectRefused(await second.api.post(`/requests/${request.id}/leave`, {}), 403, 'not_on_request');
  });
});

describe('End session', () => {
  it('is refused to a participant: only the owner (or an admin) ends it for everyone', async () => {
    const request = await sessionOfThree();
    expectRefused(await first.api.post(`/requests/${request.id}/end`, {}), 403, 'not_owner');
    expect((await getRequest(owner.api, request.id)).status).toBe('open');
  });

  it('by the owner closes it for everyone: each participant’s feed has it closed, the code is retired', async () => {
    const request = await sessionOfThree();
    const ended = expectStatus(await owner.api.post<SessionRequest>(`/requests/${request.id}/end`, {}), 200);
    expect(ended.status).toBe('closed');
    for (const participant of [first, second]) {
      const changes = await syncAll(participant.api);
      const seen = changes.find((c) => c.type === 'request' && c.request.id === request.id);
      expect(seen?.type === 'request' && seen.request.status).toBe('closed');
    }
    // The mailer may log an e-mail it sent (email_sent) meanwhile: the last event an agent caused.
    const events = (await timeline(first.api, request.id)).filter((e) => !e.type.startsWith('email_'));
    expect(events.at(-1)).toMatchObject({ type: 'ended', actor: { agentId: owner.agent.id } });
    expectRefused(await outsider.api.post('/join', { sessionCode: request.sessionCode }), 404, 'not_found');
  });

  it('by an admin who is not on it works too', async () => {
    const request = await sessionOfThree();
    expect(
      expectStatus(await t.admin.post<SessionRequest>(`/requests/${request.id}/end`, {}), 200).status,
    ).toBe('closed');
  });
});

describe('Join by session code', () => {
  it('answers a code no live session has with 404 and a sentence', async () => {
    const response = await first.api.post('/join', { sessionCode: '00000000' });
    expectRefused(response, 404, 'not_found');
    expect(response.body.error.message).toMatch(/mistyped|ended/);
  });

  it('refuses a malformed code with the field’s message', async () => {
    const response = await first.api.post('/join', { sessionCode: '1234' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toMatch(/8/);
  });

  it('answers a live code in a channel the agent has no access to exactly as a code no session has', async () => {
    const request = await createRequest(owner.api, 'Ana', channelId);
    const unused = request.sessionCode === '00000001' ? '00000002' : '00000001';
    const live = await outsider.api.post('/join', { sessionCode: request.sessionCode });
    const none = await outsider.api.post('/join', { sessionCode: unused });
    // Nothing tells a guesser the code is live: not the status, the code, the message, nor the channel.
    expectRefused(live, 404, 'not_found');
    expect({ status: live.status, body: live.body }).toEqual({ status: none.status, body: none.body });
    expect(JSON.stringify(live.body)).not.toContain('Test channel');
    expect((await getRequest(owner.api, request.id)).participants).toEqual([]);
  });

  it('answers a live code of someone’s Private channel exactly as a code no session has', async () => {
    const request = await createRequest(owner.api, 'Ana');
    const live = await first.api.post('/join', { sessionCode: request.sessionCode });
    const none = await first.api.post('/join', { sessionCode: '00000000' });
    expectRefused(live, 404, 'not_found');
    expect(live.body).toEqual(none.body);
    expect((await getRequest(owner.api, request.id)).participants).toEqual([]);
  });

  it('still tells a member of the channel why a live session cannot be joined', async () => {
    const request = await createRequest(owner.api, 'Ana', channelId);
    expectStatus(await first.api.post('/join', { sessionCode: request.sessionCode }), 200);
    expectRefused(
      await first.api.post('/join', { sessionCode: request.sessionCode }),
      403,
      'already_participant',
    );
  });
});

describe('a Private channel’s requests', () => {
  it('never reach another agent: not in their list, feed, search or lookups — not even an admin’s', async () => {
    const request = await createRequest(owner.api, 'Priya Private', undefined, { comments: 'secret' });
    for (const other of [first, outsider]) {
      const list = expectStatus(
        await other.api.get<{ requests: SessionRequest[] }>('/requests?limit=200&q=Priya'),
        200,
      );
      expect(list.requests.map((r) => r.id)).not.toContain(request.id);
      const changes = await syncAll(other.api);
      expect(changes.some((c) => (c.type === 'request' ? c.request.id : c.requestId) === request.id)).toBe(
        false,
      );
      expect((await other.api.get(`/requests/${request.id}`)).status).toBe(404);
      expect((await other.api.get(`/requests/${request.id}/events`)).status).toBe(404);
    }
    expect((await t.admin.get(`/requests/${request.id}`)).status).toBe(404);
    expect((await getRequest(owner.api, request.id)).recipientName).toBe('Priya Private');
  });
});
