/**
 * Webhooks end to end on the real service (SQLite, and PostgreSQL in the postgres project): a real HTTP
 * receiver verifies every signature with the Standard Webhooks library, sees a request's events in order,
 * sees retries while it answers 500, both secrets during a rotation's overlap, redeliveries with the same
 * id and body; an endpoint failing for a day is disabled and the admins are told (the audit log says the
 * service did it, without the address of the call that woke the worker); the SSRF guard refuses
 * addresses inside the network without --webhooks-allow-private, at creation and again at delivery.
 * Time moves by the service's clock (small backoff in tests), never by sleeping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionRequest } from '@shared/domain/session-request';
import type { LoginResponse } from '@shared/protocol/api';
import {
  auditPageSchema,
  type AuditEntry,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '@shared/protocol/integrations';
import { webhookPayloadSchema } from '@shared/protocol/webhook-payloads';
import { expectRefused, expectStatus, type Api } from '../support/api-client';
import { ManualClock } from '../support/clock';
import { addNote, createRequest } from '../support/requests';
import { ADMIN, createAgent, startTestService, type TestService } from '../support/service-harness';
import { verifyPost, WebhookReceiver, type ReceivedPost } from '../support/webhook-receiver';

type WithSecret = WebhookEndpoint & { secret: string };

const ALLOW_PRIVATE = ['--webhooks-allow-private', 'true'];
const BACKOFF = { baseDelayMs: 50, maxDelayMs: 200 };
const HOUR = 3_600_000;

/** A service whose clock starts now: receivers check a signature's timestamp against the real time. */
function start(flags: string[] = ALLOW_PRIVATE): Promise<TestService> {
  return startTestService({ flags, clock: new ManualClock(Date.now()), webhooks: BACKOFF });
}

async function createWebhook(api: Api, body: Record<string, unknown>): Promise<WithSecret> {
  return expectStatus(await api.post<WithSecret>('/integrations/webhooks', body), 201);
}

/** Moves the clock a little (retries fall due) and lets the worker send, until `check` holds. */
async function deliverUntil(t: TestService, receiver: WebhookReceiver, check: () => boolean): Promise<void> {
  for (let round = 0; !check(); round++) {
    if (round > 200) throw new Error(`not delivered: ${receiver.posts.length} posts so far`);
    t.clock.advance(250);
    await t.service.webhooks.drain();
  }
}

async function deliveries(api: Api, endpointId: string, query = ''): Promise<WebhookDelivery[]> {
  const page = expectStatus(
    await api.get<{ deliveries: WebhookDelivery[] }>(
      `/integrations/webhooks/${endpointId}/deliveries${query}`,
    ),
    200,
  );
  return page.deliveries;
}

const typesOf = (posts: readonly ReceivedPost[], requestId: string) =>
  posts
    .filter((p) => p.payload.type !== 'ping' && p.payload.data.request.id === requestId)
    .map((p) => p.payload.type);

