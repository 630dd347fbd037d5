/**
 * Text messages end to end on the real service (SQLite, and PostgreSQL in the postgres project), against a
 * real HTTP receiver standing in for the gateway: Twilio's Messages API shape (path, Basic auth, form
 * fields) and a generic template (JSON-escaped), the invitation in Spanish and in Chinese and its segments,
 * retries on 503 and on 429 after Retry-After, giving up at once on 400, two workers sending a message
 * once, the gateway's secret sealed in the database and never answered, phone numbers checked, admins
 * only. Time moves by the service's clock (small backoff in tests), never by sleeping.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import { smsLength } from '@shared/domain/sms';
import type { TimelineEvent } from '@shared/protocol/api';
import type { SmsGatewaySettingsAnswer, SmsTestResult } from '@shared/protocol/sms';
import { SmsWorker } from '../../server/sms/sms-worker';
import { expectRefused, expectStatus, type Api } from '../support/api-client';
import { ManualClock } from '../support/clock';
import { createTestDatabase, type TestDatabase } from '../support/postgres-database';
import { createRequest, timeline } from '../support/requests';
import { createAgent, serviceBackend, startTestService, type TestService } from '../support/service-harness';
import { SmsReceiver } from '../support/sms-receiver';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-auth-token-never-shown';
const API_KEY = 'generic-gateway-api-key-never-shown';
const PHONE = '+41791234567';

async function setTwilio(api: Api, receiver: SmsReceiver, extra: Record<string, unknown> = {}) {
  return expectStatus(
    await api.put<SmsGatewaySettingsAnswer>('/organisation/sms-gateway', {
      kind: 'twilio',
      accountSid: SID,
      authToken: TOKEN,
      from: '+1 (415) 555-0100',
      baseUrl: receiver.url,
      ...extra,
    }),
    200,
  );
}

async function smsInvitation(api: Api, requestId: string): Promise<SessionRequest> {
  return expectStatus(await api.post<SessionRequest>(`/requests/${requestId}/sms-invitation`, {}), 200);
}

const types = (events: TimelineEvent[]) => events.map((e) => e.type).filter((t) => t.startsWith('sms_'));

/** The raw gateway row and queued messages, as the database holds them. */
async function storedRows(
  t: TestService,
  database: TestDatabase | null,
): Promise<{ secrets: string; settings: string; outbox: { recipient: string; body: string }[] }> {
  const gatewaySql = 'SELECT settings, secrets FROM sms_gateway';
  const outboxSql = 'SELECT recipient, body FROM sms_outbox';
  if (database) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const gateway = (await client.query<{ settings: string; secrets: string }>(gatewaySql)).rows[0]!;
      const outbox = (await client.query<{ recipient: string; body: string }>(outboxSql)).rows;
      return { ...gateway, outbox };
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(t.dataDir, 'sessiondesk.db'), { readonly: true });
  try {
    const gateway = db.prepare<[], { settings: string; secrets: string }>(gatewaySql).get()!;
    const outbox = db.prepare<[], { recipient: string; body: string }>(outboxSql).all();
    return { ...gateway, outbox };
  } finally {
    db.close();
  }
}

