/**
 * Who may do what, through the HTTP API of a real service: Private channels, transfer and the release
 * permission, release and pick up, the participant limit, disabled agents and the last admin, admin-only
 * management, state refusals (409 with the state machine's code), the support_agent role, and sign-in
 * tokens (refresh rotation with reuse detection, sign-out).
 *
 * The rate limits are raised: this file signs in more agents than the per-address limit allows in a
 * minute, and the limits are not what it tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Agent, Channel, LoginResponse, Me } from '@shared/protocol/api';
import { Limit } from '../../server/services/rate-limits';
import { type Api, expectRefused, expectStatus } from '../support/api-client';
import { addMember, addNote, getRequest, timeline, transfer } from '../support/requests';
import { createAgent, startTestService, type TestAgent, type TestService } from '../support/service-harness';

const PASSWORD = 'a long enough password'; // createAgent's

let t: TestService;

beforeAll(async () => {
  t = await startTestService({
    limits: {
      loginPerAddress: new Limit(10_000, 60, 'Too many sign-in attempts.'),
      loginAttemptsPerAccount: new Limit(10_000, 60, 'Too many failed sign-ins.'),
      pinPerAddress: new Limit(10_000, 60, 'Too many PIN attempts.'),
      joinPerAgent: new Limit(10_000, 60, 'Too many joins.'),
    },
  });
});

afterAll(() => t.cleanup());

/** A support agent of the Support channel, without the release permission unless asked. */
function supportAgent(name: string, canRelease = false): Promise<TestAgent> {
  return createAgent(t, { name, channels: [{ id: t.supportChannel.id, canRelease }] });
}

async function create(api: Api, body: Record<string, unknown>): Promise<SessionRequest> {
  return expectStatus(await api.post<SessionRequest>('/requests', { recipientName: 'Ana', ...body }), 201);
}

/** A request in Support assigned to the agent who creates it. */
function inSupport(api: Api, body: Record<string, unknown> = {}): Promise<SessionRequest> {
  return create(api, { channelId: t.supportChannel.id, ...body });
}

async function listIds(api: Api, query = ''): Promise<string[]> {
  const page = expectStatus(
    await api.get<{ requests: SessionRequest[] }>(`/requests?limit=200${query}`),
    200,
  );
  return page.requests.map((r) => r.id);
}

async function signIn(email: string, password = PASSWORD): Promise<LoginResponse> {
  return expectStatus(await t.api.post<LoginResponse>('/auth/login', { email, password }), 200);
}

describe('a Private channel', () => {
  let alice: TestAgent;
  let bob: TestAgent;
  let request: SessionRequest;

  beforeAll(async () => {
    alice = await supportAgent('Alice Private');
    bob = await supportAgent('Bob Private');
    // No channel: the creator's Private channel.
    request = await create(alice.api, { recipientName: 'Private Person', comments: 'secret-comment' });
  });

  it('holds a request created without a channel, visible to its owner', async () => {
    const me = expectStatus(await alice.api.get<Me>('/me'), 200);
    expect(request.channelId).toBe(me.privateChannelId);
    expect((await getRequest(alice.api, request.id)).id).toBe(request.id);
    expect(await listIds(alice.api)).toContain(request.id);
  });

  it.each(['another agent', 'an admin'])(
    'is hidden from %s: 404 on the request and its timeline',
    async (who) => {
      const api = who === 'an admin' ? t.admin : bob.api;
      expectRefused(await api.get(`/requests/${request.id}`), 404, 'not_found');
      expectRefused(await api.get(`/requests/${request.id}/events`), 404, 'not_found');
      // Acting on it is the same 404: its existence is not revealed.
      expectRefused(await api.post(`/requests/${request.id}/notes`, { text: 'hi' }), 404, 'not_found');
      expectRefused(await api.post(`/requests/${request.id}/close`, {}), 404, 'not_found');
      expectRefused(await api.delete(`/requests/${request.id}`), 404, 'not_found');
    },
  );

  it.each(['another agent', 'an admin'])('is not listed for %s, whatever the filter', async (who) => {
    const api = who === 'an admin' ? t.admin : bob.api;
    expect(await listIds(api)).not.toContain(request.id);
    expect(await listIds(api, `&q=${request.pin}`)).not.toContain(request.id);
    expect(await listIds(api, '&q=secret-comment')).not.toContain(request.id);
    const channels = expectStatus(await api.get<{ channels: Channel[] }>('/channels'), 200).channels;
    expect(channels.map((c) => c.id)).not.toContain(request.channelId);
  });

  it.each(['another agent', 'an admin'])(
    'refuses %s joining it by session code with the 404 of a code no session has',
    async (who) => {
      const api = who === 'an admin' ? t.admin : bob.api;
      expectRefused(await api.post('/join', { sessionCode: request.sessionCode }), 404, 'not_found');
      expect((await getRequest(alice.api, request.id)).participants).toEqual([]);
    },
  );

  it('has no queue to release to', async () => {
    expectRefused(await alice.api.post(`/requests/${request.id}/release`, {}), 403, 'private_channel');
  });
});