describe('webhooks', () => {
  let t: TestService;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await start();
  });
  afterAll(async () => {
    await t.cleanup();
  });
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    // Endpoints of one test do not post to the next one's receiver.
    const { endpoints } = expectStatus(
      await t.admin.get<{ endpoints: WebhookEndpoint[] }>('/integrations/webhooks'),
      200,
    );
    for (const e of endpoints) expectStatus(await t.admin.delete(`/integrations/webhooks/${e.id}`), 204);
    await receiver.close();
  });

  it('posts a request’s events in order, each signed as Standard Webhooks says, without link or PIN', async () => {
    const endpoint = await createWebhook(t.admin, {
      url: receiver.url,
      events: ['request.created', 'request.note_added', 'request.status_changed', 'request.closed'],
      description: 'Freshservice',
    });
    expect(endpoint).toMatchObject({ enabled: true, disabledReason: null, includeSecrets: false });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);

    const request = await createRequest(t.admin, 'Webhook Wendy');
    await addNote(t.admin, request.id, 'Printer on floor 2');
    expectStatus(await t.admin.post(`/requests/${request.id}/close`, {}), 200);

    await deliverUntil(t, receiver, () => receiver.distinct().length >= 4);
    const posts = receiver.distinct();
    expect(typesOf(posts, request.id)).toEqual([
      'request.created',
      'request.note_added',
      'request.status_changed',
      'request.closed',
    ]);
    for (const post of posts) {
      // The spec's library: the id, the timestamp and the exact body under the endpoint's secret.
      expect(verifyPost(post, endpoint.secret)).toEqual(JSON.parse(post.body));
      expect(post.headers['content-type']).toBe('application/json');
      expect(webhookPayloadSchema.safeParse(JSON.parse(post.body)).success).toBe(true);
      expect(post.body).not.toContain(request.pin);
      expect(post.body).not.toContain(request.link);
    }
    const changed = posts.find((p) => p.payload.type === 'request.status_changed')!.payload;
    expect(changed.data).toMatchObject({ from: 'open', to: 'closed', consent: 'pending' });
    const note = posts.find((p) => p.payload.type === 'request.note_added')!.payload;
    expect(note.data).toMatchObject({ text: 'Printer on floor 2', actor: { kind: 'agent' } });
    expect(() => verifyPost(posts[0]!, `whsec_${Buffer.alloc(32, 7).toString('base64')}`)).toThrow();

    const log = await deliveries(t.admin, endpoint.id);
    expect(log).toHaveLength(4);
    expect(log.map((d) => d.eventType)).toEqual([
      'request.closed',
      'request.status_changed',
      'request.note_added',
      'request.created',
    ]);
    expect(log.every((d) => d.state === 'delivered' && d.attempts === 1 && d.lastStatusCode === 204)).toBe(
      true,
    );
  });

  it('includes the link and PIN for an endpoint set to include them, and only subscribed events', async () => {
    const endpoint = await createWebhook(t.admin, {
      url: receiver.url,
      events: ['request.deleted'],
      includeSecrets: true,
    });
    const request = await createRequest(t.admin, 'Deleted Dora');
    expectStatus(await t.admin.delete(`/requests/${request.id}`), 204);
    await deliverUntil(t, receiver, () => receiver.posts.length >= 1);
    expect(receiver.posts.map((p) => p.payload.type)).toEqual(['request.deleted']);
    const data = receiver.posts[0]!.payload.data as { request: SessionRequest };
    expect(data.request).toMatchObject({ id: request.id, pin: request.pin, link: request.link });
    expect(verifyPost(receiver.posts[0]!, endpoint.secret)).toBeTruthy();
  });

  it('retries while the receiver answers 500, keeping the request’s later events behind', async () => {
    const endpoint = await createWebhook(t.admin, {
      url: receiver.url,
      events: ['request.created', 'request.note_added'],
    });
    receiver.fail(3);
    const request = await createRequest(t.admin, 'Retry Rita');
    await addNote(t.admin, request.id, 'after the create');

    await deliverUntil(t, receiver, () =>
      receiver.posts.some((p) => p.status === 204 && p.payload.type === 'request.note_added'),
    );
    // Three refusals of the create, its success, then the note: never the note before the create.
    expect(receiver.posts.map((p) => [p.payload.type, p.status])).toEqual([
      ['request.created', 500],
      ['request.created', 500],
      ['request.created', 500],
      ['request.created', 204],
      ['request.note_added', 204],
    ]);
    const createdIds = new Set(receiver.posts.slice(0, 4).map((p) => p.id));
    expect(createdIds.size).toBe(1);
    // Each attempt is signed afresh (its own timestamp) and verifies.
    for (const post of receiver.posts) expect(verifyPost(post, endpoint.secret)).toBeTruthy();

    const [note, created] = await deliveries(t.admin, endpoint.id);
    expect(created).toMatchObject({
      state: 'delivered',
      attempts: 4,
      lastStatusCode: 204,
      nextAttemptAt: null,
    });
    expect(note).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('signs with both secrets during a rotation’s overlap, and with the new one alone after it', async () => {
    const endpoint = await createWebhook(t.admin, { url: receiver.url, events: ['request.created'] });
    const rotated = expectStatus(
      await t.admin.post<WithSecret>(`/integrations/webhooks/${endpoint.id}/rotate-secret`, {
        overlapMinutes: 1,
      }),
      200,
    );
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previousSecretExpiresAt).toBe(new Date(t.clock.now() + 60_000).toISOString());

    const ping = expectStatus(
      await t.admin.post<WebhookDelivery>(`/integrations/webhooks/${endpoint.id}/test`),
      200,
    );
    expect(ping).toMatchObject({ eventType: 'ping', state: 'pending', requestId: null });
    await deliverUntil(t, receiver, () => receiver.posts.length >= 1);
    const during = receiver.posts[0]!;
    expect(during.id).toBe(ping.id);
    expect(during.payload).toMatchObject({ type: 'ping', data: { endpointId: endpoint.id } });
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verifyPost(during, endpoint.secret)).toBeTruthy();
    expect(verifyPost(during, rotated.secret)).toBeTruthy();

    // A minute on (within the library's five minutes of tolerance for the timestamp) the overlap is over.
    t.clock.advance(61_000);
    expectStatus(await t.admin.post(`/integrations/webhooks/${endpoint.id}/test`), 200);
    await deliverUntil(t, receiver, () => receiver.posts.length >= 2);
    const after = receiver.posts[1]!;
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verifyPost(after, rotated.secret)).toBeTruthy();
    expect(() => verifyPost(after, endpoint.secret)).toThrow(/No matching signature/);
    const shown = expectStatus(
      await t.admin.get<WebhookEndpoint>(`/integrations/webhooks/${endpoint.id}`),
      200,
    );
    expect(shown.previousSecretExpiresAt).toBeNull();
  });

  it('pages the delivery log newest first and redelivers the same message', async () => {
    const endpoint = await createWebhook(t.admin, { url: receiver.url, events: ['request.created'] });
    const first = await createRequest(t.admin, 'Log One');
    const second = await createRequest(t.admin, 'Log Two');
    await deliverUntil(t, receiver, () => receiver.posts.length >= 2);

    const page1 = expectStatus(
      await t.admin.get(`/integrations/webhooks/${endpoint.id}/deliveries?limit=1`),
      200,
    );
    expect(page1.deliveries.map((d: WebhookDelivery) => d.requestId)).toEqual([second.id]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = expectStatus(
      await t.admin.get(
        `/integrations/webhooks/${endpoint.id}/deliveries?limit=1&cursor=${page1.nextCursor}`,
      ),
      200,
    );
    expect(page2.deliveries.map((d: WebhookDelivery) => d.requestId)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();

    const original = receiver.posts.find(
      (p) => p.payload.type === 'request.created' && p.payload.data.request.id === first.id,
    )!;
    const again = expectStatus(
      await t.admin.post<WebhookDelivery>(
        `/integrations/webhooks/${endpoint.id}/deliveries/${original.id}/redeliver`,
      ),
      200,
    );
    expect(again).toMatchObject({ id: original.id, state: 'pending', attempts: 0 });
    await deliverUntil(t, receiver, () => receiver.posts.length >= 3);
    const redelivered = receiver.posts[2]!;
    expect(redelivered.id).toBe(original.id);
    expect(redelivered.body).toBe(original.body);
    expect(verifyPost(redelivered, endpoint.secret)).toBeTruthy();

    expectRefused(
      await t.admin.post(`/integrations/webhooks/${endpoint.id}/deliveries/msg_nope/redeliver`),
      404,
      'not_found',
    );
  });

  it('lets only admins manage webhooks, and validates what it is given', async () => {
    const agent = await createAgent(t);
    expectRefused(await agent.api.get('/integrations/webhooks'), 403, 'admin_required');
    expectRefused(
      await agent.api.post('/integrations/webhooks', { url: receiver.url, events: ['request.created'] }),
      403,
      'admin_required',
    );
    expectRefused(
      await t.admin.post('/integrations/webhooks', {
        url: 'ftp://example.com/',
        events: ['request.created'],
      }),
      400,
      'invalid_input',
    );
    expectRefused(
      await t.admin.post('/integrations/webhooks', { url: receiver.url, events: ['request.exploded'] }),
      400,
      'invalid_input',
    );
    const endpoint = await createWebhook(t.admin, { url: receiver.url, events: ['request.created'] });
    const off = expectStatus(
      await t.admin.patch<WebhookEndpoint>(`/integrations/webhooks/${endpoint.id}`, { enabled: false }),
      200,
    );
    expect(off).toMatchObject({ enabled: false, disabledReason: 'admin' });
    await createRequest(t.admin, 'Nobody Listening');
    await t.service.webhooks.drain();
    expect(receiver.posts).toEqual([]);
    expect(await deliveries(t.admin, endpoint.id)).toEqual([]);
    expectStatus(await t.admin.get(`/integrations/webhooks/${endpoint.id}`), 200);
    expectStatus(await t.admin.delete(`/integrations/webhooks/${endpoint.id}`), 204);
    expectRefused(await t.admin.get(`/integrations/webhooks/${endpoint.id}`), 404, 'not_found');
  });
});

