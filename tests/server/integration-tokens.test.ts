/**
 * Integration tokens on a real service: created by an admin and shown once, listed without their secret,
 * refused at once when revoked or expired, their last use written at most once a minute; an integration
 * creating requests for an agent (by e-mail) in shared channels only, named in the timeline with the agent
 * it acted for, never seeing a Private channel; and a request's ticket reference set on create, changed
 * and cleared by PATCH (each recorded in the timeline), found by system and id, searched, and in the feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Channel, LoginResponse, Me, TimelineEvent } from '@shared/protocol/api';
import type { CreatedIntegrationToken, IntegrationToken } from '@shared/protocol/integrations';
import { expectRefused, expectStatus, type Api } from '../support/api-client';
import { createRequest, getRequest, syncPages, timeline } from '../support/requests';
import {
  ADMIN,
  createAgent,
  startTestService,
  type TestAgent,
  type TestService,
} from '../support/service-harness';

let t: TestService;
let bob: TestAgent;
let carol: TestAgent;
let me: Me;

beforeAll(async () => {
  t = await startTestService();
  bob = await createAgent(t, { name: 'Bob Rossi', channels: [{ id: t.supportChannel.id }] });
  carol = await createAgent(t, { name: 'Carol Chen', channels: [{ id: t.supportChannel.id }] });
  me = expectStatus(await t.admin.get<Me>('/me'), 200);
});

afterAll(() => t.cleanup());

async function createToken(body: Record<string, unknown>): Promise<CreatedIntegrationToken> {
  return expectStatus(await t.admin.post<CreatedIntegrationToken>('/integrations/tokens', body), 201);
}

async function listTokens(): Promise<IntegrationToken[]> {
  return expectStatus(await t.admin.get<{ tokens: IntegrationToken[] }>('/integrations/tokens'), 200).tokens;
}

/** A new integration, signed in with a token holding `scopes`. */
async function integration(
  name: string,
  scopes: string[],
): Promise<{ api: Api; token: CreatedIntegrationToken }> {
  const token = await createToken({ name, scopes });
  return { api: t.api.as(token.token), token };
}

const fieldsOf = (response: { body: { error: { fields: { field: string; code: string }[] } } }) =>
  response.body.error.fields.map(({ field, code }) => ({ field, code }));