describe('transfer', () => {
  it('to another agent is refused without the release permission, with the rule’s reason', async () => {
    const alice = await supportAgent('Alice Transfer');
    const bob = await supportAgent('Bob Transfer');
    const request = await inSupport(alice.api);
    expect(request.assigneeId).toBe(alice.agent.id);

    const refused = await alice.api.post(`/requests/${request.id}/transfer`, { agentId: bob.agent.id });
    expectRefused(refused, 403, 'release_permission_required');
    expect(refused.body.error.message).toBe(
      'Only agents with the release permission can transfer to another agent.',
    );
    expect((await getRequest(alice.api, request.id)).assigneeId).toBe(alice.agent.id);
  });

  it('to another agent is allowed with the release permission', async () => {
    const alice = await supportAgent('Alice Transfer 2');
    const bob = await supportAgent('Bob Transfer 2');
    const rita = await supportAgent('Rita Release', true);
    const request = await inSupport(alice.api);

    const moved = expectStatus(
      await rita.api.post<SessionRequest>(`/requests/${request.id}/transfer`, {
        agentId: bob.agent.id,
        note: 'Bob knows printers',
      }),
      200,
    );
    expect(moved.assigneeId).toBe(bob.agent.id);
    expect((await getRequest(bob.api, request.id)).assigneeId).toBe(bob.agent.id);
    const last = (await timeline(bob.api, request.id)).at(-1)!;
    expect(last).toMatchObject({
      type: 'transferred',
      actor: { kind: 'agent', agentId: rita.agent.id },
      data: { agentId: bob.agent.id, previousAgentId: alice.agent.id, note: 'Bob knows printers' },
    });
  });

  it('to a channel needs access to that channel', async () => {
    const billing = expectStatus(await t.admin.post<Channel>('/channels', { name: 'Billing transfer' }), 201);
    const mover = await supportAgent('Mover');
    const stayer = await supportAgent('Stayer');
    const request = await inSupport(mover.api);

    const refused = await mover.api.post(`/requests/${request.id}/transfer`, { channelId: billing.id });
    expectRefused(refused, 403, 'no_channel_access');
    expect(refused.body.error.message).toContain('Billing transfer');
    expect((await getRequest(mover.api, request.id)).channelId).toBe(t.supportChannel.id);

    await addMember(t, billing.id, mover);
    const moved = await transfer(mover.api, request.id, billing.id);
    // The mover works in the new channel, so keeps it.
    expect(moved).toMatchObject({ channelId: billing.id, assigneeId: mover.agent.id });
    // Members of the old channel only no longer see it.
    expectRefused(await stayer.api.get(`/requests/${request.id}`), 404, 'not_found');
    expect(await listIds(stayer.api)).not.toContain(request.id);
  });
});