async function signIn(t: TestService): Promise<Api> {
  const login = expectStatus(await t.api.post<LoginResponse>('/auth/login', ADMIN), 200);
  return t.api.as(login.accessToken);
}

describe('an endpoint failing for a day', () => {
  let t: TestService;
  let receiver: WebhookReceiver;

  afterEach(async () => {
    await t.cleanup();
    await receiver.close();
  });

  it('gives up its deliveries after a day, is disabled, and every admin is e-mailed', async () => {
    t = await start();
    receiver = await WebhookReceiver.start();
    receiver.failAlways(true);
    const endpoint = await createWebhook(t.admin, {
      url: receiver.url,
      events: ['request.created'],
      description: 'Broken ticketing',
    });
    await createRequest(t.admin, 'Failing Fred');
    await deliverUntil(t, receiver, () => receiver.posts.length >= 2);
    let [delivery] = await deliveries(t.admin, endpoint.id);
    expect(delivery).toMatchObject({ state: 'pending', lastStatusCode: 500, lastError: null });
    expect(delivery!.attempts).toBeGreaterThanOrEqual(2);
    const failing = expectStatus(
      await t.admin.get<WebhookEndpoint>(`/integrations/webhooks/${endpoint.id}`),
      200,
    );
    expect(failing.failingSince).toEqual(expect.any(String));
    expect(failing.enabled).toBe(true);

    // A day later the next attempt fails too: the delivery is given up and the endpoint turned off.
    t.clock.advance(24 * HOUR);
    await t.service.webhooks.drain();
    const admin = await signIn(t);
    [delivery] = await deliveries(admin, endpoint.id);
    expect(delivery).toMatchObject({ state: 'failed', nextAttemptAt: null });
    const disabled = expectStatus(
      await admin.get<WebhookEndpoint>(`/integrations/webhooks/${endpoint.id}`),
      200,
    );
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'failing' });

    await t.service.outbox.drain();
    const folder = join(t.dataDir, 'mail');
    const mails = readdirSync(folder).map((name) => readFileSync(join(folder, name), 'utf8'));
    const told = mails.filter((m) => m.includes('A webhook was turned off after failing for a day'));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`To: ${ADMIN.email}`);
    expect(told[0]).toContain(receiver.url);

    // Turned on again by an admin: its failures are forgotten.
    const on = expectStatus(
      await admin.patch<WebhookEndpoint>(`/integrations/webhooks/${endpoint.id}`, { enabled: true }),
      200,
    );
    expect(on).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('is disabled by the service itself: the audit log names no caller, even when a call’s commit woke the worker', async () => {
    // Retries an hour apart: the worker's own timer (at most a minute of real time) does not come round
    // during the test, so the only drain after the clock moves is the one a request's commit wakes.
    t = await startTestService({
      flags: ALLOW_PRIVATE,
      clock: new ManualClock(Date.now()),
      webhooks: { baseDelayMs: HOUR, maxDelayMs: HOUR },
    });
    receiver = await WebhookReceiver.start();
    receiver.failAlways(true);
    const endpoint = await createWebhook(t.admin, { url: receiver.url, events: ['request.created'] });
    await createRequest(t.admin, 'Failing Fred');
    await receiver.until(() => receiver.posts.length >= 1);
    await t.service.webhooks.drain();
    const { failingSince } = expectStatus(
      await t.admin.get<WebhookEndpoint>(`/integrations/webhooks/${endpoint.id}`),
      200,
    );
    expect(failingSince).toEqual(expect.any(String));

    // A day later a request created through the API wakes the worker at its commit: the retry that
    // fails then turns the endpoint off.
    t.clock.advance(24 * HOUR);
    const admin = await signIn(t);
    await createRequest(admin, 'Waking Wanda');
    const disabled = await eventually(async () => {
      const page = auditPageSchema.parse(expectStatus(await admin.get('/audit?type=webhook.disabled'), 200));
      return page.entries[0];
    });
    expect(disabled).toMatchObject({
      actor: { kind: 'system' },
      address: null,
      target: { kind: 'webhook', id: endpoint.id, name: receiver.url },
      data: { reason: 'failing', failingSince },
    });
    expect(receiver.posts.length).toBeGreaterThanOrEqual(2);
  });
});

