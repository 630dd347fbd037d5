/**
 * The PostgresStore itself on a real PostgreSQL: every table group on one migrated pool, transactions
 * through the executor (commit or roll back whole; onCommit hooks after the commit, in order, never after a
 * rollback; a failing hook reported, the commit standing), and close() ending the pool.
 */
import { FeedPosition } from '../../server/live/feed-pump';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/postgres/open';
import { PostgresStore } from '../../server/store/postgres/store';
import { testBackends } from '../support/postgres-database';
import { fileDatabase, TEST_SEALER } from '../support/table-stores';

const shared = (id: string) =>
  ({ id, name: id, kind: 'shared', ownerId: null, defaultExpiryMinutes: 60, participantLimit: 5 }) as const;

describe.runIf(testBackends().includes('postgres'))('PostgresStore', () => {
  it('commits or rolls back whole, runs commit hooks in order after the commit only, reports a failing one, and closes its pool', async () => {
    const pool = await openPostgres((await fileDatabase()).url, {
      poolSize: 2,
      logger: pino({ level: 'silent' }),
    });
    const reported: unknown[] = [];
    const log = { error: (fields: unknown) => void reported.push(fields) };
    const store = new PostgresStore(pool, TEST_SEALER, new FeedPosition(), log);
    const ran: string[] = [];
    await store.transaction(async () => {
      await store.channels.insert(shared('kept'), 0);
      store.onCommit(() => ran.push('first'));
      store.onCommit(() => {
        throw new Error('hook failed');
      });
      store.onCommit(() => ran.push('third'));
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['first', 'third']);
    expect(reported).toHaveLength(1);
    await expect(
      store.transaction(async () => {
        await store.channels.insert(shared('dropped'), 0);
        store.onCommit(() => ran.push('never'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(ran).toEqual(['first', 'third']);
    expect((await store.channels.list()).map((c) => c.id)).toEqual(['kept']);
    await store.close();
    expect(pool.ended).toBe(true);
  });
});