describe('release and pick up', () => {
  it('sends the request to its channel’s queue, where another member picks it up', async () => {
    const alice = await supportAgent('Alice Queue');
    const bob = await supportAgent('Bob Queue');
    const carol = await supportAgent('Carol Queue');
    const request = await inSupport(alice.api);

    const released = expectStatus(
      await alice.api.post<SessionRequest>(`/requests/${request.id}/release`, { note: 'Off shift' }),
      200,
    );
    expect(released.assigneeId).toBeNull();
    // In queue: unassigned in its channel, for every member.
    expect(await listIds(bob.api, `&assignee=unassigned&channelId=${t.supportChannel.id}`)).toContain(
      request.id,
    );
    expectRefused(await alice.api.post(`/requests/${request.id}/release`, {}), 403, 'not_assigned');

    const picked = expectStatus(
      await bob.api.post<SessionRequest>(`/requests/${request.id}/pickup`, {}),
      200,
    );
    expect(picked.assigneeId).toBe(bob.agent.id);
    expect(await listIds(bob.api, '&assignee=me')).toContain(request.id);
    expect(await listIds(bob.api, '&assignee=unassigned')).not.toContain(request.id);

    // Once picked up it is no longer in the queue.
    expectRefused(await carol.api.post(`/requests/${request.id}/pickup`, {}), 403, 'not_in_queue');
    const types = (await timeline(bob.api, request.id)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['released', 'picked_up']);
  });

  it('is refused to an agent who is neither the assignee nor holds the release permission', async () => {
    const alice = await supportAgent('Alice Keep');
    const bob = await supportAgent('Bob Keep');
    const request = await inSupport(alice.api);
    expectRefused(
      await bob.api.post(`/requests/${request.id}/release`, {}),
      403,
      'release_permission_required',
    );
    expect((await getRequest(alice.api, request.id)).assigneeId).toBe(alice.agent.id);
  });
});

describe('the participant limit (3 agents in all by default)', () => {
  let alice: TestAgent;
  let bob: TestAgent;
  let carol: TestAgent;
  let dan: TestAgent;

  beforeAll(async () => {
    alice = await supportAgent('Alice Limit');
    bob = await supportAgent('Bob Limit');
    carol = await supportAgent('Carol Limit');
    dan = await supportAgent('Dan Limit');
    expect(t.supportChannel.participantLimit).toBe(3);
  });

  it('refuses inviting a third technician', async () => {
    const request = await inSupport(alice.api);
    const invited = expectStatus(
      await alice.api.post<SessionRequest>(`/requests/${request.id}/invite`, {
        agentIds: [bob.agent.id, carol.agent.id],
      }),
      200,
    );
    expect(invited.participants.map((p) => p.agentId).sort()).toEqual([bob.agent.id, carol.agent.id].sort());

    const refused = await alice.api.post(`/requests/${request.id}/invite`, { agentIds: [dan.agent.id] });
    expectRefused(refused, 403, 'participant_limit');
    expect(refused.body.error.message).toContain('at most 3 agents');
    expect((await getRequest(alice.api, request.id)).participants).toHaveLength(2);
  });

  it('refuses inviting three technicians at once', async () => {
    const request = await inSupport(alice.api);
    expectRefused(
      await alice.api.post(`/requests/${request.id}/invite`, {
        agentIds: [bob.agent.id, carol.agent.id, dan.agent.id],
      }),
      403,
      'participant_limit',
    );
    expect((await getRequest(alice.api, request.id)).participants).toEqual([]);
  });

  it('lets an agent join by session code until the session is full, then refuses', async () => {
    const request = await inSupport(alice.api);
    expectStatus(await alice.api.post(`/requests/${request.id}/invite`, { agentIds: [bob.agent.id] }), 200);

    const joined = expectStatus(
      await carol.api.post<SessionRequest>('/join', { sessionCode: request.sessionCode }),
      200,
    );
    expect(joined.participants).toEqual(
      expect.arrayContaining([expect.objectContaining({ agentId: carol.agent.id, via: 'joined' })]),
    );

    expectRefused(
      await dan.api.post('/join', { sessionCode: request.sessionCode }),
      403,
      'participant_limit',
    );
    expect((await getRequest(alice.api, request.id)).participants.map((p) => p.agentId)).not.toContain(
      dan.agent.id,
    );
    // Joining twice is refused too.
    expectRefused(
      await carol.api.post('/join', { sessionCode: request.sessionCode }),
      403,
      'already_participant',
    );
  });
});

