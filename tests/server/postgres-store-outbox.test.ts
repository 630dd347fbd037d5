/**
 * The e-mail outbox and idempotency keys: the PostgreSQL SQL against the SQLite SQL, one table of cases run
 * on both; both seal what they keep. Then the claim across instances: two workers, each with its own pool,
 * claiming from one PostgreSQL database at once never get the same message.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailKind } from '../../server/store/rows';
import { testBackends } from '../support/postgres-database';
import {
  fileDatabase,
  postgresTables,
  openPostgresTables,
  tableStoreBackends,
  TEST_SEALER,
  type TableStore,
} from '../support/table-stores';

const mail = (
  messageId: string,
  now: number,
  over: { kind?: MailKind; recipient?: string; requestId?: string } = {},
) => ({
  requestId: over.requestId ?? null,
  kind: over.kind ?? 'invitation',
  recipient: over.recipient ?? 'user@example.com',
  language: 'en' as const,
  payload: { link: `https://desk.example/j/${messageId}` },
  messageId,
  now,
});

describe.each(tableStoreBackends())('outbox and idempotency keys ($dialect)', (backend) => {
  let store: TableStore;
  beforeEach(async () => (store = await backend.open()));
  afterEach(() => store.close());

  it('claims due messages oldest first, counting an attempt and leasing each until a time', async () => {
    await store.outbox.enqueue(mail('m1', 300));
    await store.outbox.enqueue(mail('m2', 100));
    await store.outbox.enqueue(mail('m3', 100));
    await store.outbox.enqueue(mail('m4', 900));
    expect(await store.outbox.pendingCount()).toBe(4);
    expect(await store.outbox.nextDueAt()).toBe(100);
    const claimed = await store.outbox.claimDue(500, 2, 10_000);
    expect(claimed).toEqual([
      {
        id: 2,
        requestId: null,
        kind: 'invitation',
        recipient: 'user@example.com',
        language: 'en',
        payload: JSON.stringify(mail('m2', 0).payload),
        messageId: 'm2',
        attempts: 1,
      },
      expect.objectContaining({ id: 3, messageId: 'm3', attempts: 1 }),
    ]);
    expect((await store.outbox.claimDue(500, 10, 10_000)).map((m) => m.messageId)).toEqual(['m1']);
    expect(await store.outbox.claimDue(500, 10, 10_000)).toEqual([]);
    expect(await store.outbox.nextDueAt()).toBe(900);
    // A lease that has run out makes the message due again, its attempts counted on.
    expect((await store.outbox.claimDue(10_000, 10, 20_000)).map((m) => [m.messageId, m.attempts])).toEqual([
      ['m4', 1],
      ['m1', 2],
      ['m2', 2],
      ['m3', 2],
    ]);
  });

  it('records sent, retried, failed and cancelled messages; forgets payloads', async () => {
    await store.outbox.enqueue(mail('sent', 0));
    await store.outbox.enqueue(mail('retried', 0));
    await store.outbox.enqueue(mail('failed', 0));
    await store.outbox.enqueue(mail('for-request', 0, { requestId: 'r1' }));
    await store.outbox.enqueue(
      mail('to-agent', 0, { kind: 'password_link', recipient: 'agent@example.com' }),
    );
    await store.outbox.enqueue(mail('forgotten', 0));
    const [sent, retried, failed, , , forgotten] = await store.outbox.claimDue(0, 10, 50);
    await store.outbox.markSent(sent!.id, 60);
    await store.outbox.scheduleRetry(retried!.id, 70, 'busy');
    await store.outbox.markFailed(failed!.id, 60, 'rejected');
    await store.outbox.cancelForRequest('r1', 60, 'deleted');
    await store.outbox.cancelUnsentTo('password_link', 'agent@example.com', 60, 'superseded');
    await store.outbox.forgetPayload(forgotten!.id);
    expect(await store.outbox.pendingCount()).toBe(2);
    expect(await store.outbox.nextDueAt()).toBe(50);
    expect((await store.outbox.claimDue(100, 10, 200)).map((m) => [m.messageId, m.payload])).toEqual([
      ['forgotten', null],
      ['retried', JSON.stringify(mail('retried', 0).payload)],
    ]);
  });

  it('keeps payloads and answers sealed; finds nothing to seal when all is sealed', async () => {
    await store.outbox.enqueue(mail('m1', 0));
    await store.idempotency.put(
      'agent',
      'key-1',
      { fingerprint: 'f', status: 201, response: '{"id":"r1"}' },
      5,
    );
    expect(await store.outbox.sealPlaintext()).toBe(0);
    expect(await store.idempotency.sealPlaintext()).toBe(0);
    expect(await store.idempotency.get('agent', 'key-1')).toEqual({
      fingerprint: 'f',
      status: 201,
      response: '{"id":"r1"}',
    });
    expect(await store.idempotency.get('agent', 'key-2')).toBeUndefined();
    expect(await store.idempotency.get('other', 'key-1')).toBeUndefined();
    await expect(
      store.idempotency.put('agent', 'key-1', { fingerprint: 'g', status: 201, response: '{}' }, 6),
    ).rejects.toThrow();
    await store.idempotency.prune(5);
    expect(await store.idempotency.get('agent', 'key-1')).toBeDefined();
    await store.idempotency.prune(6);
    expect(await store.idempotency.get('agent', 'key-1')).toBeUndefined();
  });
});

describe.runIf(testBackends().includes('postgres'))('sealed at rest (postgres)', () => {
  it('stores neither a payload nor an answer in plain text', async () => {
    const store = await postgresTables.open();
    const client = new pg.Client({ connectionString: (await fileDatabase()).url });
    await client.connect();
    try {
      await store.outbox.enqueue(mail('m1', 0));
      await store.idempotency.put(
        'agent',
        'k',
        { fingerprint: 'f', status: 201, response: '{"pin":"123456"}' },
        0,
      );
      const { rows } = await client.query<{ sealed: string }>(
        'SELECT payload AS sealed FROM outbox UNION ALL SELECT response FROM idempotency_keys',
      );
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.sealed.startsWith(TEST_SEALER.prefix)).toBe(true);
        expect(row.sealed).not.toMatch(/desk\.example|123456/);
      }
    } finally {
      await client.end();
      await store.close();
    }
  });
});

describe.runIf(testBackends().includes('postgres'))('outbox claims across instances (postgres)', () => {
  it('never gives two workers on one database the same message', async () => {
    const setup = await postgresTables.open();
    const MESSAGES = 300;
    await setup.transaction(async () => {
      for (let i = 0; i < MESSAGES; i++) await setup.outbox.enqueue(mail(`m${i}`, i % 7));
    });
    await setup.close();
    // Two instances: each its own pool, each with several claims in flight at once.
    const instances = [await openPostgresTables(4), await openPostgresTables(4)];
    const claimedBy = instances.map(() => [] as string[]);
    const worker = async (instance: number) => {
      for (;;) {
        const claimed = await instances[instance]!.outbox.claimDue(1_000, 3, 1_000_000);
        if (claimed.length === 0) return;
        claimedBy[instance]!.push(...claimed.map((m) => m.messageId));
      }
    };
    try {
      await Promise.all([0, 1, 0, 1, 0, 1].map(worker));
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
    const all = claimedBy.flat();
    expect(new Set(all).size).toBe(MESSAGES);
    expect(all).toHaveLength(MESSAGES);
    // Both instances took part (a claim skips what the other has locked rather than wait for it).
    expect(claimedBy.every((ids) => ids.length > 0)).toBe(true);
  });
});
