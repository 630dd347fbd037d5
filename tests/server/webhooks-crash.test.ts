/**
 * Webhooks across a crash: the service runs as operators run it (a child process), is killed with SIGKILL
 * while a post is in flight (the receiver holds its answer), and starts again on the same data. The
 * receiver, deduping by webhook-id, then has every event exactly once, each request's in order, every
 * signature verified with the Standard Webhooks library; and the post cut off by the kill came again with
 * the same webhook-id (at least once). On PostgreSQL in the postgres project.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '@shared/domain/integrations';
import type { SessionRequest } from '@shared/domain/session-request';
import type { LoginResponse } from '@shared/protocol/api';
import type { WebhookEndpoint } from '@shared/protocol/integrations';
import { Api, expectStatus } from '../support/api-client';
import { createTestDatabase, type TestDatabase } from '../support/postgres-database';
import { serviceBackend } from '../support/service-harness';
import { spawnService, type ServiceChild } from '../support/service-process';
import { verifyPost, WebhookReceiver } from '../support/webhook-receiver';

const CREDENTIALS = { email: 'hooks-admin@example.com', password: 'webhook crash password' };
const REQUESTS = 4;
/** What each request goes through, and the events a receiver subscribed to everything gets for it. */
const EXPECTED = ['request.created', 'request.note_added', 'request.status_changed', 'request.closed'];
/** The post whose answer is held back when the service is killed: some are delivered before it. */
const HELD_POST = 5;

describe('webhooks across a kill -9 of the service', () => {
  const running: ServiceChild[] = [];
  let dataDir: string | undefined;
  let database: TestDatabase | undefined;
  let receiver: WebhookReceiver | undefined;

  afterEach(async () => {
    for (const service of running.splice(0)) await service.kill();
    await receiver?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function startProcess(): Promise<{ service: ServiceChild; api: Api }> {
    const service = await spawnService({
      dataDir: dataDir!,
      ...(database ? { databaseUrl: database.url } : {}),
      env: {
        SESSIONDESK_ADMIN_EMAIL: CREDENTIALS.email,
        SESSIONDESK_ADMIN_PASSWORD: CREDENTIALS.password,
        SESSIONDESK_WEBHOOKS_ALLOW_PRIVATE: 'true',
        SESSIONDESK_LOG_LEVEL: 'warn',
      },
      startupLimitMs: 45_000,
    });
    running.push(service);
    const api = new Api(service.url);
    const login = expectStatus(await api.post<LoginResponse>('/auth/login', CREDENTIALS), 200);
    return { service, api: api.as(login.accessToken) };
  }

  it('delivers every event exactly once per webhook-id, in order per request', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sessiondesk-webhooks-crash-'));
    database = serviceBackend() === 'postgres' ? await createTestDatabase() : undefined;
    receiver = await WebhookReceiver.start();
    receiver.holdPost(HELD_POST);

    const first = await startProcess();
    const endpoint = expectStatus(
      await first.api.post<WebhookEndpoint & { secret: string }>('/integrations/webhooks', {
        url: receiver.url,
        events: [...WEBHOOK_EVENT_TYPES],
      }),
      201,
    );
    const requests: SessionRequest[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const request = expectStatus(
        await first.api.post<SessionRequest>('/requests', { recipientName: `Crash ${i}` }),
        201,
      );
      expectStatus(await first.api.post(`/requests/${request.id}/notes`, { text: `note ${i}` }), 200);
      expectStatus(await first.api.post(`/requests/${request.id}/close`, {}), 200);
      requests.push(request);
    }

    // The held post is in flight: kill the service now, before its answer could be recorded.
    await receiver.until(() => receiver!.posts.length >= HELD_POST);
    const held = receiver.posts[HELD_POST - 1]!;
    await first.service.kill();
    expect(receiver.distinct().length).toBeLessThan(REQUESTS * EXPECTED.length);

    // Started again, it sends the rest, and the held one again once its lease has ended.
    await startProcess();
    const total = REQUESTS * EXPECTED.length;
    await receiver.until(
      () => receiver!.distinct().length >= total && receiver!.posts.at(-1)!.status !== null,
    );
    await receiver.until(() => receiver!.posts.filter((p) => p.id === held.id).length >= 2);

    const distinct = receiver.distinct();
    expect(distinct).toHaveLength(total);
    for (const post of receiver.posts) expect(verifyPost(post, endpoint.secret)).toBeTruthy();
    for (const request of requests) {
      const types = distinct
        .filter((p) => p.payload.type !== 'ping' && p.payload.data.request.id === request.id)
        .map((p) => p.payload.type);
      expect(types, request.recipientName).toEqual(EXPECTED);
    }
    // The same message, the same body: a receiver that dedupes on webhook-id sees it once.
    const again = receiver.posts.filter((p) => p.id === held.id);
    expect(again.map((p) => p.body)).toEqual([held.body, held.body]);
  }, 120_000);
});