describe('a disabled agent', () => {
  it('is signed out at once and cannot sign in again until enabled', async () => {
    const eve = await supportAgent('Eve Disabled');
    expectStatus(await eve.api.get('/me'), 200);

    const disabled = expectStatus(
      await t.admin.patch<Agent>(`/agents/${eve.agent.id}`, { disabled: true }),
      200,
    );
    expect(disabled.disabled).toBe(true);

    expectRefused(await eve.api.get('/me'), 401, 'unauthorized');
    expect((await t.api.post('/auth/refresh', { refreshToken: eve.login.refreshToken })).status).toBe(401);
    const login = await t.api.post('/auth/login', { email: eve.agent.email, password: PASSWORD });
    expectRefused(login, 403, 'account_disabled');

    expectStatus(await t.admin.patch(`/agents/${eve.agent.id}`, { disabled: false }), 200);
    const again = await signIn(eve.agent.email);
    expectStatus(await t.api.as(again.accessToken).get('/me'), 200);
  });

  it('cannot be the last enabled admin: disabling or demoting them is refused with 409', async () => {
    expectRefused(await t.admin.patch(`/agents/${t.adminAgent.id}`, { disabled: true }), 409, 'last_admin');
    expectRefused(
      await t.admin.patch(`/agents/${t.adminAgent.id}`, { roles: ['support_agent'] }),
      409,
      'last_admin',
    );
    const me = expectStatus(await t.admin.get<Me>('/me'), 200);
    expect(me).toMatchObject({ disabled: false, roles: expect.arrayContaining(['admin']) });

    // With a second admin, that one may be disabled: the first still remains.
    const second = await createAgent(t, { name: 'Second Admin', roles: ['admin', 'support_agent'] });
    expectStatus(await t.admin.patch(`/agents/${second.agent.id}`, { disabled: true }), 200);
    expectRefused(await t.admin.patch(`/agents/${t.adminAgent.id}`, { disabled: true }), 409, 'last_admin');
  });
});

describe('admin-only management', () => {
  it('refuses support agents with 403 admin_required and changes nothing', async () => {
    const alice = await supportAgent('Alice Not Admin');
    const bob = await supportAgent('Bob Not Admin');
    const refusals = [
      await alice.api.post('/agents', {
        email: 'sneaky@example.com',
        name: 'Sneaky',
        password: 'a long enough password',
      }),
      await alice.api.patch(`/agents/${bob.agent.id}`, { name: 'Renamed' }),
      await alice.api.patch(`/agents/${bob.agent.id}`, { disabled: true }),
      // Not even on themselves: no promotion to admin.
      await alice.api.patch(`/agents/${alice.agent.id}`, { roles: ['admin', 'support_agent'] }),
      await alice.api.post('/channels', { name: 'Sneaky channel' }),
      await alice.api.patch(`/channels/${t.supportChannel.id}`, { participantLimit: 10 }),
      await alice.api.put(`/channels/${t.supportChannel.id}/members/${alice.agent.id}`, { canRelease: true }),
      await alice.api.delete(`/channels/${t.supportChannel.id}/members/${bob.agent.id}`),
    ];
    for (const refused of refusals) expectRefused(refused, 403, 'admin_required');

    const agents = expectStatus(await t.admin.get<{ agents: Agent[] }>('/agents'), 200).agents;
    expect(agents.find((a) => a.email === 'sneaky@example.com')).toBeUndefined();
    expect(agents.find((a) => a.id === bob.agent.id)).toMatchObject({
      name: 'Bob Not Admin',
      disabled: false,
    });
    expect(agents.find((a) => a.id === alice.agent.id)?.roles).toEqual(['support_agent']);
    const channels = expectStatus(await t.admin.get<{ channels: Channel[] }>('/channels'), 200).channels;
    expect(channels.find((c) => c.name === 'Sneaky channel')).toBeUndefined();
    const support = channels.find((c) => c.id === t.supportChannel.id)!;
    expect(support.participantLimit).toBe(3);
    expect(support.members).toEqual(
      expect.arrayContaining([
        { agentId: alice.agent.id, canRelease: false },
        { agentId: bob.agent.id, canRelease: false },
      ]),
    );
  });
});

