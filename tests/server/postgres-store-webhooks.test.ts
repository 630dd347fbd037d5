/**
 * The webhook outbox's claim, on both stores from one table of cases: the longest-due delivery first, but a
 * request's later delivery to an endpoint never while an earlier one is pending (leased or waiting for a
 * retry); disabled endpoints wait, pings go; secrets and payloads sealed. Then across instances on
 * PostgreSQL: workers with their own pools, claiming at once, never claim one delivery twice, and claim
 * each request's deliveries in the order they were written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { openPostgres } from '../../server/db/postgres/open';
import { PostgresExecutor } from '../../server/store/postgres/executor';
import { PostgresWebhooksStore } from '../../server/store/postgres/webhooks-store';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store';
import type { WebhooksTable } from '../../server/store/store';
import type { WebhookEndpointRow } from '../../server/store/webhook-rows';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/postgres-database';
import { TEST_SEALER } from '../support/table-stores';

interface Opened {
  readonly webhooks: WebhooksTable;
  close(): Promise<void>;
}

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

async function openPostgresWebhooks(url: string): Promise<Opened> {
  const pool = await openPostgres(url, { poolSize: 4, logger: pino({ level: 'silent' }) });
  const executor = new PostgresExecutor(pool, (error) => {
    throw error;
  });
  return { webhooks: new PostgresWebhooksStore(executor, TEST_SEALER), close: () => pool.end() };
}

const BACKENDS: { dialect: string; open: () => Promise<Opened> }[] = testBackends().map((dialect) =>
  dialect === 'sqlite'
    ? {
        dialect,
        open: () => {
          const dir = mkdtempSync(join(tmpdir(), 'sessiondesk-webhooks-'));
          const store = new SqliteStore(openDatabase(join(dir, 'sessiondesk.db')), TEST_SEALER);
          return Promise.resolve({
            webhooks: store.webhooks,
            close: async () => {
              await store.close();
              rmSync(dir, { recursive: true, force: true });
            },
          });
        },
      }
    : {
        dialect,
        open: async () => {
          const database = await createTestDatabase();
          databases.push(database);
          return openPostgresWebhooks(database.url);
        },
      },
);

const endpoint = (id: string, over: Partial<Omit<WebhookEndpointRow, 'secret'>> = {}) => ({
  id,
  url: `https://tickets.example/${id}`,
  description: '',
  events: ['request.created' as const],
  enabled: true,
  disabledReason: null,
  includeSecrets: false,
  secret: `whsec_${id}`,
  previousSecret: null,
  previousSecretExpiresAt: null,
  failingSince: null,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

const delivery = (messageId: string, endpointId: string, requestId: string | null, now = 0) => ({
  messageId,
  endpointId,
  eventType: requestId ? 'request.created' : 'ping',
  requestId,
  payload: JSON.stringify({ messageId }),
  now,
});

describe.each(BACKENDS)('webhook outbox ($dialect)', (backend) => {
  let store: Opened;
  beforeEach(async () => (store = await backend.open()));
  afterEach(() => store.close());

  it('claims in order per endpoint and request, one pending delivery of a request at a time', async () => {
    const { webhooks } = store;
    await webhooks.insertEndpoint(endpoint('e1'));
    await webhooks.enqueue(delivery('r1-a', 'e1', 'r1', 10));
    await webhooks.enqueue(delivery('r1-b', 'e1', 'r1', 10));
    await webhooks.enqueue(delivery('r2-a', 'e1', 'r2', 20));

    const first = (await webhooks.claimDue(100, 1_000))!;
    expect(first).toMatchObject({ messageId: 'r1-a', attempts: 1, nextAttemptAt: 1_000 });
    expect(first.payload).toBe(JSON.stringify({ messageId: 'r1-a' }));
    expect(first.endpoint).toMatchObject({ id: 'e1', secret: 'whsec_e1', events: ['request.created'] });
    // r1-b waits behind the leased r1-a; r2 goes.
    expect((await webhooks.claimDue(100, 1_000))?.messageId).toBe('r2-a');
    expect(await webhooks.claimDue(100, 1_000)).toBeUndefined();

    // A failed attempt with a retry keeps r1-b waiting; a success lets it go.
    await webhooks.recordAttempt(first.seq, {
      delivered: false,
      statusCode: 500,
      error: null,
      durationMs: 3,
      at: 100,
      nextAttemptAt: 200,
    });
    expect(await webhooks.claimDue(150, 1_000)).toBeUndefined();
    const retried = (await webhooks.claimDue(200, 1_000))!;
    expect(retried).toMatchObject({ messageId: 'r1-a', attempts: 2, lastStatusCode: 500 });
    await webhooks.recordAttempt(retried.seq, { delivered: true, statusCode: 204, durationMs: 2, at: 210 });
    expect((await webhooks.claimDue(210, 1_000))?.messageId).toBe('r1-b');

    // A lease that ran out makes the delivery due again (at least once).
    // Both leases end at 1000: the one written first goes first.
    expect((await webhooks.claimDue(1_000, 2_000))?.messageId).toBe('r1-b');
    expect((await webhooks.claimDue(1_000, 2_000))?.messageId).toBe('r2-a');
    expect(await webhooks.delivery('e1', 'r1-a')).toMatchObject({
      state: 'delivered',
      attempts: 2,
      lastStatusCode: 204,
      nextAttemptAt: null,
    });
    expect((await webhooks.deliveries('e1', null, 2)).map((d) => d.messageId)).toEqual(['r2-a', 'r1-b']);
  });

  it('keeps a disabled endpoint’s deliveries waiting, but sends its pings; seals secrets', async () => {
    const { webhooks } = store;
    await webhooks.insertEndpoint(endpoint('off', { enabled: false, disabledReason: 'admin' }));
    await webhooks.enqueue(delivery('event', 'off', 'r1'));
    await webhooks.enqueue(delivery('ping', 'off', null));
    expect((await webhooks.claimDue(10, 100))?.messageId).toBe('ping');
    expect(await webhooks.claimDue(10, 100)).toBeUndefined();
    await webhooks.setEnabled('off', true, null, 5);
    expect((await webhooks.claimDue(10, 100))?.messageId).toBe('event');
    expect(await webhooks.enabledEndpoints()).toEqual([
      { id: 'off', events: ['request.created'], includeSecrets: false },
    ]);
  });

  it('counts failures from the first and forgets them at a success', async () => {
    const { webhooks } = store;
    await webhooks.insertEndpoint(endpoint('e1'));
    await webhooks.noteAttempt('e1', false, 100);
    await webhooks.noteAttempt('e1', false, 200);
    expect((await webhooks.endpoint('e1'))?.failingSince).toBe(100);
    await webhooks.noteAttempt('e1', true, 300);
    expect((await webhooks.endpoint('e1'))?.failingSince).toBeNull();
  });
});

describe.runIf(testBackends().includes('postgres'))('webhook claims across instances (postgres)', () => {
  it('never claims a delivery twice, and claims each request’s deliveries in order', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const setup = await openPostgresWebhooks(database.url);
    await setup.webhooks.insertEndpoint(endpoint('e1'));
    const REQUESTS = 6;
    const EACH = 8;
    for (let i = 0; i < EACH; i++) {
      for (let r = 0; r < REQUESTS; r++) await setup.webhooks.enqueue(delivery(`r${r}-${i}`, 'e1', `r${r}`));
    }
    await setup.close();

    const instances = [await openPostgresWebhooks(database.url), await openPostgresWebhooks(database.url)];
    const claimed: string[] = [];
    const worker = async (instance: Opened) => {
      for (let idle = 0; idle < 20;) {
        const next = await instance.webhooks.claimDue(1_000, 1_000_000);
        if (!next) {
          idle++;
          continue;
        }
        idle = 0;
        claimed.push(next.messageId);
        await instance.webhooks.recordAttempt(next.seq, {
          delivered: true,
          statusCode: 200,
          durationMs: 1,
          at: 1_000,
        });
      }
    };
    try {
      // Three claims in flight per instance.
      await Promise.all(
        instances.flatMap((instance) => [worker(instance), worker(instance), worker(instance)]),
      );
    } finally {
      for (const instance of instances) await instance.close();
    }
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(REQUESTS * EACH);
    for (let r = 0; r < REQUESTS; r++) {
      const order = claimed.filter((id) => id.startsWith(`r${r}-`));
      expect(order).toEqual(Array.from({ length: EACH }, (_, i) => `r${r}-${i}`));
    }
  });
});