describe('SMS', () => {
  let t: TestService;
  let database: TestDatabase | null;
  let receiver: SmsReceiver;

  /** Lets the worker send what is due, moving the clock a little each round, until `check` holds. */
  async function sendUntil(check: () => boolean, stepMs = 100): Promise<void> {
    for (let round = 0; !check(); round++) {
      if (round > 200) throw new Error(`not sent: ${receiver.posts.length} posts so far`);
      await t.service.sms.drain();
      if (!check()) t.clock.advance(stepMs);
    }
  }

  /** Waits until the request's timeline holds `type` (the worker records it after the gateway answered). */
  async function timelineUntil(requestId: string, type: string): Promise<TimelineEvent[]> {
    for (let round = 0; ; round++) {
      const events = await timeline(t.admin, requestId);
      if (events.some((e) => e.type === type)) return events;
      if (round > 200) throw new Error(`no ${type} in ${JSON.stringify(types(events))}`);
      await t.service.sms.drain();
    }
  }

  beforeAll(async () => {
    database = serviceBackend() === 'postgres' ? await createTestDatabase() : null;
    t = await startTestService({
      database,
      dropDatabase: true,
      flags: ['--webhooks-allow-private', 'true'],
      clock: new ManualClock(Date.now()),
      sms: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 3 },
    });
  });
  afterAll(async () => {
    await t.cleanup();
  });
  beforeEach(async () => {
    receiver = await SmsReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('sends the invitation in Twilio’s Messages API shape, in Spanish, in one segment', async () => {
    const answer = await setTwilio(t.admin, receiver);
    expect(answer.gateway).toMatchObject({ kind: 'twilio', from: '+14155550100', authTokenSet: true });
    const request = await createRequest(t.admin, 'Ana Souza', undefined, {
      recipientPhone: '+41 (79) 123-45-67',
      emailLanguage: 'es',
    });
    expect(request.recipientPhone).toBe(PHONE);

    await smsInvitation(t.admin, request.id);
    await sendUntil(() => receiver.posts.length === 1);
    const post = receiver.posts[0]!;
    expect(post.method).toBe('POST');
    expect(post.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const [scheme, credentials] = post.headers['authorization']!.split(' ');
    expect(scheme).toBe('Basic');
    expect(Buffer.from(credentials!, 'base64').toString()).toBe(`${SID}:${TOKEN}`);
    const form = new URLSearchParams(post.body);
    expect(form.get('To')).toBe(PHONE);
    expect(form.get('From')).toBe('+14155550100');
    const body = form.get('Body')!;
    expect(body).toBe(`Acme IT: para recibir asistencia remota abra ${request.link} (PIN ${request.pin})`);
    expect(smsLength(body)).toMatchObject({ encoding: 'gsm7', segments: 1 });

    const events = await timelineUntil(request.id, 'sms_sent');
    expect(types(events)).toEqual(['sms_queued', 'sms_sent']);
    const queued = events.find((e) => e.type === 'sms_queued')!;
    expect(queued.data).toEqual({ kind: 'invitation', to: '+••••••••567' });
    expect(JSON.stringify(events)).not.toContain('791234');
  });

  it('words the invitation in Chinese as UCS-2: the link takes most of a 70-unit segment, so two', async () => {
    await setTwilio(t.admin, receiver);
    const request = await createRequest(t.admin, '王芳', undefined, {
      recipientPhone: '+86 138 0013 8000',
      emailLanguage: 'zh-Hans',
    });
    await smsInvitation(t.admin, request.id);
    await sendUntil(() => receiver.posts.length === 1);
    const body = new URLSearchParams(receiver.posts[0]!.body).get('Body')!;
    expect(body).toBe(`Acme IT：打开 ${request.link} 获取远程支持（PIN ${request.pin}）`);
    // Without the organisation's name it would take two segments too, so the name stays.
    expect(smsLength(body)).toMatchObject({ encoding: 'ucs2', segments: 2 });
    expect(new URLSearchParams(receiver.posts[0]!.body).get('To')).toBe('+8613800138000');
  });

  it('posts a generic gateway’s template, JSON-escaped, with its header; the test message says what came back', async () => {
    const saved = expectStatus(
      await t.admin.put<SmsGatewaySettingsAnswer>('/organisation/sms-gateway', {
        kind: 'http',
        url: `${receiver.url}/send`,
        contentType: 'application/json',
        bodyTemplate: '{"to":"{{to}}","message":"{{text}}","from":"helpdesk"}',
        headers: [{ name: 'X-Api-Key', value: API_KEY }],
      }),
      200,
    );
    expect(saved.gateway).toMatchObject({ kind: 'http', headers: [{ name: 'X-Api-Key', valueSet: true }] });
    // Markup, quotes and a backslash in the organisation's name reach the gateway as text, escaped.
    const orgName = 'Acme "IT" <b>&</b> \\ Ops';
    expectStatus(await t.admin.patch('/organisation', { name: orgName }), 200);
    try {
      const result = expectStatus(
        await t.admin.post<SmsTestResult>('/organisation/sms-gateway/test', { to: '+44 20 7946 0958' }),
        200,
      );
      expect(result).toEqual({ sent: true, statusCode: 201, error: null });
      const post = receiver.posts[0]!;
      expect(post.path).toBe('/send');
      expect(post.headers['x-api-key']).toBe(API_KEY);
      expect(post.headers['content-type']).toBe('application/json');
      const parsed = JSON.parse(post.body) as { to: string; message: string; from: string };
      expect(parsed.to).toBe('+442079460958');
      expect(parsed.message).toContain(orgName);
      expect(parsed.from).toBe('helpdesk');

      receiver.answer({ status: 401 });
      const refused = expectStatus(
        await t.admin.post<SmsTestResult>('/organisation/sms-gateway/test', { to: '+442079460958' }),
        200,
      );
      expect(refused).toMatchObject({ sent: false, statusCode: 401 });
    } finally {
      expectStatus(await t.admin.patch('/organisation', { name: 'Acme IT' }), 200);
    }
  });

  it('keeps a secret left out of a change, seals it in the database and never answers it', async () => {
    await setTwilio(t.admin, receiver);
    // A change without the token keeps the stored one.
    const changed = expectStatus(
      await t.admin.put<SmsGatewaySettingsAnswer>('/organisation/sms-gateway', {
        kind: 'twilio',
        accountSid: SID,
        messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
        baseUrl: receiver.url,
      }),
      200,
    );
    expect(changed.gateway).toMatchObject({ authTokenSet: true, from: null });
    const read = await t.admin.get<SmsGatewaySettingsAnswer>('/organisation/sms-gateway');
    expect(JSON.stringify(read.body)).not.toContain(TOKEN);
    expect(JSON.stringify(changed)).not.toContain(TOKEN);

    const request = await createRequest(t.admin, 'Dana', undefined, { recipientPhone: PHONE });
    await smsInvitation(t.admin, request.id);
    const rows = await storedRows(t, database);
    expect(rows.secrets.startsWith('sealed:v1:')).toBe(true);
    expect(rows.secrets).not.toContain(TOKEN);
    expect(rows.settings).not.toContain(TOKEN);
    for (const sms of rows.outbox) {
      expect(sms.recipient.startsWith('sealed:v1:')).toBe(true);
      expect(sms.body).not.toContain(request.pin);
    }

    await sendUntil(() => receiver.posts.length === 1);
    const form = new URLSearchParams(receiver.posts[0]!.body);
    expect(form.get('MessagingServiceSid')).toBe('MG0123456789abcdef0123456789abcdef');
    expect(form.get('From')).toBeNull();
    expect(Buffer.from(receiver.posts[0]!.headers['authorization']!.slice(6), 'base64').toString()).toBe(
      `${SID}:${TOKEN}`,
    );
  });

  it('retries after a 503 and sends once', async () => {
    await setTwilio(t.admin, receiver);
    receiver.answer({ status: 503 });
    const request = await createRequest(t.admin, 'Dana', undefined, { recipientPhone: PHONE });
    await smsInvitation(t.admin, request.id);
    await sendUntil(() => receiver.posts.some((p) => p.status === 201));
    expect(receiver.posts.map((p) => p.status)).toEqual([503, 201]);
    const events = await timelineUntil(request.id, 'sms_sent');
    expect(types(events)).toEqual(['sms_queued', 'sms_sent']);
  });

  it('waits for the Retry-After of a 429 before trying again', async () => {
    await setTwilio(t.admin, receiver);
    receiver.answer({ status: 429, headers: { 'retry-after': '120' } });
    const request = await createRequest(t.admin, 'Dana', undefined, { recipientPhone: PHONE });
    await smsInvitation(t.admin, request.id);
    await sendUntil(() => receiver.posts.length === 1);
    t.clock.advance(119_000);
    await t.service.sms.drain();
    expect(receiver.posts).toHaveLength(1);
    t.clock.advance(1_000);
    await sendUntil(() => receiver.posts.length === 2);
    expect(receiver.posts.map((p) => p.status)).toEqual([429, 201]);
  });

  it('gives up at once on a 400, and the timeline says why', async () => {
    await setTwilio(t.admin, receiver);
    receiver.answer({ status: 400 });
    const request = await createRequest(t.admin, 'Dana', undefined, { recipientPhone: PHONE });
    await smsInvitation(t.admin, request.id);
    const events = await timelineUntil(request.id, 'sms_failed');
    expect(types(events)).toEqual(['sms_queued', 'sms_failed']);
    expect(events.find((e) => e.type === 'sms_failed')!.data).toMatchObject({
      kind: 'invitation',
      to: '+••••••••567',
      reason: 'The gateway answered 400.',
      reasonCode: 'http_status',
      statusCode: 400,
    });
    // Given up: later rounds send nothing more.
    t.clock.advance(60_000);
    await t.service.sms.drain();
    expect(receiver.posts).toHaveLength(1);
  });

  it('gives up after its attempts when the gateway keeps failing', async () => {
    await setTwilio(t.admin, receiver);
    receiver.answer({ status: 500 }, { status: 500 }, { status: 500 });
    const request = await createRequest(t.admin, 'Dana', undefined, { recipientPhone: PHONE });
    await smsInvitation(t.admin, request.id);
    await sendUntil(() => receiver.posts.length === 3);
    const events = await timelineUntil(request.id, 'sms_failed');
    expect(types(events)).toEqual(['sms_queued', 'sms_failed']);
    t.clock.advance(60_000);
    await t.service.sms.drain();
    expect(receiver.posts).toHaveLength(3);
  });

  it('sends a queued message once when two workers drain at the same time', async () => {
    await setTwilio(t.admin, receiver);
    const second = new SmsWorker(t.service.services.ctx, { allowPrivate: true });
    try {
      const request = await createRequest(t.admin, 'Dana', undefined, { recipientPhone: PHONE });
      await smsInvitation(t.admin, request.id);
      await Promise.all([t.service.sms.drain(), second.drain(), t.service.sms.drain(), second.drain()]);
      await timelineUntil(request.id, 'sms_sent');
      expect(receiver.posts).toHaveLength(1);
      expect(types(await timeline(t.admin, request.id))).toEqual(['sms_queued', 'sms_sent']);
    } finally {
      await second.stop();
    }
  });

  it('refuses the invitation without a phone number or without a gateway', async () => {
    await setTwilio(t.admin, receiver);
    const noPhone = await createRequest(t.admin, 'Dana');
    expectRefused(
      await t.admin.post(`/requests/${noPhone.id}/sms-invitation`, {}),
      409,
      'no_recipient_phone',
    );

    const withPhone = await createRequest(t.admin, 'Dana', undefined, { recipientPhone: PHONE });
    expectStatus(await t.admin.delete('/organisation/sms-gateway'), 204);
    expect(
      expectStatus(await t.admin.get<SmsGatewaySettingsAnswer>('/organisation/sms-gateway'), 200),
    ).toEqual({
      gateway: null,
    });
    expectRefused(
      await t.admin.post(`/requests/${withPhone.id}/sms-invitation`, {}),
      409,
      'sms_not_configured',
    );
    expectRefused(
      await t.admin.post('/organisation/sms-gateway/test', { to: PHONE }),
      409,
      'sms_not_configured',
    );
  });

  it('checks phone numbers on create and on PATCH, with the field’s code', async () => {
    const refused = await t.admin.post('/requests', {
      recipientName: 'Dana',
      recipientPhone: '079 123 45 67',
    });
    expectRefused(refused, 400, 'invalid_input');
    expect((refused.body as { error: { fields: { field: string; code: string }[] } }).error.fields).toEqual([
      expect.objectContaining({ field: 'recipientPhone', code: 'invalid_phone' }),
    ]);

    const request = await createRequest(t.admin, 'Dana');
    expect(request.recipientPhone).toBeNull();
    const patched = expectStatus(
      await t.admin.patch<SessionRequest>(`/requests/${request.id}`, { recipientPhone: '+33 6 12 34 56 78' }),
      200,
    );
    expect(patched.recipientPhone).toBe('+33612345678');
    const changed = (await timeline(t.admin, request.id)).filter((e) => e.type === 'recipient_phone_changed');
    expect(changed.map((e) => e.data)).toEqual([{ to: '+••••••••678' }]);
    const bad = await t.admin.patch(`/requests/${request.id}`, { recipientPhone: '+12' });
    expectRefused(bad, 400, 'invalid_input');
    expect((bad.body as { error: { fields: { code: string }[] } }).error.fields[0]!.code).toBe(
      'invalid_phone',
    );
    const cleared = expectStatus(
      await t.admin.patch<SessionRequest>(`/requests/${request.id}`, { recipientPhone: null }),
      200,
    );
    expect(cleared.recipientPhone).toBeNull();
    const events = (await timeline(t.admin, request.id)).filter((e) => e.type === 'recipient_phone_changed');
    expect(events.map((e) => e.data)).toEqual([{ to: '+••••••••678' }, { to: null }]);
  });

  it('refuses a gateway’s settings to an agent who is not an admin, and bad settings with their codes', async () => {
    const agent = await createAgent(t, { roles: ['support_agent'] });
    expectRefused(await agent.api.get('/organisation/sms-gateway'), 403, 'admin_required');
    expectRefused(
      await agent.api.put('/organisation/sms-gateway', {
        kind: 'twilio',
        accountSid: SID,
        authToken: TOKEN,
        from: PHONE,
      }),
      403,
      'admin_required',
    );
    expectRefused(await agent.api.delete('/organisation/sms-gateway'), 403, 'admin_required');
    expectRefused(
      await agent.api.post('/organisation/sms-gateway/test', { to: PHONE }),
      403,
      'admin_required',
    );

    const both = await t.admin.put('/organisation/sms-gateway', {
      kind: 'twilio',
      accountSid: SID,
      authToken: TOKEN,
      from: PHONE,
      messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
    });
    expectRefused(both, 400, 'invalid_input');
    const template = await t.admin.put('/organisation/sms-gateway', {
      kind: 'http',
      url: `${receiver.url}/send`,
      contentType: 'application/json',
      bodyTemplate: '{"message":"{{text}}"}',
    });
    expectRefused(template, 400, 'invalid_input');
    expect((template.body as { error: { fields: { code: string }[] } }).error.fields[0]!.code).toBe(
      'sms_template',
    );
  });
});

describe('SMS gateway addresses', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('refuses a gateway inside the network unless the service allows private addresses', async () => {
    const refused = await t.admin.put('/organisation/sms-gateway', {
      kind: 'http',
      url: 'http://127.0.0.1:9/send',
      contentType: 'application/x-www-form-urlencoded',
      bodyTemplate: 'to={{to}}&text={{text}}',
    });
    expectRefused(refused, 400, 'sms_address_refused');
  });
});