describe('the state machine answers 409 with its code', () => {
  it('refuses Connect while the request is Open: not_ready', async () => {
    const request = await inSupport(t.admin);
    expect(request.status).toBe('open');
    expectRefused(await t.admin.post(`/requests/${request.id}/connect`, {}), 409, 'not_ready');
    expect((await getRequest(t.admin, request.id)).status).toBe('open');
  });

  it('refuses Request access again when access was not denied: not_denied', async () => {
    const request = await inSupport(t.admin);
    expectRefused(await t.admin.post(`/requests/${request.id}/rerequest`, {}), 409, 'not_denied');
  });

  it('refuses Disconnect when not connected: not_connected', async () => {
    const request = await inSupport(t.admin);
    expectRefused(await t.admin.post(`/requests/${request.id}/disconnect`, {}), 409, 'not_connected');
  });

  describe('on a closed request', () => {
    let bob: TestAgent;
    let carol: TestAgent;
    let billing: Channel;
    let closed: SessionRequest;
    let closedQueued: SessionRequest;

    beforeAll(async () => {
      bob = await supportAgent('Bob Closed');
      carol = await supportAgent('Carol Closed');
      billing = expectStatus(await t.admin.post<Channel>('/channels', { name: 'Billing closed' }), 201);
      closed = await inSupport(t.admin, { recipientEmail: 'ana@example.com' });
      expectStatus(await t.admin.post(`/requests/${closed.id}/close`, {}), 200);
      closedQueued = await inSupport(t.admin, { assignTo: { type: 'unassigned' } });
      expectStatus(await t.admin.post(`/requests/${closedQueued.id}/close`, {}), 200);
    });

    /** Each action with a body the admin would be allowed to send, were the request not closed. */
    const BODIES: Record<string, () => Record<string, unknown>> = {
      assign: () => ({ agentId: bob.agent.id }),
      transfer: () => ({ agentId: bob.agent.id }),
      release: () => ({}),
      pickup: () => ({}),
      invite: () => ({ agentIds: [carol.agent.id] }),
      leave: () => ({}),
      end: () => ({}),
      connect: () => ({}),
      disconnect: () => ({}),
      rerequest: () => ({}),
      close: () => ({}),
      resend: () => ({}),
      reschedule: () => ({ scheduledAt: null }),
      messages: () => ({ text: 'Are you still there?' }),
    };

    it('covers every action the service documents (notes aside, which works on closed requests)', async () => {
      const doc = expectStatus(await t.admin.get<{ paths: Record<string, unknown> }>('/openapi.json'), 200);
      const actions = Object.keys(doc.paths)
        .map((path) => /^\/requests\/\{id\}\/([a-z]+)$/.exec(path)?.[1])
        .filter((name): name is string => name !== undefined && name !== 'events' && name !== 'notes');
      expect(actions.sort()).toEqual(Object.keys(BODIES).sort());
    });

    it.each(Object.keys(BODIES))('refuses %s: request_closed', async (action) => {
      const target = action === 'pickup' ? closedQueued : closed;
      const refused = await t.admin.post(`/requests/${target.id}/${action}`, BODIES[action]!());
      expectRefused(refused, 409, 'request_closed');
      const after = await getRequest(t.admin, target.id);
      expect(after).toMatchObject({
        status: 'closed',
        assigneeId: target.assigneeId,
        participants: [],
        scheduledAt: null,
      });
    });

    it('refuses a transfer to another channel: request_closed', async () => {
      expectRefused(
        await t.admin.post(`/requests/${closed.id}/transfer`, { channelId: billing.id }),
        409,
        'request_closed',
      );
      expect((await getRequest(t.admin, closed.id)).channelId).toBe(t.supportChannel.id);
    });

    it('no longer answers to its session code', async () => {
      const refused = await bob.api.post('/join', { sessionCode: closed.sessionCode });
      expectRefused(refused, 404, 'not_found');
    });

    it('still takes notes, and can be deleted', async () => {
      await addNote(t.admin, closed.id, 'Closed after the call.');
      expect(await t.admin.delete(`/requests/${closedQueued.id}`)).toMatchObject({ status: 204 });
      expectRefused(await t.admin.get(`/requests/${closedQueued.id}`), 404, 'not_found');
    });
  });
});