/** What `read` gives once it gives something: for what the service does after an answer, on its own. */
async function eventually(read: () => Promise<AuditEntry | undefined>): Promise<AuditEntry> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await read();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('it did not happen within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the SSRF guard', () => {
  let t: TestService | undefined;

  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('refuses addresses inside the network without --webhooks-allow-private', async () => {
    t = await start([]);
    for (const url of [
      'http://127.0.0.1:8080/hooks',
      'http://10.1.2.3/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hooks',
      'http://[::ffff:127.0.0.1]/hooks',
      'http://[fd00::1]/hooks',
      'http://0.0.0.0/hooks',
      'http://localhost:9/hooks',
    ]) {
      const response = await t.admin.post('/integrations/webhooks', { url, events: ['request.created'] });
      expectRefused(response, 400, 'webhook_address_refused');
      expect(response.body.error.params.address, url).not.toBe('none');
    }
  });

  it('refuses again at delivery: an endpoint saved with the flag gets nothing once it is off', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      t = await start();
      const endpoint = await createWebhook(t.admin, { url: receiver.url, events: ['request.created'] });
      t = await t.restart({ flags: [] });
      await createRequest(t.admin, 'Guarded Gail');
      await t.service.webhooks.drain();
      const [delivery] = await deliveries(t.admin, endpoint.id);
      expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatusCode: null });
      expect(delivery!.lastError).toContain('--webhooks-allow-private');
      expect(receiver.posts).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