describe('integration tokens', () => {
  it('are shown once, at creation, and listed without their secret', async () => {
    const created = await createToken({ name: 'Freshservice', scopes: ['requests:write', 'requests:read'] });
    expect(created.token).toMatch(/^sdi_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: 'Freshservice',
      // In the list's order, whatever order they were asked in.
      scopes: ['requests:read', 'requests:write'],
      createdBy: t.adminAgent.id,
      expiresAt: null,
      lastUsedAt: null,
    });
    expect(created.token.startsWith(created.hint)).toBe(true);
    expect(created.hint.length).toBeLessThan(12);

    const listed = (await listTokens()).find((token) => token.id === created.id);
    const { token: _secret, ...withoutSecret } = created;
    expect(listed).toEqual(withoutSecret);
    const everything = JSON.stringify(await t.admin.get('/integrations/tokens'));
    expect(everything).not.toContain(created.token);
  });

  it('are for admins to create, list and revoke, signed in as agents', async () => {
    const body = { name: 'Not allowed', scopes: ['requests:read'] };
    expectRefused(await bob.api.post('/integrations/tokens', body), 403, 'admin_required');
    expectRefused(await bob.api.get('/integrations/tokens'), 403, 'admin_required');
    const { api, token } = await integration('Minter', ['requests:read', 'webhooks:manage']);
    expectRefused(await api.post('/integrations/tokens', body), 403, 'agent_token_required');
    expectRefused(await bob.api.delete(`/integrations/tokens/${token.id}`), 403, 'admin_required');
    const past = new Date(t.clock.now() - 1_000).toISOString();
    const refused = await t.admin.post('/integrations/tokens', { ...body, expiresAt: past });
    expectStatus(refused, 400);
    expect(fieldsOf(refused)).toEqual([{ field: 'expiresAt', code: 'not_in_future' }]);
    expectStatus(await t.admin.post('/integrations/tokens', { name: 'No scopes', scopes: [] }), 400);
  });

  it('stop working at once when revoked', async () => {
    const { api, token } = await integration('Revoked soon', ['agents:read']);
    expectStatus(await api.get('/agents'), 200);
    expectStatus(await t.admin.delete(`/integrations/tokens/${token.id}`), 204);
    expectRefused(await api.get('/agents'), 401, 'unauthorized');
    expect((await listTokens()).map((listed) => listed.id)).not.toContain(token.id);
    expectRefused(await t.admin.delete(`/integrations/tokens/${token.id}`), 404, 'not_found');
  });

  it('are refused once expired, and an unknown one never works', async () => {
    const expiresAt = new Date(t.clock.now() + 60 * 60_000).toISOString();
    const token = await createToken({ name: 'For an hour', scopes: ['agents:read'], expiresAt });
    expect(token.expiresAt).toBe(expiresAt);
    const api = t.api.as(token.token);
    expectStatus(await api.get('/agents'), 200);
    t.clock.advance(60 * 60_000);
    expectRefused(await api.get('/agents'), 401, 'unauthorized');
    expectRefused(await t.api.as(`sdi_${'A'.repeat(43)}`).get('/agents'), 401, 'unauthorized');
    // The admin's own access token lapsed with the hour: sign in again for the tests after.
    const login = expectStatus(await t.api.post<LoginResponse>('/auth/login', ADMIN), 200);
    Object.assign(t, { admin: t.api.as(login.accessToken) });
    for (const agent of [bob, carol]) {
      const again = expectStatus(
        await t.api.post<LoginResponse>('/auth/login', {
          email: agent.agent.email,
          password: 'a long enough password',
        }),
        200,
      );
      Object.assign(agent, { api: t.api.as(again.accessToken) });
    }
  });

  it('record their last use, at most once a minute', async () => {
    const { api, token } = await integration('Busy', ['agents:read']);
    const lastUsed = async () => (await listTokens()).find((listed) => listed.id === token.id)!.lastUsedAt;
    expectStatus(await api.get('/agents'), 200);
    const first = new Date(t.clock.now()).toISOString();
    expect(await lastUsed()).toBe(first);
    t.clock.advance(30_000);
    expectStatus(await api.get('/agents'), 200);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(30_000);
    expectStatus(await api.get('/agents'), 200);
    expect(await lastUsed()).toBe(new Date(t.clock.now()).toISOString());
  });
});