describe('the support_agent role', () => {
  it.each([
    ['no role', [] as const],
    ['only the admin role', ['admin'] as const],
  ])('is needed to create requests: an agent with %s gets 403 role_required', async (_name, roles) => {
    const agent = await createAgent(t, {
      name: `Roleless ${roles.length}`,
      roles: [...roles],
      channels: [{ id: t.supportChannel.id }],
    });
    const before = await listIds(t.admin);
    for (const body of [{ recipientName: 'Ana' }, { recipientName: 'Ana', channelId: t.supportChannel.id }]) {
      const refused = await agent.api.post('/requests', body);
      expectRefused(refused, 403, 'role_required');
      expect(refused.body.error.message).toBe(
        'Only agents with the support_agent role can create session requests.',
      );
    }
    expect(await listIds(t.admin)).toEqual(before);
  });
});

describe('sign-in tokens', () => {
  let agent: TestAgent;

  beforeAll(async () => {
    agent = await supportAgent('Tokens');
  });

  it('rotate: a refresh token works once; reusing it ends that whole sign-in', async () => {
    const first = await signIn(agent.agent.email);
    const other = await signIn(agent.agent.email);

    const rotated = expectStatus(
      await t.api.post<LoginResponse>('/auth/refresh', { refreshToken: first.refreshToken }),
      200,
    );
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.accessToken).not.toBe(first.accessToken);
    expectStatus(await t.api.as(rotated.accessToken).get('/me'), 200);

    // The old refresh token again: refused, and the tokens it led to stop working.
    expectRefused(
      await t.api.post('/auth/refresh', { refreshToken: first.refreshToken }),
      401,
      'invalid_credentials',
    );
    expectRefused(await t.api.as(rotated.accessToken).get('/me'), 401, 'unauthorized');
    expect((await t.api.post('/auth/refresh', { refreshToken: rotated.refreshToken })).status).toBe(401);
    expect((await t.api.as(first.accessToken).get('/me')).status).toBe(401);

    // Another sign-in of the same agent is not affected.
    expectStatus(await t.api.as(other.accessToken).get('/me'), 200);
    expectStatus(await t.api.post('/auth/refresh', { refreshToken: other.refreshToken }), 200);
  });

  it('end at sign-out: the access token answers 401, the refresh token is refused', async () => {
    const session = await signIn(agent.agent.email);
    const other = await signIn(agent.agent.email);
    const api = t.api.as(session.accessToken);
    expectStatus(await api.get('/me'), 200);

    expect((await api.post('/auth/logout', {})).status).toBe(204);
    expectRefused(await api.get('/me'), 401, 'unauthorized');
    expect((await api.get('/requests')).status).toBe(401);
    expect((await t.api.post('/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);

    expectStatus(await t.api.as(other.accessToken).get('/me'), 200);
  });

  it('refuses a wrong password and an unknown token without saying which part was wrong', async () => {
    expectRefused(
      await t.api.post('/auth/login', { email: agent.agent.email, password: 'wrong password!' }),
      401,
      'invalid_credentials',
    );
    expectRefused(
      await t.api.post('/auth/login', { email: 'nobody@example.com', password: 'wrong password!' }),
      401,
      'invalid_credentials',
    );
    expectRefused(await t.api.as('not-a-token').get('/me'), 401, 'unauthorized');
  });
});
