/**
 * The audit log (issue 17) against a real service, on SQLite and again on PostgreSQL: sign-ins (refused
 * ones with the address and the e-mail tried), admin changes with their actor, every request event — kept
 * after the request is deleted — paging and filters, the CSV and JSON Lines exports, retention by the
 * organisation's setting (moved by the service's clock), and who may read it. The service trusts loopback
 * as a proxy, so the addresses recorded are the X-Forwarded-For the test sends: what `--trust-proxy` makes
 * of the client's address reaches the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { Agent, Channel, LoginResponse, Organisation } from '@shared/protocol/api';
import {
  auditEntrySchema,
  auditPageSchema,
  type AuditEntry,
  type CreatedIntegrationToken,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@shared/protocol/integrations';
import { Scheduler } from '../../server/services/scheduler';
import type { Api } from '../support/api-client';
import { expectStatus } from '../support/api-client';
import {
  ADMIN,
  createAgent,
  startTestService,
  type TestAgent,
  type TestService,
} from '../support/service-harness';
import { WebhookReceiver } from '../support/webhook-receiver';

const DAY_MS = 24 * 3_600_000;
const ADMIN_ADDRESS = '203.0.113.10';

describe('the audit log', () => {
  let t: TestService;
  /** The admin, signed in (again after the clock moves past the access token's life). */
  let direct: Api;
  /** The same admin, calling from ADMIN_ADDRESS (through the trusted proxy). */
  let admin: Api;
  let agent: TestAgent;

  beforeAll(async () => {
    // Webhooks post to a receiver on loopback.
    t = await startTestService({
      flags: ['--trust-proxy', 'loopback', '--webhooks-allow-private', 'true'],
    });
    direct = t.admin;
    admin = withAddress(direct, ADMIN_ADDRESS);
    agent = await createAgent(t, { name: 'Beatriz', channels: [{ id: t.supportChannel.id }] });
  });

  afterAll(async () => {
    await t?.cleanup();
  });

  /** Moves the service's clock, and signs the admin in again (access tokens last 15 minutes). */
  async function advance(ms: number): Promise<void> {
    t.clock.advance(ms);
    const login = expectStatus(await t.api.post<LoginResponse>('/auth/login', ADMIN), 200);
    direct = t.api.as(login.accessToken);
    admin = withAddress(direct, ADMIN_ADDRESS);
  }

  /** `api`, each call sent as if a proxy had forwarded it from `address`. */
  function withAddress(api: Api, address: string): Api {
    const through = api.as(api.token);
    const call = through.call.bind(through);
    through.call = (method, path, body, headers = {}) =>
      call(method, path, body, { 'x-forwarded-for': address, ...headers });
    return through;
  }

  async function entries(query: string): Promise<AuditEntry[]> {
    const page = expectStatus(await direct.get(`/audit?limit=1000&${query}`), 200);
    return auditPageSchema.parse(page).entries;
  }

  async function exported(format: 'csv' | 'jsonl', query = '') {
    const response = await fetch(`${t.url}/api/v1/audit?format=${format}&${query}`, {
      headers: { authorization: `Bearer ${direct.token}` },
    });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it('records a refused sign-in with the address and the e-mail tried, and a sign-in with the agent', async () => {
    const visitor = withAddress(t.api, '198.51.100.7');
    const refused = await visitor.post('/auth/login', { email: 'Nobody@Example.com', password: 'wrong one' });
    expect(refused.status).toBe(401);
    const wrongPassword = await visitor.post('/auth/login', { email: ADMIN.email, password: 'not it' });
    expect(wrongPassword.status).toBe(401);
    const signedIn = expectStatus(
      await withAddress(t.api, '198.51.100.8').post<LoginResponse>('/auth/login', ADMIN),
      200,
    );

    const failed = await entries('type=sign_in.failed');
    expect(failed.slice(0, 2)).toEqual([
      expect.objectContaining({
        actor: { kind: 'anonymous', email: ADMIN.email },
        address: '198.51.100.7',
        data: { reason: 'invalid_credentials' },
      }),
      expect.objectContaining({
        actor: { kind: 'anonymous', email: 'nobody@example.com' },
        address: '198.51.100.7',
        target: null,
        data: { reason: 'invalid_credentials' },
      }),
    ]);
    const [succeeded] = await entries('type=sign_in.succeeded');
    expect(succeeded).toMatchObject({
      actor: { kind: 'agent', agentId: signedIn.agent.id, name: signedIn.agent.name },
      target: { kind: 'agent', id: signedIn.agent.id },
      address: '198.51.100.8',
    });

    expectStatus(
      await withAddress(t.api.as(signedIn.accessToken), '198.51.100.8').post('/auth/logout', {
        refreshToken: signedIn.refreshToken,
      }),
      204,
    );
    const [signOut] = await entries('type=sign_out');
    expect(signOut).toMatchObject({
      actor: { kind: 'agent', agentId: signedIn.agent.id },
      address: '198.51.100.8',
    });
  });

  it('records a reused refresh token, naming the agent whose sign-in it ended', async () => {
    const login = expectStatus(
      await t.api.post<LoginResponse>('/auth/login', {
        email: agent.agent.email,
        password: 'a long enough password',
      }),
      200,
    );
    expectStatus(await t.api.post('/auth/refresh', { refreshToken: login.refreshToken }), 200);
    expect((await t.api.post('/auth/refresh', { refreshToken: login.refreshToken })).status).toBe(401);
    const [reused] = await entries('type=refresh_token.reused');
    expect(reused).toMatchObject({
      actor: { kind: 'anonymous', email: null },
      target: { kind: 'agent', id: agent.agent.id, name: 'Beatriz' },
    });
  });

  it('records admin changes with the admin as the actor and what changed', async () => {
    const by = { kind: 'agent', agentId: t.adminAgent.id, name: t.adminAgent.name };
    const created = expectStatus(
      await admin.post<Agent>('/agents', {
        email: `carla-${Date.now()}@example.com`,
        name: 'Carla',
        roles: ['support_agent'],
        sendPasswordLink: true,
      }),
      201,
    );
    expectStatus(await admin.patch(`/agents/${created.id}`, { roles: ['admin'], name: 'Carla Dias' }), 200);
    expectStatus(await admin.patch(`/agents/${created.id}`, { disabled: true }), 200);
    const channel = expectStatus(
      await admin.post<Channel>('/channels', {
        name: 'Field',
        defaultExpiryMinutes: 60,
        participantLimit: 2,
      }),
      201,
    );
    expectStatus(await admin.patch(`/channels/${channel.id}`, { name: 'Field team' }), 200);
    expectStatus(
      await admin.put(`/channels/${channel.id}/members/${agent.agent.id}`, { canRelease: true }),
      200,
    );
    expectStatus(await admin.delete(`/channels/${channel.id}/members/${agent.agent.id}`), 200);
    expectStatus(await admin.patch<Organisation>('/organisation', { name: 'Acme Support' }), 200);

    const about = (id: string) => (e: AuditEntry) => e.target?.id === id;
    const ofAgent = (await entries(`type=agent.`)).filter(about(created.id)).reverse();
    expect(ofAgent.map((e) => [e.type, e.data])).toEqual([
      [
        'agent.created',
        { email: created.email, name: 'Carla', roles: ['support_agent'], passwordLink: true },
      ],
      ['agent.password_link_sent', { purpose: 'welcome' }],
      [
        'agent.updated',
        { name: { from: 'Carla', to: 'Carla Dias' }, roles: { from: ['support_agent'], to: ['admin'] } },
      ],
      ['agent.updated', { disabled: { from: false, to: true } }],
    ]);
    const ofChannel = (await entries('type=channel.')).filter(about(channel.id)).reverse();
    expect(ofChannel.map((e) => [e.type, e.data])).toEqual([
      ['channel.created', { name: 'Field', defaultExpiryMinutes: 60, participantLimit: 2 }],
      ['channel.updated', { name: { from: 'Field', to: 'Field team' } }],
      ['channel.member_added', { agentId: agent.agent.id, agentName: 'Beatriz', canRelease: true }],
      ['channel.member_removed', { agentId: agent.agent.id, agentName: 'Beatriz' }],
    ]);
    const [organisation] = await entries('type=organisation.updated');
    expect(organisation!.data).toEqual({ name: { from: 'Acme IT', to: 'Acme Support' } });
    for (const entry of [...ofAgent, ...ofChannel, organisation!]) {
      expect(entry.actor).toEqual(by);
      expect(entry.address).toBe(ADMIN_ADDRESS);
    }
  });

  it('records integration tokens created (scopes, expiry) and revoked, never their secret', async () => {
    const expiresAt = new Date(t.clock.now() + 30 * DAY_MS).toISOString();
    const token = expectStatus(
      await admin.post<CreatedIntegrationToken>('/integrations/tokens', {
        name: 'Freshservice',
        scopes: ['requests:write', 'requests:read'],
        expiresAt,
      }),
      201,
    );
    expectStatus(await admin.delete(`/integrations/tokens/${token.id}`), 204);
    // Refused: nothing happened, nothing recorded.
    expect((await admin.delete(`/integrations/tokens/${token.id}`)).status).toBe(404);

    const ofToken = (await entries('type=integration_token.'))
      .filter((e) => e.target?.id === token.id)
      .reverse();
    expect(ofToken.map((e) => [e.type, e.data])).toEqual([
      ['integration_token.created', { scopes: ['requests:read', 'requests:write'], expiresAt }],
      ['integration_token.revoked', {}],
    ]);
    for (const entry of ofToken) {
      expect(entry).toMatchObject({
        actor: { kind: 'agent', agentId: t.adminAgent.id, name: t.adminAgent.name },
        address: ADMIN_ADDRESS,
        target: { kind: 'integration_token', id: token.id, name: 'Freshservice' },
      });
    }
    expect(JSON.stringify(ofToken)).not.toContain(token.token);
  });

  it('records webhook changes by an admin or an integration, each with what changed, never a secret', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const created = expectStatus(
        await admin.post<WebhookEndpoint & { secret: string }>('/integrations/webhooks', {
          url: receiver.url,
          events: ['request.created'],
          description: 'Ticketing',
        }),
        201,
      );
      const path = `/integrations/webhooks/${created.id}`;
      expectStatus(await admin.patch(path, { description: 'Ticketing (EU)', enabled: false }), 200);
      // The same values again: no change, no entry.
      expectStatus(await admin.patch(path, { description: 'Ticketing (EU)' }), 200);
      expectStatus(await admin.patch(path, { enabled: true }), 200);
      const rotated = expectStatus(
        await admin.post<{ secret: string }>(`${path}/rotate-secret`, { overlapMinutes: 60 }),
        200,
      );
      const ping = expectStatus(await admin.post<WebhookDelivery>(`${path}/test`, {}), 200);
      await t.service.webhooks.drain();
      expectStatus(await admin.post(`${path}/deliveries/${ping.id}/redeliver`, {}), 200);
      await t.service.webhooks.drain();
      expect(receiver.posts.map((post) => post.id)).toEqual([ping.id, ping.id]);

      const token = expectStatus(
        await admin.post<CreatedIntegrationToken>('/integrations/tokens', {
          name: 'Provisioning script',
          scopes: ['webhooks:manage'],
        }),
        201,
      );
      const integration = withAddress(t.api.as(token.token), '198.51.100.20');
      expectStatus(await integration.delete(path), 204);

      const ofEndpoint = (await entries('type=webhook.'))
        .filter((e) => e.target?.id === created.id)
        .reverse();
      expect(ofEndpoint.map((e) => [e.type, e.data])).toEqual([
        [
          'webhook.created',
          { url: receiver.url, events: ['request.created'], description: 'Ticketing', includeSecrets: false },
        ],
        [
          'webhook.updated',
          {
            description: { from: 'Ticketing', to: 'Ticketing (EU)' },
            enabled: { from: true, to: false },
          },
        ],
        ['webhook.updated', { enabled: { from: false, to: true } }],
        ['webhook.secret_rotated', { overlapMinutes: 60 }],
        ['webhook.test_sent', {}],
        ['webhook.redelivered', { deliveryId: ping.id }],
        ['webhook.deleted', {}],
      ]);
      for (const entry of ofEndpoint) {
        expect(entry.target).toEqual({ kind: 'webhook', id: created.id, name: receiver.url });
      }
      for (const entry of ofEndpoint.slice(0, -1)) {
        expect(entry).toMatchObject({
          actor: { kind: 'agent', agentId: t.adminAgent.id },
          address: ADMIN_ADDRESS,
        });
      }
      expect(ofEndpoint.at(-1)).toMatchObject({
        actor: { kind: 'integration', tokenId: token.id, name: 'Provisioning script' },
        address: '198.51.100.20',
      });
      const written = JSON.stringify(ofEndpoint);
      expect(written).not.toContain(created.secret);
      expect(written).not.toContain(rotated.secret);
    } finally {
      await receiver.close();
    }
  });

  it('keeps a deleted request’s events, and records who deleted it', async () => {
    const request = expectStatus(
      await admin.post<SessionRequest>('/requests', {
        recipientName: 'Dora',
        channelId: t.supportChannel.id,
      }),
      201,
    );
    expectStatus(await admin.post(`/requests/${request.id}/notes`, { text: 'Printer on floor 2' }), 200);
    const timeline = expectStatus(
      await admin.get<{ events: { type: string }[] }>(`/requests/${request.id}/events`),
      200,
    );
    expectStatus(await admin.delete(`/requests/${request.id}`), 204);
    expect((await admin.get(`/requests/${request.id}`)).status).toBe(404);

    const kept = (await entries('type=request.')).filter((e) => e.target?.id === request.id).reverse();
    expect(kept.map((e) => e.type)).toEqual([
      ...timeline.events.map((e) => `request.${e.type}`),
      'request.deleted',
    ]);
    expect(kept.map((e) => e.type)).toContain('request.note');
    expect(kept.find((e) => e.type === 'request.note')!.data).toMatchObject({ text: 'Printer on floor 2' });
    for (const entry of kept) expect(entry.target).toEqual({ kind: 'request', id: request.id, name: 'Dora' });
    expect(kept.at(-1)).toMatchObject({
      actor: { kind: 'agent', agentId: t.adminAgent.id },
      address: ADMIN_ADDRESS,
    });
  });

  it('records what the service does on its own (sending mail) without the address of the call that caused it', async () => {
    const request = expectStatus(
      await admin.post<SessionRequest>('/requests', {
        recipientName: 'Eva',
        recipientEmail: 'eva@example.com',
        sendInvitation: true,
        channelId: t.supportChannel.id,
      }),
      201,
    );
    const ofRequest = async () => (await entries('type=request.')).filter((e) => e.target?.id === request.id);
    // The outbox worker sends the invitation after the answer: wait for its event.
    const deadline = Date.now() + 10_000;
    let sent: AuditEntry | undefined;
    while (
      !(sent = (await ofRequest()).find((e) => e.type === 'request.email_sent')) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sent).toMatchObject({ actor: { kind: 'system' }, address: null, data: { to: 'eva@example.com' } });
    expect((await ofRequest()).find((e) => e.type === 'request.created')).toMatchObject({
      actor: { kind: 'agent', agentId: t.adminAgent.id },
      address: ADMIN_ADDRESS,
    });
  });

  it('pages newest first with a cursor, and filters by type prefix, actor and period', async () => {
    const all = await entries('');
    const ids = all.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const paged: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = auditPageSchema.parse(expectStatus(await direct.get(`/audit?limit=3${query}`), 200));
      expect(page.entries.length).toBeLessThanOrEqual(3);
      paged.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(all);

    const requestEvents = await entries('type=request.');
    expect(requestEvents.length).toBeGreaterThan(0);
    expect(requestEvents.every((e) => e.type.startsWith('request.'))).toBe(true);
    expect(requestEvents).toEqual(all.filter((e) => e.type.startsWith('request.')));
    // Exact unless it ends in ".": "request" alone names no type.
    expect(await entries('type=request')).toEqual([]);

    const byAgent = await entries(`actor=${agent.agent.id}`);
    expect(byAgent.length).toBeGreaterThan(0);
    expect(byAgent.every((e) => e.actor.kind === 'agent' && e.actor.agentId === agent.agent.id)).toBe(true);

    const before = new Date(t.clock.now()).toISOString();
    await advance(DAY_MS);
    const from = new Date(t.clock.now()).toISOString();
    expectStatus(await admin.patch<Organisation>('/organisation', { name: 'Acme IT' }), 200);
    const lately = await entries(`from=${encodeURIComponent(from)}`);
    // The admin signed in again as the clock moved on, then changed the organisation.
    expect(lately.map((e) => e.type)).toEqual(['organisation.updated', 'sign_in.succeeded']);
    const earlier = await entries(`to=${encodeURIComponent(from)}`);
    expect(earlier.length).toBe(all.length);
    expect(earlier.every((e) => e.at <= before)).toBe(true);
  });

  it('refuses a cursor that is not one, field by field', async () => {
    const response = await direct.get('/audit?cursor=abc');
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'cursor', code: 'invalid_format' }),
    ]);
  });

  it('exports CSV as UTF-8 with a BOM, quoted as RFC 4180 says, in every language', async () => {
    for (const recipientName of ['王小明', 'Conceição, "Tita"\nAndrade']) {
      expectStatus(await direct.post('/requests', { recipientName, channelId: t.supportChannel.id }), 201);
    }
    const { response, bytes } = await exported('csv', 'type=request.created');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
    expect(text.split('\r\n')[0]).toBe(
      'id,at,type,actor_kind,actor_id,actor_name,actor_email,address,target_kind,target_id,target_name,data',
    );
    expect(text).toContain(',request,');
    expect(text).toContain(',王小明,');
    // A comma, quotes and a line break: the field quoted, its quotes doubled, the line break kept.
    expect(text).toContain(',"Conceição, ""Tita""\nAndrade",');
    expect(text.endsWith('\r\n')).toBe(true);
    const jsonData = /,"(\{.*\})"\r\n/.exec(text)![1]!;
    expect(JSON.parse(jsonData.replaceAll('""', '"'))).toMatchObject({});
  });

  it('writes a typed cell a spreadsheet would run as a formula as text, and its own numbers as numbers', async () => {
    for (const recipientName of ['=HYPERLINK("http://x")', '-1+2', '@SUM(A1)']) {
      expectStatus(await direct.post('/requests', { recipientName, channelId: t.supportChannel.id }), 201);
    }
    // The e-mail tried at a refused sign-in is typed by anyone at all.
    const tried = '-2+3@example.com';
    expect(
      (await withAddress(t.api, '198.51.100.9').post('/auth/login', { email: tried, password: 'nope' }))
        .status,
    ).toBe(401);
    const { bytes } = await exported('csv', 'type=request.created');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));
    // Quoted for its quotes (RFC 4180), after its leading '; the data that follows is JSON.
    expect(text).toContain(`,"'=HYPERLINK(""http://x"")","{`);
    expect(text).toContain(",'-1+2,");
    expect(text).toContain(",'@SUM(A1),");
    expect(text).not.toMatch(/,=HYPERLINK|,-1\+2|,@SUM/);
    // Every line's id is the entry's number, as is.
    const lines = text.trimEnd().split(/\r\n(?=\d+,)/);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(1).every((line) => /^[1-9]\d*,\d{4}-/.test(line))).toBe(true);

    const failed = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      (await exported('csv', 'type=sign_in.failed')).bytes.subarray(3),
    );
    expect(failed).toContain(`,'${tried},`);
  });

  it('exports JSON Lines, one entry per line, all of them', async () => {
    const { response, bytes } = await exported('jsonl');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/filename="audit-.*\.jsonl"/);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    const parsed = lines.map((line) => auditEntrySchema.parse(JSON.parse(line)));
    // The export does not stop at a page: everything the JSON pages hold (up to the latest entry).
    const all = await entries('');
    expect(parsed).toEqual(all.filter((e) => Number(e.id) <= Number(parsed[0]!.id)));
    expect(parsed.map((e) => e.target?.name)).toContain('王小明');
  });

  it('exports past its batches: every entry once, newest first', async () => {
    // More than two of the export's batches (500), recorded as the services record.
    const { audit } = t.service.services;
    for (let i = 0; i < 1_234; i++) {
      await audit.record({ type: 'bulk.written', actor: { kind: 'system' }, data: { i } });
    }
    const { response, bytes } = await exported('jsonl', 'type=bulk.');
    expect(response.status).toBe(200);
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    const written = lines.map((line) => auditEntrySchema.parse(JSON.parse(line)));
    expect(written.map((e) => e.data['i'])).toEqual(Array.from({ length: 1_234 }, (_, i) => 1_233 - i));
    const csv = await exported('csv', 'type=bulk.written');
    expect(csv.bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(1 + 1_234);
  });

  it('is read by admins only', async () => {
    const login = expectStatus(
      await t.api.post<LoginResponse>('/auth/login', {
        email: agent.agent.email,
        password: 'a long enough password',
      }),
      200,
    );
    const refused = await t.api.as(login.accessToken).get('/audit');
    expect(refused.status).toBe(403);
    expect((await t.api.get('/audit')).status).toBe(401);
    const csv = await fetch(`${t.url}/api/v1/audit?format=csv`, {
      headers: { authorization: `Bearer ${login.accessToken}` },
    });
    expect(csv.status).toBe(403);
    expect(csv.headers.get('content-disposition')).toBeNull();
  });

  it('takes the retention from the organisation, within its limits', async () => {
    for (const [value, code] of [
      [0, 'too_small'],
      [3_651, 'too_large'],
      [1.5, 'not_integer'],
      ['30', 'invalid_type'],
    ] as const) {
      const response = await direct.patch('/organisation', { auditRetentionDays: value });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([
        expect.objectContaining({ field: 'auditRetentionDays', code }),
      ]);
    }
    const current = expectStatus(await direct.get<Organisation>('/organisation'), 200);
    expect(current.auditRetentionDays).toBe(365);
    const changed = expectStatus(
      await direct.patch<Organisation>('/organisation', { auditRetentionDays: 2 }),
      200,
    );
    expect(changed.auditRetentionDays).toBe(2);
  });

  it('prunes what is older than the retention, daily, and keeps the rest', async () => {
    const housekeeping = new Scheduler(t.service.services.ctx, t.service.services.expiry);
    const before = await entries('');
    const newest = before[0]!;
    await advance(DAY_MS + 1);
    expectStatus(await admin.patch<Organisation>('/organisation', { name: 'Acme IT, renamed' }), 200);
    await advance(DAY_MS);
    // Nothing is older than two days yet but the entries made before the first day passed.
    await housekeeping.runHousekeeping();
    const after = await entries('');
    const cutoff = t.clock.now() - 2 * DAY_MS;
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((e) => Date.parse(e.at) >= cutoff)).toBe(true);
    expect(after.some((e) => e.id === newest.id)).toBe(false);
    expect(after.map((e) => e.type)).toContain('organisation.updated');
    expect(before.filter((e) => Date.parse(e.at) >= cutoff)).toEqual(
      after.filter((e) => Number(e.id) <= Number(newest.id)),
    );
  });
});