describe('an integration creating a request', () => {
  it('creates it for an agent named by e-mail, and the timeline says so', async () => {
    const { api, token } = await integration('Zendesk', ['requests:write', 'requests:read']);
    const request = expectStatus(
      await api.post<SessionRequest>('/requests', {
        recipientName: 'Ana Souza',
        channelId: t.supportChannel.id,
        assignTo: { type: 'agentEmail', email: bob.agent.email.toUpperCase() },
      }),
      201,
    );
    expect(request).toMatchObject({
      assigneeId: bob.agent.id,
      createdBy: bob.agent.id,
      channelId: t.supportChannel.id,
    });
    const byIntegration = {
      kind: 'integration',
      tokenId: token.id,
      name: 'Zendesk',
      onBehalfOf: { agentId: bob.agent.id, name: 'Bob Rossi' },
    };
    const events = await timeline(api, request.id);
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['created', byIntegration],
      ['assigned', byIntegration],
    ]);
    // The same, read by the agent, and in the change feed.
    expect(await timeline(bob.api, request.id)).toEqual(events);
    const fed = (await syncPages(bob.api)).flatMap((page) => page.changes);
    const change = fed.findLast((c) => c.type === 'request' && c.request.id === request.id);
    expect(change?.type === 'request' && change.events.map((e) => e.actor)).toEqual([
      byIntegration,
      byIntegration,
    ]);
  });

  it('creates an unassigned one in the name of the admin who made the token', async () => {
    const { api, token } = await integration('Queue feeder', ['requests:write']);
    const request = expectStatus(
      await api.post<SessionRequest>('/requests', {
        recipientName: 'Ben',
        channelId: t.supportChannel.id,
        assignTo: { type: 'unassigned' },
      }),
      201,
    );
    expect(request).toMatchObject({ assigneeId: null, createdBy: t.adminAgent.id });
    const [created] = await timeline(t.admin, request.id);
    expect(created!.actor).toEqual({
      kind: 'integration',
      tokenId: token.id,
      name: 'Queue feeder',
      onBehalfOf: null,
    });
  });

  it('must name a shared channel and an agent or the queue, and the agent must be one who can take it', async () => {
    const { api } = await integration('Strict', ['requests:write']);
    const create = (body: Record<string, unknown>) =>
      api.post('/requests', { recipientName: 'Cleo', assignTo: { type: 'unassigned' }, ...body });
    const support = { channelId: t.supportChannel.id };
    const cases: [Record<string, unknown>, { field: string; code: string }][] = [
      [{}, { field: 'channelId', code: 'shared_channel_required' }],
      [{ channelId: me.privateChannelId }, { field: 'channelId', code: 'shared_channel_required' }],
      [
        { ...support, assignTo: { type: 'myself' } },
        { field: 'assignTo', code: 'integration_needs_agent' },
      ],
      [
        { ...support, assignTo: { type: 'agentEmail', email: 'nobody@example.com' } },
        { field: 'assignTo.email', code: 'unknown_agent' },
      ],
    ];
    for (const [body, issue] of cases) {
      const refused = await create(body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
      expect(fieldsOf(refused)).toEqual([issue]);
    }
    const dora = await createAgent(t, { name: 'Dora Disabled', channels: [{ id: t.supportChannel.id }] });
    expectStatus(await t.admin.patch(`/agents/${dora.agent.id}`, { disabled: true }), 200);
    const disabled = await create({ ...support, assignTo: { type: 'agentEmail', email: dora.agent.email } });
    expectStatus(disabled, 400);
    expect(fieldsOf(disabled)).toEqual([{ field: 'assignTo.email', code: 'agent_account_disabled' }]);
    // An agent outside the channel cannot be given its requests, as when an admin assigns.
    const erin = await createAgent(t, { name: 'Erin Elsewhere' });
    const outside = await create({ ...support, assignTo: { type: 'agentEmail', email: erin.agent.email } });
    expectRefused(outside, 403, 'target_ineligible');
  });

  it('never sees a request in a Private channel', async () => {
    const { api } = await integration('Reader', ['requests:read', 'requests:act', 'requests:write']);
    const hidden = await createRequest(t.admin, 'Private matter');
    expect(hidden.channelId).toBe(me.privateChannelId);
    const shared = await createRequest(t.admin, 'Shared matter', t.supportChannel.id);
    const listed = expectStatus(await api.get<{ requests: SessionRequest[] }>('/requests?limit=200'), 200);
    const ids = listed.requests.map((r) => r.id);
    expect(ids).toContain(shared.id);
    expect(ids).not.toContain(hidden.id);
    expectRefused(await api.get(`/requests/${hidden.id}`), 404, 'not_found');
    expectRefused(await api.get(`/requests/${hidden.id}/events`), 404, 'not_found');
    expectRefused(await api.post(`/requests/${hidden.id}/notes`, { text: 'Hi' }), 404, 'not_found');
    expectRefused(await api.patch(`/requests/${hidden.id}`, { externalRef: null }), 404, 'not_found');
    expectRefused(await api.get('/sync?since=0'), 403, 'agent_token_required');
    const directory = await integration('Directory', ['agents:read']);
    const channels = expectStatus(await directory.api.get<{ channels: Channel[] }>('/channels'), 200);
    expect(channels.channels.map((c) => c.kind)).toContain('shared');
    expect(channels.channels.map((c) => c.kind)).not.toContain('private');
  });

  it('acts on a request in its own name, and cannot do what needs a support agent', async () => {
    const { api, token } = await integration('Notes', ['requests:act', 'requests:read']);
    const request = await createRequest(t.admin, 'Dario', t.supportChannel.id, {
      assignTo: { type: 'unassigned' },
    });
    expectStatus(await api.post(`/requests/${request.id}/notes`, { text: 'From the ticket' }), 200);
    const note = (await timeline(api, request.id)).find((e) => e.type === 'note');
    expect(note?.actor).toEqual({ kind: 'integration', tokenId: token.id, name: 'Notes', onBehalfOf: null });
    expectRefused(await api.post(`/requests/${request.id}/pickup`), 403, 'role_required');
  });
});

describe('the ticket reference', () => {
  const ticket = {
    system: 'Freshservice',
    id: 'INC-1042',
    url: 'https://acme.freshservice.com/a/tickets/1042',
  };

  it('is set on create, changed and cleared by PATCH, each change in the timeline', async () => {
    const { api } = await integration('Ticketing', ['requests:write', 'requests:read']);
    const created = expectStatus(
      await api.post<SessionRequest>('/requests', {
        recipientName: 'Eva',
        channelId: t.supportChannel.id,
        assignTo: { type: 'agent', agentId: bob.agent.id },
        externalRef: ticket,
      }),
      201,
    );
    expect(created.externalRef).toEqual({ ...ticket, system: 'freshservice' });
    expect((await getRequest(bob.api, created.id)).externalRef).toEqual(created.externalRef);

    const moved = { system: 'servicenow', id: 'INC0010001' };
    const changed = expectStatus(
      await api.patch<SessionRequest>(`/requests/${created.id}`, { externalRef: moved }),
      200,
    );
    expect(changed.externalRef).toEqual({ ...moved, url: null });
    expect(changed.seq).toBeGreaterThan(created.seq);
    // The same again changes nothing.
    const same = expectStatus(
      await api.patch<SessionRequest>(`/requests/${created.id}`, { externalRef: moved }),
      200,
    );
    expect(same.seq).toBe(changed.seq);
    const cleared = expectStatus(
      await bob.api.patch<SessionRequest>(`/requests/${created.id}`, { externalRef: null }),
      200,
    );
    expect(cleared.externalRef).toBeNull();
    const changes = (await timeline(bob.api, created.id)).filter((e) => e.type === 'external_ref_changed');
    expect(changes.map((e: TimelineEvent) => [e.actor.kind, e.data])).toEqual([
      ['integration', { ...moved, url: null }],
      ['agent', { system: null, id: null, url: null }],
    ]);
  });

  it('is refused to an agent who may not manage the request, and checked as it comes', async () => {
    const request = await createRequest(t.admin, 'Fay', t.supportChannel.id, {
      assignTo: { type: 'agent', agentId: bob.agent.id },
    });
    const body = { externalRef: { system: 'jira', id: 'HELP-7' } };
    expectRefused(await carol.api.patch(`/requests/${request.id}`, body), 403, 'manage_required');
    expectStatus(await bob.api.patch(`/requests/${request.id}`, body), 200);
    const bad = await bob.api.patch(`/requests/${request.id}`, {
      externalRef: { system: 'has spaces', id: 'X', url: 'ftp://example.com' },
    });
    expectStatus(bad, 400);
    expect(
      fieldsOf(bad)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['externalRef.system', 'externalRef.url']);
    expectStatus(await bob.api.patch(`/requests/${request.id}`, {}), 400);
  });

  it('finds a ticket’s requests by system and id, and by search', async () => {
    const ref = { system: 'zendesk', id: 'ZD-31337' };
    const mine = await createRequest(t.admin, 'Gus', t.supportChannel.id, { externalRef: ref });
    await createRequest(t.admin, 'Hal', t.supportChannel.id, { externalRef: { ...ref, id: 'ZD-31338' } });
    await createRequest(t.admin, 'Ida', t.supportChannel.id, { externalRef: { ...ref, system: 'jira' } });
    const { api } = await integration('Finder', ['requests:read']);
    const found = expectStatus(
      await api.get<{ requests: SessionRequest[] }>('/requests?externalSystem=Zendesk&externalId=ZD-31337'),
      200,
    );
    expect(found.requests.map((r) => r.id)).toEqual([mine.id]);
    const searched = expectStatus(await api.get<{ requests: SessionRequest[] }>('/requests?q=zd-3133'), 200);
    expect(searched.requests.map((r) => r.recipientName).sort()).toEqual(['Gus', 'Hal', 'Ida']);
    const half = await api.get('/requests?externalSystem=zendesk');
    expectStatus(half, 400);
    expect(fieldsOf(half)).toEqual([{ field: 'externalId', code: 'required' }]);
  });

  it('is always in the request’s JSON, null when none, in the API and in the feed', async () => {
    const plain = await createRequest(t.admin, 'Jo', t.supportChannel.id);
    expect(plain.externalRef).toBeNull();
    expect(Object.keys(await getRequest(t.admin, plain.id))).toContain('externalRef');
    const fed = (await syncPages(t.admin)).flatMap((page) => page.changes);
    const requests = fed.flatMap((c) => (c.type === 'request' ? [c.request] : []));
    expect(requests.length).toBeGreaterThan(5);
    for (const request of requests) expect(request, request.id).toHaveProperty('externalRef');
  });
});
